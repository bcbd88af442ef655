import type { Bilingual } from '@kernteam/http';
import {
  CLOSURE_REASON_LABELS, INDICATORS, IndicatorKey, IndicatorResult, monthOf, Operator, PARTNER_TYPE_LABELS, Period,
} from '@kernteam/indicators';
import { PARTNER_TYPES, PartnerType } from '@kernteam/partners';
import type { NodeKind, PlanReport, ReportNode } from '@kernteam/plans';
import { ProtectedCount, protectCount, protectMet, protectTable, Shown, Withheld } from './suppression';

/**
 * The anonymised content of an export, before it is written as JSON, CSV, XLSX or PDF. Built from aggregates only: no
 * reference, name, id, free text or date finer than a month ever gets in (breakdowns per partner become per partner
 * TYPE; evidence notes of manual values stay out). Counts go through small-cell suppression (suppression.ts).
 */
export interface ExportDocument {
  period: Period;
  generatedAt: string;
  minCellSize: number;
  indicators: ExportIndicator[];
  plan?: ExportPlan;
  /** A joint LIVC: every indicator about dossiers per municipality (see {@link protectByMunicipality}). */
  municipalities?: ExportMunicipalities;
}

/** Per-municipality figures: one row per indicator, one cell per municipality (`null`: dossiers naming none). */
export interface ExportMunicipalities {
  names: (string | null)[];
  rows: ExportMunicipalityRow[];
}

export interface ExportMunicipalityRow {
  key: IndicatorKey;
  labels: Bilingual;
  cells: ExportMunicipalityCell[];
  /** Set when the whole split is withheld: no suppression pattern of its cells kept a hidden count safe. */
  suppressed?: Withheld;
}

export interface ExportMunicipalityCell {
  municipality: string | null;
  numerator: Shown | null;
  denominator: Shown | null;
  value: Shown | null;
  suppressed?: Withheld;
}

export interface ExportIndicator {
  key: IndicatorKey;
  labels: Bilingual;
  numerator: Shown | null;
  denominator: Shown | null;
  /** A share or a median as a number (percentages are kept), a count as shown. */
  value: Shown | null;
  target: number | null;
  operator: Operator | null;
  met: boolean | null;
  /** Set when value and met are withheld (null) because they would give a hidden count away. */
  suppressed?: Withheld;
  breakdown?: ExportBreakdownCell[];
}

export interface ExportBreakdownCell { key: string; labels: Bilingual; count: Shown }

export interface ExportPlan {
  title: string;
  /** Months only. */
  periodFrom: string;
  periodTo: string;
  source: 'LIVE' | 'CLOSED';
  nodes: ExportPlanNode[];
}

export interface ExportPlanNode { kind: NodeKind; title: string; indicator?: ExportPlanIndicator; children: ExportPlanNode[] }

export interface ExportPlanIndicator {
  source: 'COMPUTED' | 'MANUAL';
  definitionKey: IndicatorKey | null;
  partnerType: PartnerType | null;
  numerator: Shown | null;
  denominator: Shown | null;
  value: Shown | null;
  operator: Operator | null;
  target: number | null;
  met: boolean | null;
  suppressed?: Withheld;
}

/** Shares to 4 decimals (0.6667), medians to 1 (16.5): enough for the plan, nothing more precise than the data. */
const round = (v: number | null, digits: number) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

interface Protected {
  indicator: ExportIndicator;
  /** The protected count behind `value` when the value is a count (for met and for plan indicators). */
  valueCount: ProtectedCount | null;
  /** PARTICIPATIONS: per partner type. */
  byPartnerType?: Map<PartnerType, ProtectedCount>;
}

