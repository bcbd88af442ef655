import type { IndicatorResult } from '@kernteam/indicators';
import { protectByMunicipality } from './export-document';
import { disclosed, protectCount, ProtectedCount, SECONDARY_MARK, lessThan } from './suppression';

const K = 5;
const result = (key: IndicatorResult['key'], numerator: number | null, denominator: number | null): IndicatorResult =>
  ({ key, from: '2025-01-01', to: '2025-12-31', numerator, denominator, value: denominator ? (numerator ?? 0) / denominator : numerator, target: null, met: null });

/** What a reader knows of a shown cell: exact, "<k" or the secondary mark. */
const asProtected = (shown: unknown, count: number): ProtectedCount =>
  shown === lessThan(K) ? { count, suppression: 'PRIMARY', shown: shown as string }
    : shown === SECONDARY_MARK ? { count, suppression: 'SECONDARY', shown: SECONDARY_MARK } : { count, suppression: 'NONE', shown: count };

describe('per-municipality suppression', () => {
  it('never lets the published total and the cells shown pin a hidden municipality cell down (3 municipalities, 0..8 each)', () => {
    for (let a = 0; a <= 8; a++) for (let b = 0; b <= 8; b++) for (let c = 0; c <= 8; c++) {
      const total = a + b + c;
      const parts = [a, b, c].map((n, i) => ({ municipality: `M${i}`, results: [result('DOSSIERS_REGISTERED', n, null)] }));
      const { rows } = protectByMunicipality([result('DOSSIERS_REGISTERED', total, null)], parts, K);
      const row = rows[0];
      if (row.suppressed) {
        expect(row.cells.every((x) => x.numerator === null)).toBe(true);
        continue;
      }
      const cells = row.cells.map((x, i) => asProtected(x.numerator, [a, b, c][i]));
      // The total as the list publishes it (never hidden by the split).
      expect(disclosed(cells, protectCount(total, K), K)).toBe(false);
    }
  });

  it('withholds a share whose counts are hidden, and shows exact shares of large cells', () => {
    const totals = [result('SHARED_AGREEMENTS', 14, 20)];
    const parts = [
      { municipality: 'Groot', results: [result('SHARED_AGREEMENTS', 12, 16)] },
      { municipality: 'Klein', results: [result('SHARED_AGREEMENTS', 2, 4)] },
    ];
    const row = protectByMunicipality(totals, parts, K).rows[0];
    const klein = row.cells.find((x) => x.municipality === 'Klein')!;
    expect(klein).toMatchObject({ numerator: '<5', denominator: '<5', value: null, suppressed: 'SMALL_COUNT' });
    // Groot's cells would give Klein's away (20 − 16 = 4): hidden too.
    const groot = row.cells.find((x) => x.municipality === 'Groot')!;
    expect(groot.denominator).toBe(SECONDARY_MARK);
    expect(groot.value).toBeNull();
  });
});
