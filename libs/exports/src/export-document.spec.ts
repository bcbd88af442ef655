import type { IndicatorResult } from '@kernteam/indicators';
import type { PlanReport } from '@kernteam/plans';
import { buildExportDocument, planIndicators } from './export-document';
import { toCsv, toJson, winAnsi } from './export-renderers';

const period = { from: '2025-01-01', to: '2025-12-31' };
const r = (key: IndicatorResult['key'], x: Partial<IndicatorResult>): IndicatorResult =>
  ({ key, ...period, numerator: null, denominator: null, value: null, target: null, met: null, ...x });
const partnerIds = { b: '0b9f6f1e-1c1a-4c53-9a53-6d1d1c1d1b01', p: '0b9f6f1e-1c1a-4c53-9a53-6d1d1c1d1b02', p2: '0b9f6f1e-1c1a-4c53-9a53-6d1d1c1d1b03' };

const results: IndicatorResult[] = [
  r('SHARED_AGREEMENTS', { numerator: 3, denominator: 4, value: 0.75, target: 0.8, met: false }),
  r('MEETINGS_HELD', { numerator: 12, value: 12 }),
  r('PARTICIPATIONS', {
    numerator: 30, value: 30, breakdown: [
      { key: partnerIds.b, count: 12, partnerType: 'BURGEMEESTER', name: 'Burgemeester Jansens' },
      { key: partnerIds.p, count: 9, partnerType: 'POLITIE', name: 'Politie Noord' },
      { key: partnerIds.p2, count: 3, partnerType: 'POLITIE', name: 'Politie Zuid' },
      { key: '0b9f6f1e-1c1a-4c53-9a53-6d1d1c1d1b04', count: 6, partnerType: 'OCMW', name: 'OCMW' },
    ],
  }),
  r('DOSSIERS_REGISTERED', { numerator: 4, value: 4 }),
  r('DOSSIERS_CLOSED', { numerator: 8, value: 8, breakdown: [{ key: 'DOELEN_BEREIKT', count: 6 }, { key: 'VERHUISD', count: 2 }, { key: 'ANDERE', count: 0 }] }),
  r('MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION', { denominator: 3, value: 17 }),
  r('AGREEMENTS_DONE_ON_TIME', { numerator: 10, denominator: 14, value: 10 / 14 }),
];