function protectIndicator(r: IndicatorResult, k: number): Protected {
  const def = INDICATORS[r.key];
  const operator = r.target === null ? null : def.defaultOperator;
  const base = { key: r.key, labels: def.labels, target: r.target, operator };
  if (def.measure === 'RATIO') {
    const num = protectCount(r.numerator ?? 0, k);
    const den = protectCount(r.denominator ?? 0, k);
    // A share of hidden counts gives them away ("<5" over "<5" at 0.6667 is 2/3), and so does its verdict: both go.
    const hidden = num.suppression !== 'NONE' || den.suppression !== 'NONE';
    return {
      indicator: {
        ...base, numerator: num.shown, denominator: den.shown, value: hidden ? null : round(r.value, 4), met: hidden ? null : r.met,
        ...(hidden ? { suppressed: 'SMALL_COUNT' as const } : {}),
      },
      valueCount: null,
    };
  }
  if (def.measure === 'MEDIAN') {
    const n = protectCount(r.denominator ?? 0, k);
    // A median over fewer than k cases is not published.
    const hidden = n.suppression !== 'NONE';
    return {
      indicator: {
        ...base, numerator: null, denominator: n.shown, value: hidden ? null : round(r.value, 1), met: hidden ? null : r.met,
        ...(hidden ? { suppressed: 'SMALL_COUNT' as const } : {}),
      },
      valueCount: null,
    };
  }
  // COUNT, with or without a breakdown that adds up to it.
  if (def.breakdown === 'PARTNER') {
    const perType = new Map<PartnerType, number>();
    for (const c of r.breakdown ?? []) {
      const type = (c.partnerType ?? 'OTHER') as PartnerType;
      perType.set(type, (perType.get(type) ?? 0) + c.count);
    }
    const cells = PARTNER_TYPES.filter((t) => perType.has(t)).map((t) => ({ key: t, count: perType.get(t)! }));
    const table = protectTable(cells, r.numerator ?? 0, k);
    return {
      indicator: {
        ...base, numerator: table.total.shown, denominator: null, value: table.total.shown, met: protectMet(r.met, operator, r.target, table.total, k),
        breakdown: table.cells.map((c) => ({ key: c.key, labels: PARTNER_TYPE_LABELS[c.key], count: c.shown })),
      },
      valueCount: table.total,
      byPartnerType: new Map(table.cells.map((c) => [c.key, c])),
    };
  }
  if (def.breakdown === 'CLOSURE_REASON') {
    const cells = (r.breakdown ?? []).map((c) => ({ key: c.key, count: c.count }));
    const table = protectTable(cells, r.numerator ?? 0, k);
    return {
      indicator: {
        ...base, numerator: table.total.shown, denominator: null, value: table.total.shown, met: protectMet(r.met, operator, r.target, table.total, k),
        breakdown: table.cells.map((c) => ({ key: c.key, labels: CLOSURE_REASON_LABELS[c.key] ?? { nl: c.key, fr: c.key }, count: c.shown })),
      },
      valueCount: table.total,
    };
  }
  const count = protectCount(r.numerator ?? 0, k);
  return {
    indicator: { ...base, numerator: count.shown, denominator: null, value: count.shown, met: protectMet(r.met, operator, r.target, count, k) },
    valueCount: count,
  };
}

export interface BuildInput {
  period: Period;
  generatedAt: Date;
  minCellSize: number;
  /** Every computed indicator for the period. */
  indicators: IndicatorResult[];
  plan?: PlanReport;
  /** A joint LIVC: the indicators per municipality (IndicatorsService.computeByMunicipality). */
  byMunicipality?: { municipality: string | null; results: IndicatorResult[] }[];
}

/**
 * Per-municipality cells of a joint LIVC are small, and they add up to the total published in the list: each count
 * (numerator, denominator) is split as a table whose total is the list's figure, with primary and complementary
 * suppression ({@link protectTable}), so the total minus the cells shown never gives a hidden cell away. When the
 * only safe pattern would hide the total itself (which the list shows), the whole split of that count is withheld
 * instead. A share or median is shown for a municipality only when every count it is made of is shown; breakdowns
 * per partner or reason are not split per municipality. Meeting indicators belong to the whole LIVC (not split).
 */
export function protectByMunicipality(
  totals: IndicatorResult[], parts: { municipality: string | null; results: IndicatorResult[] }[], k: number,
): ExportMunicipalities {
  const names = parts.map((p) => p.municipality);
  const rows: ExportMunicipalityRow[] = [];
  const keys = parts[0]?.results.map((r) => r.key) ?? [];
  for (const key of keys) {
    const def = INDICATORS[key];
    const total = totals.find((t) => t.key === key);
    if (!total) continue;
    const of = (i: number) => parts[i].results.find((r) => r.key === key)!;
    let withheld = false;
    const split = (pick: (r: IndicatorResult) => number | null): ProtectedCount[] | null => {
      const t = pick(total);
      if (t === null) return null;
      const cells = parts.map((_, i) => ({ key: String(i), count: pick(of(i)) ?? 0 }));
      const table = protectTable(cells, t, k);
      if (table.total.suppression !== protectCount(t, k).suppression) {
        withheld = true;
        return null;
      }
      return table.cells;
    };
    const nums = def.measure === 'MEDIAN' ? null : split((r) => r.numerator);
    const dens = def.measure === 'COUNT' ? null : split((r) => r.denominator);
    if (withheld) {
      rows.push({ key, labels: def.labels, suppressed: 'SMALL_COUNT', cells: names.map((m) => ({ municipality: m, numerator: null, denominator: null, value: null, suppressed: 'SMALL_COUNT' as const })) });
      continue;
    }
    const cells = names.map((m, i): ExportMunicipalityCell => {
      const n = nums?.[i] ?? null;
      const d = dens?.[i] ?? null;
      const r = of(i);
      if (def.measure === 'COUNT') return { municipality: m, numerator: n!.shown, denominator: null, value: n!.shown };
      const hidden = (n !== null && n.suppression !== 'NONE') || (d !== null && d.suppression !== 'NONE');
      const value = hidden ? null : round(r.value, def.measure === 'RATIO' ? 4 : 1);
      return { municipality: m, numerator: n?.shown ?? null, denominator: d?.shown ?? null, value, ...(hidden ? { suppressed: 'SMALL_COUNT' as const } : {}) };
    });
    rows.push({ key, labels: def.labels, cells });
  }
  return { names, rows };
}

