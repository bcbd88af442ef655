import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BreakdownCell, INDICATOR_KEYS, IndicatorKey, IndicatorResult, Operator, OPERATORS } from '@kernteam/indicators';
import { PARTNER_TYPES, PartnerType } from '@kernteam/partners';
import type { IndicatorSnapshot, Plan, PlanIndicatorValue, PlanNode, PlanNodeComment } from './plan.entity';
import {
  buildTree, NODE_KINDS, NodeKind, PlanStructure, STRUCTURE_FORMAT, StructureIndicator, StructureOperational, StructurePhenomenon, StructureResult,
  StructureStrategic, TreeNode,
} from './plan-structure';

const UUID = { format: 'uuid' } as const;
const DATE = { format: 'date' } as const;
const INSTANT = { format: 'date-time' } as const;

export class PlanSummaryView {
  @ApiProperty(UUID) id: string;
  @ApiProperty() title: string;
  @ApiProperty(DATE) periodFrom: string;
  @ApiProperty(DATE) periodTo: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty(INSTANT) createdAt: string;
  @ApiProperty(INSTANT) updatedAt: string;
}

export class PlanNodeView {
  @ApiProperty(UUID) id: string;
  @ApiProperty({ type: String, nullable: true, ...UUID }) parentId: string | null;
  @ApiProperty({ enum: NODE_KINDS }) kind: NodeKind;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiPropertyOptional({ type: String, enum: INDICATOR_KEYS, nullable: true, description: 'INDICATOR only' }) definitionKey?: IndicatorKey | null;
  @ApiPropertyOptional({ type: String, enum: OPERATORS, nullable: true, description: 'INDICATOR only' }) operator?: Operator | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'INDICATOR only' }) target?: number | null;
  @ApiPropertyOptional({ type: String, enum: PARTNER_TYPES, nullable: true, description: 'INDICATOR only' }) partnerType?: PartnerType | null;
  @ApiPropertyOptional({ description: 'INDICATOR only: the value is entered by hand.' }) manual?: boolean;
  @ApiProperty({ type: () => [PlanNodeView] }) children: PlanNodeView[];
}

export class PlanView extends PlanSummaryView {
  @ApiProperty({ type: [PlanNodeView] }) nodes: PlanNodeView[];
}

export class ManualValueView {
  @ApiProperty(UUID) nodeId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() value: number;
  @ApiProperty({ type: String, nullable: true }) evidenceNote: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty(INSTANT) updatedAt: string;
}

export class CommentView {
  @ApiProperty(UUID) nodeId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() text: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty(INSTANT) updatedAt: string;
}

export const toCommentView = (c: PlanNodeComment): CommentView => ({
  nodeId: c.nodeId, year: c.year, text: c.text, version: c.version, updatedAt: new Date(c.updatedAt).toISOString(),
});

/** One indicator of a plan as reported for a period: computed from the data, or entered by hand. */
export class ReportFigures {
  @ApiProperty({ type: Number, nullable: true }) numerator: number | null;
  @ApiProperty({ type: Number, nullable: true }) denominator: number | null;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: Number, nullable: true }) target: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) met: boolean | null;
}

export class ReportIndicator {
  @ApiProperty(UUID) nodeId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String], description: 'Titles of the phenomenon, strategic and operational objective and expected result it belongs to.' })
  path: string[];
  @ApiProperty({ enum: ['COMPUTED', 'MANUAL'] }) source: 'COMPUTED' | 'MANUAL';
  @ApiProperty({ type: String, enum: INDICATOR_KEYS, nullable: true }) definitionKey: IndicatorKey | null;
  @ApiProperty({ type: String, enum: PARTNER_TYPES, nullable: true }) partnerType: PartnerType | null;
  @ApiProperty({ type: String, enum: OPERATORS, nullable: true }) operator: Operator | null;
  @ApiProperty({ type: Number, nullable: true }) target: number | null;
  @ApiProperty({ type: Number, nullable: true }) numerator: number | null;
  @ApiProperty({ type: Number, nullable: true }) denominator: number | null;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) met: boolean | null;
  @ApiProperty({ type: String, nullable: true, description: 'MANUAL: where the value comes from.' }) evidenceNote: string | null;
  @ApiPropertyOptional({ type: 'integer', description: 'MANUAL with a value for the year: its version, for PUT …/values/:year.' }) valueVersion?: number;
  @ApiPropertyOptional({ type: () => [BreakdownCell] }) breakdown?: BreakdownCell[];
  @ApiPropertyOptional({ type: () => CommentView, description: "A reporting year: the evaluator's comment on the indicator for it, if any (editable after closing too)." })
  comment?: CommentView;
  @ApiPropertyOptional({ type: () => ReportFigures, description: "A closed year: today's figures, where they differ from the reported ones above." })
  current?: ReportFigures;
  @ApiPropertyOptional({ type: () => ReportFigures, description: "A reopened year: the figures last reported, where they differ from today's above." })
  reported?: ReportFigures;
}

