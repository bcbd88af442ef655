import { INDICATORS, IndicatorKey, isIndicatorKey, Operator, OPERATORS } from '@kernteam/indicators';
import { PARTNER_TYPES, PartnerType } from '@kernteam/partners';
import type { Bilingual, FieldError } from '@kernteam/http';

/** The five levels of an SVPP, each under the one before it (DESIGN.md §3, Plan). */
export const NODE_KINDS = ['PHENOMENON', 'STRATEGIC_OBJECTIVE', 'OPERATIONAL_OBJECTIVE', 'EXPECTED_RESULT', 'INDICATOR'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const NODE_KIND_LABELS: Record<NodeKind, Bilingual> = {
  PHENOMENON: { nl: 'Fenomeen', fr: 'Phénomène' },
  STRATEGIC_OBJECTIVE: { nl: 'Strategische doelstelling', fr: 'Objectif stratégique' },
  OPERATIONAL_OBJECTIVE: { nl: 'Operationele doelstelling', fr: 'Objectif opérationnel' },
  EXPECTED_RESULT: { nl: 'Verwacht resultaat', fr: 'Résultat attendu' },
  INDICATOR: { nl: 'Indicator', fr: 'Indicateur' },
};

/** The kind a node of `kind` hangs under (null: at the top of the plan). */
export const parentKindOf = (kind: NodeKind): NodeKind | null => {
  const i = NODE_KINDS.indexOf(kind);
  return i > 0 ? NODE_KINDS[i - 1] : null;
};

/** What an indicator node says about how it is measured. Without a definition key it is entered by hand. */
export interface IndicatorSpec {
  definitionKey: IndicatorKey | null;
  operator: Operator | null;
  target: number | null;
  partnerType: PartnerType | null;
}

/**
 * Checks one node against the plan's rules: its place in the hierarchy, and for an indicator a known definition key,
 * operator and target together, a YES_NO target of 0 or 1, a ratio target in [0, 1], a partner type only for
 * PARTICIPATIONS. Other levels carry no indicator fields. Returns the problems (empty: fine).
 */
export function nodeProblems(
  kind: NodeKind,
  parentKind: NodeKind | null,
  spec: { definitionKey?: unknown; operator?: unknown; target?: unknown; partnerType?: unknown },
  prefix = '',
): FieldError[] {
  const f = (name: string) => `${prefix}${name}`;
  const problems: FieldError[] = [];
  const expectedParent = parentKindOf(kind);
  if (expectedParent === null && parentKind !== null) problems.push({ field: f('parentId'), message: `a ${kind} is at the top of the plan and has no parent` });
  if (expectedParent !== null && parentKind !== expectedParent) {
    problems.push({ field: f('parentId'), message: `a ${kind} belongs under a ${expectedParent}` });
  }
  const has = (v: unknown) => v !== undefined && v !== null;
  if (kind !== 'INDICATOR') {
    for (const name of ['definitionKey', 'operator', 'target', 'partnerType'] as const) {
      if (has(spec[name])) problems.push({ field: f(name), message: `only an INDICATOR has ${name}` });
    }
    return problems;
  }
  if (has(spec.definitionKey) && !isIndicatorKey(spec.definitionKey)) {
    problems.push({ field: f('definitionKey'), message: 'definitionKey must be one of the computed indicators (or null for a value entered by hand)' });
  }
  if (has(spec.operator) && !(OPERATORS as readonly unknown[]).includes(spec.operator)) {
    problems.push({ field: f('operator'), message: `operator must be one of ${OPERATORS.join(', ')}` });
  }
  if (has(spec.target) && (typeof spec.target !== 'number' || !Number.isFinite(spec.target))) {
    problems.push({ field: f('target'), message: 'target must be a number' });
  }
  if (has(spec.operator) !== has(spec.target)) {
    problems.push({ field: f(has(spec.operator) ? 'target' : 'operator'), message: 'operator and target go together' });
  }
  if (spec.operator === 'YES_NO' && has(spec.target) && spec.target !== 0 && spec.target !== 1) {
    problems.push({ field: f('target'), message: 'a YES_NO target is 1 (ja) or 0 (nee)' });
  }
  if (isIndicatorKey(spec.definitionKey) && INDICATORS[spec.definitionKey].measure === 'RATIO' && typeof spec.target === 'number'
    && spec.operator !== 'YES_NO' && (spec.target < 0 || spec.target > 1)) {
    problems.push({ field: f('target'), message: 'the target of a share is between 0 and 1 (0.8 = 80 %)' });
  }
  if (has(spec.partnerType)) {
    if (!(PARTNER_TYPES as readonly unknown[]).includes(spec.partnerType)) {
      problems.push({ field: f('partnerType'), message: `partnerType must be one of ${PARTNER_TYPES.join(', ')}` });
    } else if (spec.definitionKey !== 'PARTICIPATIONS') {
      problems.push({ field: f('partnerType'), message: 'only a PARTICIPATIONS indicator takes a partnerType' });
    }
  }
  return problems;
}

/** A plan's structure without ids, to move between tenants (`GET /api/plans/:id/structure`, `POST /api/plans/import`). */
export interface PlanStructure {
  format: typeof STRUCTURE_FORMAT;
  formatVersion: 1;
  title: string;
  periodFrom: string;
  periodTo: string;
  phenomena: StructurePhenomenon[];
}
export interface StructurePhenomenon { title: string; strategicObjectives: StructureStrategic[] }
export interface StructureStrategic { title: string; operationalObjectives: StructureOperational[] }
export interface StructureOperational { title: string; expectedResults: StructureResult[] }
export interface StructureResult { title: string; indicators: StructureIndicator[] }
export interface StructureIndicator extends IndicatorSpec { title: string }

export const STRUCTURE_FORMAT = 'kernteam.svpp-plan';

/** A structure as received for import: indicator fields may be left out (a value entered by hand, no target). */
export interface StructureInput {
  title: string;
  periodFrom: string;
  periodTo: string;
  phenomena: {
    title: string;
    strategicObjectives: {
      title: string;
      operationalObjectives: {
        title: string;
        expectedResults: { title: string; indicators: ({ title: string } & { [K in keyof IndicatorSpec]?: IndicatorSpec[K] | null })[] }[];
      }[];
    }[];
  }[];
}

/** A node as stored, enough to build trees and structures. */
export interface FlatNode extends IndicatorSpec {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  title: string;
  position: number;
}

export type TreeNode<T extends FlatNode> = T & { children: TreeNode<T>[] };

/** Nests flat nodes under their parents, siblings by position (then title, for a stable order). */
export function buildTree<T extends FlatNode>(nodes: readonly T[]): TreeNode<T>[] {
  const byId = new Map<string, TreeNode<T>>(nodes.map((n) => [n.id, { ...n, children: [] }]));
  const roots: TreeNode<T>[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  const sort = (list: TreeNode<T>[]) => {
    list.sort((a, b) => a.position - b.position || a.title.localeCompare(b.title));
    list.forEach((c) => sort(c.children));
  };
  sort(roots);
  return roots;
}

/** The portable structure of a plan. */
export function toStructure(plan: { title: string; periodFrom: string; periodTo: string }, nodes: readonly FlatNode[]): PlanStructure {
  const tree = buildTree(nodes);
  const indicator = (n: TreeNode<FlatNode>): StructureIndicator => ({
    title: n.title, definitionKey: n.definitionKey, operator: n.operator, target: n.target, partnerType: n.partnerType,
  });
  return {
    format: STRUCTURE_FORMAT, formatVersion: 1, title: plan.title, periodFrom: plan.periodFrom, periodTo: plan.periodTo,
    phenomena: tree.map((p) => ({
      title: p.title,
      strategicObjectives: p.children.map((s) => ({
        title: s.title,
        operationalObjectives: s.children.map((o) => ({
          title: o.title,
          expectedResults: o.children.map((r) => ({ title: r.title, indicators: r.children.map(indicator) })),
        })),
      })),
    })),
  };
}

/** A node to insert, in depth-first order, with its parent named by its index in the list (null: top level). */
export interface NodeToInsert extends IndicatorSpec { index: number; parentIndex: number | null; kind: NodeKind; title: string; position: number }

/** Flattens a structure for insertion, parents before children. */
export function flattenStructure(s: Pick<StructureInput, 'phenomena'>): NodeToInsert[] {
  const out: NodeToInsert[] = [];
  const none: IndicatorSpec = { definitionKey: null, operator: null, target: null, partnerType: null };
  const add = (kind: NodeKind, title: string, parentIndex: number | null, position: number, spec: IndicatorSpec = none) => {
    const index = out.length;
    out.push({ index, parentIndex, kind, title, position, ...spec });
    return index;
  };
  s.phenomena.forEach((p, i) => {
    const pi = add('PHENOMENON', p.title, null, i + 1);
    p.strategicObjectives.forEach((so, j) => {
      const si = add('STRATEGIC_OBJECTIVE', so.title, pi, j + 1);
      so.operationalObjectives.forEach((oo, k) => {
        const oi = add('OPERATIONAL_OBJECTIVE', oo.title, si, k + 1);
        oo.expectedResults.forEach((r, l) => {
          const ri = add('EXPECTED_RESULT', r.title, oi, l + 1);
          r.indicators.forEach((ind, m) => add('INDICATOR', ind.title, ri, m + 1, {
            definitionKey: ind.definitionKey ?? null, operator: ind.operator ?? null, target: ind.target ?? null, partnerType: ind.partnerType ?? null,
          }));
        });
      });
    });
  });
  return out;
}
