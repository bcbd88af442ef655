import type { BreakdownCell, IndicatorKey, IndicatorResult, Operator } from '@kernteam/indicators';
import type { PartnerType } from '@kernteam/partners';
import type { IndicatorSnapshot, Plan, PlanIndicatorValue, PlanNode } from './plan.entity';
import { buildTree, NodeKind, TreeNode } from './plan-structure';

export interface PlanSummaryView { id: string; title: string; periodFrom: string; periodTo: string; version: number; createdAt: string; updatedAt: string }

export interface PlanNodeView {
  id: string; parentId: string | null; kind: NodeKind; title: string; position: number; version: number;
  /** INDICATOR only: */
  definitionKey?: IndicatorKey | null; operator?: Operator | null; target?: number | null; partnerType?: PartnerType | null; manual?: boolean;
  children: PlanNodeView[];
}

export interface PlanView extends PlanSummaryView { nodes: PlanNodeView[] }

export interface ManualValueView { nodeId: string; year: number; value: number; evidenceNote: string | null; version: number; updatedAt: string }

/** One indicator of a plan as reported for a period: computed from the data, or entered by hand. */
export interface ReportIndicator {
  nodeId: string;
  title: string;
  /** Titles of the phenomenon, strategic and operational objective and expected result it belongs to. */
  path: string[];
  source: 'COMPUTED' | 'MANUAL';
  definitionKey: IndicatorKey | null;
  partnerType: PartnerType | null;
  operator: Operator | null;
  target: number | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  met: boolean | null;
  /** MANUAL: where the value comes from. */
  evidenceNote: string | null;
  breakdown?: BreakdownCell[];
  /** A closed year: today's figures, where they differ from the reported ones above. */
  current?: ReportFigures;
  /** A reopened year: the figures last reported, where they differ from today's above. */
  reported?: ReportFigures;
}

export interface ReportFigures { numerator: number | null; denominator: number | null; value: number | null; target: number | null; met: boolean | null }

export interface ReportNode { id: string; kind: NodeKind; title: string; indicator?: ReportIndicator; children: ReportNode[] }

/** `GET /api/plans/:id/report`: the plan tree with each indicator's value, target and whether it is met. */
export interface PlanReport {
  planId: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  from: string;
  to: string;
  /** The reporting year when the period is one calendar year. */
  year: number | null;
  /** CLOSED: the figures stored when the year was closed (never recomputed); LIVE: computed now. */
  source: 'LIVE' | 'CLOSED';
  computedAt: string;
  closedAt: string | null;
  nodes: ReportNode[];
  indicators: ReportIndicator[];
}

/** What a closed (or nightly live) snapshot stores: the plan report and every computed indicator of the year. */
export interface SnapshotContent { report: PlanReport; indicators: IndicatorResult[] }

export interface SnapshotView {
  id: string; planId: string; year: number; kind: 'LIVE' | 'CLOSED'; computedAt: string; closedBy: string | null;
  revision: number; reopenedAt: string | null; reopenedBy: string | null; reopenReason: string | null;
}

export const toPlanSummary = (p: Plan): PlanSummaryView => ({
  id: p.id, title: p.title, periodFrom: p.periodFrom, periodTo: p.periodTo, version: p.version,
  createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
});

export function toNodeView(n: TreeNode<PlanNode> | PlanNode): PlanNodeView {
  const children = 'children' in n ? (n.children as TreeNode<PlanNode>[]).map(toNodeView) : [];
  const base = { id: n.id, parentId: n.parentId, kind: n.kind, title: n.title, position: n.position, version: n.version };
  if (n.kind !== 'INDICATOR') return { ...base, children };
  return {
    ...base, definitionKey: n.definitionKey, operator: n.operator, target: n.target, partnerType: n.partnerType, manual: n.definitionKey === null, children,
  };
}

export const toPlanView = (p: Plan, nodes: PlanNode[]): PlanView => ({ ...toPlanSummary(p), nodes: buildTree(nodes).map(toNodeView) });

export const toManualValueView = (v: PlanIndicatorValue): ManualValueView => ({
  nodeId: v.nodeId, year: v.year, value: v.value, evidenceNote: v.evidenceNote, version: v.version, updatedAt: new Date(v.updatedAt).toISOString(),
});

export const toSnapshotView = (s: IndicatorSnapshot): SnapshotView => ({
  id: s.id, planId: s.planId, year: s.year, kind: s.kind, computedAt: new Date(s.computedAt).toISOString(), closedBy: s.closedBy,
  revision: s.revision, reopenedAt: s.reopenedAt ? new Date(s.reopenedAt).toISOString() : null, reopenedBy: s.reopenedBy, reopenReason: s.reopenReason,
});