describe('anonymised export document', () => {
  const doc = buildExportDocument({ period, generatedAt: new Date('2026-01-15T10:00:00Z'), minCellSize: 5, indicators: results });
  const byKey = Object.fromEntries(doc.indicators.map((i) => [i.key, i]));

  it('suppresses small counts, and a share (with its verdict) of a hidden count', () => {
    expect(byKey.SHARED_AGREEMENTS).toMatchObject({ numerator: '<5', denominator: '<5', value: null, target: 0.8, met: null, suppressed: 'SMALL_COUNT' });
    expect(byKey.MEETINGS_HELD).toMatchObject({ numerator: 12, value: 12, denominator: null });
    expect(byKey.DOSSIERS_REGISTERED).toMatchObject({ numerator: '<5', value: '<5' });
    expect(byKey.AGREEMENTS_DONE_ON_TIME).toMatchObject({ numerator: 10, denominator: 14, value: 0.7143 });
  });

  it('does not publish a median over fewer than minCellSize cases', () => {
    expect(byKey.MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION).toMatchObject({ denominator: '<5', value: null, met: null, suppressed: 'SMALL_COUNT' });
  });

  it('breaks participations down per partner TYPE (no ids, no names), with complementary suppression', () => {
    // POLITIE = 9 + 3 = 12; nothing small after grouping per type.
    expect(byKey.PARTICIPATIONS.breakdown).toEqual([
      { key: 'BURGEMEESTER', labels: { nl: 'Burgemeester', fr: 'Bourgmestre' }, count: 12 },
      { key: 'POLITIE', labels: { nl: 'Lokale politie', fr: 'Police locale' }, count: 12 },
      { key: 'OCMW', labels: { nl: 'OCMW', fr: 'CPAS' }, count: 6 },
    ]);
    // Closures: VERHUISD 2 is small; DOELEN_BEREIKT would give it away (8 - 6), so it is hidden too; ANDERE 0 stays.
    expect(byKey.DOSSIERS_CLOSED.breakdown!.map((c) => [c.key, c.count])).toEqual([['DOELEN_BEREIKT', 'x'], ['VERHUISD', '<5'], ['ANDERE', 0]]);
    const text = JSON.stringify(toJson(doc)) + toCsv(doc);
    for (const secret of [...Object.values(partnerIds), 'Jansens', 'Politie Noord', 'Politie Zuid']) expect(text).not.toContain(secret);
  });

  it('writes a CSV whose every row has the header\'s columns', () => {
    const lines = toCsv(doc).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const width = lines[0].split(',').length;
    // No field of this document holds a comma or a quote, so splitting on commas counts the columns.
    expect(lines.filter((l) => l.split(',').length !== width)).toEqual([]);
  });

  it('writes the JSON form of API.md', () => {
    const json = toJson(doc);
    expect(Object.keys(json)).toEqual(['period', 'generatedAt', 'minCellSize', 'indicators']);
    expect(json).toMatchObject({ period, generatedAt: '2026-01-15T10:00:00.000Z', minCellSize: 5 });
    expect(json.indicators[0]).toEqual({ key: 'SHARED_AGREEMENTS', label: expect.any(String), numerator: '<5', denominator: '<5', value: null, target: 0.8, met: null, suppressed: 'SMALL_COUNT' });
    expect(json.indicators[1]).toEqual({ key: 'MEETINGS_HELD', label: expect.any(String), numerator: 12, denominator: null, value: 12, target: null, met: null });
  });

  it('shows a plan indicator exactly as the same indicator in the list, with its own target', () => {
    const plan: PlanReport = {
      planId: 'p', title: 'SVPP', periodFrom: '2025-01-01', periodTo: '2026-12-31', from: period.from, to: period.to, year: 2025, source: 'LIVE',
      computedAt: '', closedAt: null, indicators: [],
      nodes: [{ id: 'n1', kind: 'PHENOMENON', title: 'Radicalisering', children: [{ id: 'n2', kind: 'STRATEGIC_OBJECTIVE', title: 'SD', children: [] }] }],
    };
    const ind = (nodeId: string, x: object) => ({ nodeId, title: nodeId, path: [], evidenceNote: 'Naam Persoon in een notitie', numerator: null, denominator: null, partnerType: null, breakdown: undefined, ...x });
    plan.nodes[0].children[0].children = [
      { id: 'i1', kind: 'INDICATOR', title: 'Politie', children: [], indicator: ind('i1', { source: 'COMPUTED', definitionKey: 'PARTICIPATIONS', partnerType: 'POLITIE', value: 12, operator: 'GTE', target: 3, met: true }) },
      { id: 'i2', kind: 'INDICATOR', title: 'Gesloten', children: [], indicator: ind('i2', { source: 'COMPUTED', definitionKey: 'DOSSIERS_CLOSED', partnerType: null, value: 8, numerator: 8, operator: 'LTE', target: 20, met: true }) },
      { id: 'i3', kind: 'INDICATOR', title: 'Werkgroepen', children: [], indicator: ind('i3', { source: 'MANUAL', definitionKey: null, value: 6, operator: 'GTE', target: 5, met: true }) },
      { id: 'i4', kind: 'INDICATOR', title: 'Geregistreerd', children: [], indicator: ind('i4', { source: 'COMPUTED', definitionKey: 'DOSSIERS_REGISTERED', value: 4, numerator: 4, operator: 'GTE', target: 4, met: true }) },
    ] as never;
    const withPlan = buildExportDocument({ period, generatedAt: new Date('2026-01-15T10:00:00Z'), minCellSize: 5, indicators: results, plan });
    const items = planIndicators(withPlan.plan!).map((p) => p.indicator);
    expect(items[0]).toMatchObject({ value: 12, met: true, partnerType: 'POLITIE' });
    expect(items[1]).toMatchObject({ value: 8, met: true });
    expect(items[2]).toMatchObject({ source: 'MANUAL', value: 6, met: true });
    // "<5" and "≥ 4: met" would say 4: the verdict goes.
    expect(items[3]).toMatchObject({ value: '<5', met: null });
    expect(withPlan.plan).toMatchObject({ periodFrom: '2025-01', periodTo: '2026-12' });
    expect(JSON.stringify(withPlan)).not.toContain('Naam Persoon');
  });

  it('writes text the standard PDF fonts can show', () => {
    expect(winAnsi('≥ 80 % — geïntegreerde aanpak → ok')).toBe('>= 80 % — geïntegreerde aanpak -> ok');
    expect(winAnsi('日本')).toBe('??');
  });
});