/**
 * The anonymised document. A plan indicator computed from the data shows exactly what the same indicator shows in the
 * list (the same protected count, or the protected cell of its partner type), so the two can never be played off
 * against each other; only its own target and `met` differ.
 */
export function buildExportDocument(input: BuildInput): ExportDocument {
  const k = input.minCellSize;
  const protectedByKey = new Map<IndicatorKey, Protected>();
  for (const r of input.indicators) protectedByKey.set(r.key, protectIndicator(r, k));
  const doc: ExportDocument = {
    period: { from: input.period.from, to: input.period.to },
    generatedAt: input.generatedAt.toISOString(),
    minCellSize: k,
    indicators: input.indicators.map((r) => protectedByKey.get(r.key)!.indicator),
  };
  if (input.byMunicipality?.length) doc.municipalities = protectByMunicipality(input.indicators, input.byMunicipality, k);
  if (input.plan) {
    const node = (n: ReportNode): ExportPlanNode => {
      const out: ExportPlanNode = { kind: n.kind, title: n.title, children: n.children.map(node) };
      const r = n.indicator;
      if (r) {
        if (r.source === 'MANUAL') {
          // Entered by hand (an organisational figure, not about people); the evidence note is free text and stays out.
          out.indicator = { source: 'MANUAL', definitionKey: null, partnerType: null, numerator: null, denominator: null, value: r.value, operator: r.operator, target: r.target, met: r.met };
        } else {
          const key = r.definitionKey!;
          const listed = protectedByKey.get(key) ?? protectIndicator({ ...r, key, from: input.period.from, to: input.period.to } as IndicatorResult, k);
          const own = { source: 'COMPUTED' as const, definitionKey: key, partnerType: r.partnerType, operator: r.operator, target: r.target };
          if (key === 'PARTICIPATIONS' && r.partnerType) {
            const cell = listed.byPartnerType?.get(r.partnerType) ?? protectCount(r.value ?? 0, k);
            out.indicator = { ...own, numerator: cell.shown, denominator: null, value: cell.shown, met: protectMet(r.met, r.operator, r.target, cell, k) };
          } else if (listed.valueCount) {
            out.indicator = { ...own, numerator: listed.indicator.numerator, denominator: null, value: listed.indicator.value, met: protectMet(r.met, r.operator, r.target, listed.valueCount, k) };
          } else {
            // A share or median: withheld here exactly when it is in the list.
            const { suppressed } = listed.indicator;
            out.indicator = {
              ...own, numerator: listed.indicator.numerator, denominator: listed.indicator.denominator, value: listed.indicator.value, met: suppressed ? null : r.met,
              ...(suppressed ? { suppressed } : {}),
            };
          }
        }
      }
      return out;
    };
    doc.plan = {
      title: input.plan.title, periodFrom: monthOf(input.plan.periodFrom), periodTo: monthOf(input.plan.periodTo), source: input.plan.source,
      nodes: input.plan.nodes.map(node),
    };
  }
  return doc;
}

/** The plan's indicators in document order, with the titles above them. */
export function planIndicators(plan: ExportPlan): { path: string[]; title: string; indicator: ExportPlanIndicator }[] {
  const out: { path: string[]; title: string; indicator: ExportPlanIndicator }[] = [];
  const walk = (n: ExportPlanNode, path: string[]) => {
    if (n.indicator) out.push({ path, title: n.title, indicator: n.indicator });
    n.children.forEach((c) => walk(c, [...path, n.title]));
  };
  plan.nodes.forEach((n) => walk(n, []));
  return out;
}
