import { INDICATORS, IndicatorKey, IndicatorResult, meets, Operator, ratio } from '@kernteam/indicators';
import type { PartnerType } from '@kernteam/partners';
import type { PlanReport, ReportIndicator } from '@kernteam/plans';
import { buildExportDocument, ExportDocument, planIndicators } from './export-document';
import { SECONDARY_MARK, Shown } from './suppression';

/**
 * An attacker's view of one export: every integer assignment of the hidden cells that agrees with everything the
 * export publishes (each mark's range, breakdown sums, ratio values as rounded, numerator ≤ denominator, every `met`
 * against its target, in the list and in the plan). A hidden cell is disclosed when a single value remains.
 * Constraints never cross indicators, so each indicator (with the plan indicators computed from it) is solved alone.
 */
const K = 5;
/** Above every true count below; a cap only removes candidates, so it can hide no disclosure. */
const MAX = 3 * K;
const period = { from: '2025-01-01', to: '2025-12-31' };
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

type Assignment = Record<string, number>;
interface Model { domains: Record<string, number[]>; constraints: ((a: Assignment) => boolean)[] }

function domainOf(shown: Shown | null): number[] | null {
  if (typeof shown === 'number') return [shown];
  if (shown === null) return null;
  const [lo, hi] = shown === SECONDARY_MARK ? [K, MAX] : [1, K - 1];
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

const ratioOf = (a: Assignment) => ratio(a.num, a.den);

function modelOf(doc: ExportDocument, key: IndicatorKey): Model {
  const listed = doc.indicators.find((i) => i.key === key)!;
  const domains: Record<string, number[]> = {};
  const constraints: Model['constraints'] = [];
  const cell = (name: string, shown: Shown | null) => {
    const d = domainOf(shown);
    if (d) domains[name] = d;
  };
  const plan = doc.plan ? planIndicators(doc.plan).map((p) => p.indicator).filter((p) => p.definitionKey === key) : [];
  const measure = INDICATORS[key].measure;
  if (measure === 'RATIO') {
    cell('num', listed.numerator);
    cell('den', listed.denominator);
    constraints.push((a) => a.num <= a.den);
    for (const shown of [listed, ...plan]) {
      if (typeof shown.value === 'number') constraints.push((a) => a.den > 0 && round4(a.num / a.den) === shown.value);
      else if (shown.value === null && !shown.suppressed) constraints.push((a) => a.den === 0);
      if (shown.met !== null) constraints.push((a) => meets(shown.operator, ratioOf(a), shown.target) === shown.met);
    }
  } else if (measure === 'MEDIAN') {
    cell('n', listed.denominator);
  } else {
    cell('total', listed.numerator);
    (listed.breakdown ?? []).forEach((c) => cell(c.key, c.count));
    if (listed.breakdown) constraints.push((a) => listed.breakdown!.reduce((s, c) => s + a[c.key], 0) === a.total);
    if (listed.met !== null) constraints.push((a) => meets(listed.operator, a.total, listed.target) === listed.met);
    for (const p of plan) {
      const on = p.partnerType ?? 'total';
      if (p.met !== null) constraints.push((a) => meets(p.operator, a[on] ?? 0, p.target) === p.met);
    }
  }
  return { domains, constraints };
}

/** Every consistent assignment (brute force). */
function solutions(m: Model): Assignment[] {
  const names = Object.keys(m.domains);
  const out: Assignment[] = [];
  const walk = (i: number, a: Assignment) => {
    if (i === names.length) {
      if (m.constraints.every((c) => c(a))) out.push({ ...a });
      return;
    }
    for (const v of m.domains[names[i]]) walk(i + 1, { ...a, [names[i]]: v });
  };
  walk(0, {});
  return out;
}

/** For each hidden cell of the indicator: how many values it can still take. */
function freedom(doc: ExportDocument, key: IndicatorKey, truth: Assignment): Record<string, number> {
  const m = modelOf(doc, key);
  const all = solutions(m);
  // The model must describe the export correctly: the real figures are one of its solutions.
  const real = Object.fromEntries(Object.keys(m.domains).map((n) => [n, truth[n]]));
  expect(all).toContainEqual(real);
  const hidden = Object.keys(m.domains).filter((n) => m.domains[n].length > 1);
  return Object.fromEntries(hidden.map((n) => [n, new Set(all.map((a) => a[n])).size]));
}

const result = (key: IndicatorKey, x: Partial<IndicatorResult>): IndicatorResult =>
  ({ key, ...period, numerator: null, denominator: null, value: null, target: INDICATORS[key].defaultTarget, met: null, ...x });

function planWith(indicators: Partial<ReportIndicator>[]): PlanReport {
  const nodes = indicators.map((x, i) => ({
    id: `i${i}`, kind: 'INDICATOR' as const, title: `i${i}`, children: [],
    indicator: { nodeId: `i${i}`, title: `i${i}`, path: [], source: 'COMPUTED' as const, partnerType: null, evidenceNote: null, numerator: null, denominator: null, value: null, met: null, operator: null, target: null, definitionKey: null, ...x },
  }));
  return { planId: 'p', title: 'SVPP', periodFrom: '2025-01-01', periodTo: '2025-12-31', ...period, year: 2025, source: 'LIVE', computedAt: '', closedAt: null, nodes, indicators: nodes.map((n) => n.indicator) };
}

const PLAN_RATIO_TARGETS: [Operator, number][] = [['GTE', 0.8], ['GTE', 0.5], ['GTE', 0.34], ['LTE', 0.5], ['EQ', 1]];

describe('no combination of the cells of one export gives a hidden count away (brute force over small tables)', () => {
  it('ratios: a share next to a hidden numerator or denominator is withheld, in the list and in the plan', () => {
    for (const key of ['SHARED_AGREEMENTS', 'AGREEMENTS_DONE_ON_TIME'] as const) {
      for (let den = 0; den <= 8; den++) for (let num = 0; num <= den; num++) {
        const value = ratio(num, den);
        const r = result(key, { numerator: num, denominator: den, value, met: meets(INDICATORS[key].defaultOperator, value, INDICATORS[key].defaultTarget) });
        const plan = planWith(PLAN_RATIO_TARGETS.map(([operator, target]) => ({
          definitionKey: key, numerator: num, denominator: den, value, operator, target, met: meets(operator, value, target),
        })));
        const doc = buildExportDocument({ period, generatedAt: new Date(), minCellSize: K, indicators: [r], plan });
        const free = freedom(doc, key, { num, den });
        for (const [cell, n] of Object.entries(free)) expect({ key, num, den, cell, pinned: n < 2 }).toEqual({ key, num, den, cell, pinned: false });
      }
    }
  });

  it('the reported 2/3 case: "<5" over "<5" publishes neither the share nor the verdict, and says why', () => {
    const doc = buildExportDocument({
      period, generatedAt: new Date(), minCellSize: K,
      indicators: [result('SHARED_AGREEMENTS', { numerator: 2, denominator: 3, value: 2 / 3, met: false })],
    });
    expect(doc.indicators[0]).toMatchObject({ numerator: '<5', denominator: '<5', value: null, met: null, suppressed: 'SMALL_COUNT' });
  });

  it('breakdowns with their totals and the plan verdicts on them', () => {
    const types: PartnerType[] = ['BURGEMEESTER', 'POLITIE', 'OCMW'];
    for (let a = 0; a <= 6; a++) for (let b = 0; b <= 6; b++) for (let c = 0; c <= 6; c++) {
      const total = a + b + c;
      const participations = result('PARTICIPATIONS', {
        numerator: total, value: total,
        breakdown: types.map((t, i) => ({ key: `p${i}`, partnerType: t, count: [a, b, c][i] })),
      });
      const closed = result('DOSSIERS_CLOSED', {
        numerator: total, value: total,
        breakdown: [{ key: 'DOELEN_BEREIKT', count: a }, { key: 'VERHUISD', count: b }, { key: 'ANDERE', count: c }],
      });
      const plan = planWith([
        { definitionKey: 'PARTICIPATIONS', partnerType: 'POLITIE', value: b, operator: 'GTE', target: 3, met: meets('GTE', b, 3) },
        { definitionKey: 'PARTICIPATIONS', partnerType: 'OCMW', value: c, operator: 'LTE', target: 2, met: meets('LTE', c, 2) },
        { definitionKey: 'DOSSIERS_CLOSED', numerator: total, value: total, operator: 'GTE', target: 4, met: meets('GTE', total, 4) },
      ]);
      const doc = buildExportDocument({ period, generatedAt: new Date(), minCellSize: K, indicators: [participations, closed], plan });
      const truths: [IndicatorKey, Assignment][] = [
        ['PARTICIPATIONS', { total, BURGEMEESTER: a, POLITIE: b, OCMW: c }],
        ['DOSSIERS_CLOSED', { total, DOELEN_BEREIKT: a, VERHUISD: b, ANDERE: c }],
      ];
      for (const [key, truth] of truths) {
        for (const [cell, n] of Object.entries(freedom(doc, key, truth))) expect({ key, a, b, c, cell, pinned: n < 2 }).toEqual({ key, a, b, c, cell, pinned: false });
      }
    }
  });

  it('plain counts with a plan verdict', () => {
    for (let n = 0; n <= 8; n++) {
      const plan = planWith((['GTE', 'LTE', 'EQ'] as const).flatMap((operator) => [1, 3, 4].map((target) => ({
        definitionKey: 'DOSSIERS_REGISTERED' as const, numerator: n, value: n, operator, target, met: meets(operator, n, target),
      }))));
      const doc = buildExportDocument({ period, generatedAt: new Date(), minCellSize: K, indicators: [result('DOSSIERS_REGISTERED', { numerator: n, value: n })], plan });
      for (const [cell, f] of Object.entries(freedom(doc, 'DOSSIERS_REGISTERED', { total: n }))) expect({ n, cell, pinned: f < 2 }).toEqual({ n, cell, pinned: false });
    }
  });
});