export class ReportNode {
  @ApiProperty(UUID) id: string;
  @ApiProperty({ enum: NODE_KINDS }) kind: NodeKind;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: () => ReportIndicator }) indicator?: ReportIndicator;
  @ApiProperty({ type: () => [ReportNode] }) children: ReportNode[];
}

/** `GET /api/plans/:id/report`: the plan tree with each indicator's value, target and whether it is met. */
export class PlanReport {
  @ApiProperty(UUID) planId: string;
  @ApiProperty() title: string;
  @ApiProperty(DATE) periodFrom: string;
  @ApiProperty(DATE) periodTo: string;
  @ApiProperty(DATE) from: string;
  @ApiProperty(DATE) to: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The reporting year when the period is one calendar year.' }) year: number | null;
  @ApiProperty({ enum: ['LIVE', 'CLOSED'], description: 'CLOSED: the figures stored when the year was closed (never recomputed); LIVE: computed now.' })
  source: 'LIVE' | 'CLOSED';
  @ApiProperty(INSTANT) computedAt: string;
  @ApiProperty({ type: String, nullable: true, ...INSTANT }) closedAt: string | null;
  @ApiProperty({ type: [ReportNode] }) nodes: ReportNode[];
  @ApiProperty({ type: [ReportIndicator] }) indicators: ReportIndicator[];
}

/** What a closed (or nightly live) snapshot stores: the plan report and every computed indicator of the year. */
export interface SnapshotContent {
  report: PlanReport;
  indicators: IndicatorResult[];
  /** A joint LIVC (closed since per-municipality reporting): the indicators per municipality of the year. */
  byMunicipality?: { municipality: string | null; results: IndicatorResult[] }[];
}

export class SnapshotView {
  @ApiProperty(UUID) id: string;
  @ApiProperty(UUID) planId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ enum: ['LIVE', 'CLOSED'] }) kind: 'LIVE' | 'CLOSED';
  @ApiProperty(INSTANT) computedAt: string;
  @ApiProperty({ type: String, nullable: true, ...UUID }) closedBy: string | null;
  @ApiProperty({ type: 'integer', description: 'Closing a reopened year again makes the next revision.' }) revision: number;
  @ApiProperty({ type: String, nullable: true, ...INSTANT }) reopenedAt: string | null;
  @ApiProperty({ type: String, nullable: true, ...UUID }) reopenedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) reopenReason: string | null;
}

// The portable structure of `GET /api/plans/:id/structure` (input of POST /api/plans/import).
export class StructureIndicatorView implements StructureIndicator {
  @ApiProperty() title: string;
  @ApiProperty({ type: String, enum: INDICATOR_KEYS, nullable: true }) definitionKey: IndicatorKey | null;
  @ApiProperty({ type: String, enum: OPERATORS, nullable: true }) operator: Operator | null;
  @ApiProperty({ type: Number, nullable: true }) target: number | null;
  @ApiProperty({ type: String, enum: PARTNER_TYPES, nullable: true }) partnerType: PartnerType | null;
}
export class StructureResultView implements StructureResult {
  @ApiProperty() title: string;
  @ApiProperty({ type: [StructureIndicatorView] }) indicators: StructureIndicatorView[];
}
export class StructureOperationalView implements StructureOperational {
  @ApiProperty() title: string;
  @ApiProperty({ type: [StructureResultView] }) expectedResults: StructureResultView[];
}
export class StructureStrategicView implements StructureStrategic {
  @ApiProperty() title: string;
  @ApiProperty({ type: [StructureOperationalView] }) operationalObjectives: StructureOperationalView[];
}
export class StructurePhenomenonView implements StructurePhenomenon {
  @ApiProperty() title: string;
  @ApiProperty({ type: [StructureStrategicView] }) strategicObjectives: StructureStrategicView[];
}
export class PlanStructureView implements PlanStructure {
  @ApiProperty({ enum: [STRUCTURE_FORMAT] }) format: typeof STRUCTURE_FORMAT;
  @ApiProperty({ enum: [1], type: 'integer' }) formatVersion: 1;
  @ApiProperty() title: string;
  @ApiProperty(DATE) periodFrom: string;
  @ApiProperty(DATE) periodTo: string;
  @ApiProperty({ type: [StructurePhenomenonView] }) phenomena: StructurePhenomenonView[];
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
