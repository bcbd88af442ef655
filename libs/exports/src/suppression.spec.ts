import { disclosed, feasibleRanges, lessThan, protectCount, protectMet, protectTable, SECONDARY_MARK } from './suppression';

const K = 5;
const shown = (t: ReturnType<typeof protectTable>) => ({ total: t.total.shown, cells: Object.fromEntries(t.cells.map((c) => [c.key, c.shown])) });

describe('primary suppression', () => {
  it('hides 1 … k-1 as "<k", shows 0 and counts from k', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 120].map((n) => protectCount(n, K).shown)).toEqual([0, '<5', '<5', '<5', '<5', 5, 6, 120]);
    expect(lessThan(10)).toBe('<10');
    expect(protectCount(9, 10).shown).toBe('<10');
    expect(protectCount(3, 1).shown).toBe(3); // k = 1: nothing to hide
  });
});

describe('complementary suppression of a breakdown with its total', () => {
  it('leaves a table without small cells alone', () => {
    expect(shown(protectTable([{ key: 'A', count: 10 }, { key: 'B', count: 0 }, { key: 'C', count: 7 }], 17, K))).toEqual({
      total: 17, cells: { A: 10, B: 0, C: 7 },
    });
  });

  it('hides a second cell when one small cell could be worked out as total minus the others', () => {
    // With only B hidden, B = 30 - 12 - 9 - 6.
    const t = protectTable([{ key: 'A', count: 12 }, { key: 'B', count: 3 }, { key: 'C', count: 9 }, { key: 'D', count: 6 }], 30, K);
    // B is small; the smallest other cell (D = 6) is hidden with it; B + D = 9 leaves B anywhere in 1 … 4.
    expect(shown(t)).toEqual({ total: 30, cells: { A: 12, B: '<5', C: 9, D: SECONDARY_MARK } });
    expect(disclosed(t.cells, t.total, K)).toBe(false);
    expect(feasibleRanges(t.cells, t.total, K).slice(0, 4)).toEqual([[12, 12], [1, 4], [9, 9], [5, 8]]);
  });

  it('needs a third cell when two small cells alone would add up to something only one split explains', () => {
    // B + C = 2 with both in 1 … 4: both must be 1. Hiding D = 5 as well is not enough: D is at least 5 and C at least 1,
    // so B + C + D = 7 still forces B = 1. Hiding E = 9 too leaves B + C + D + E = 16 with B anywhere in 1 … 4.
    const t = protectTable([{ key: 'A', count: 40 }, { key: 'B', count: 1 }, { key: 'C', count: 1 }, { key: 'D', count: 5 }, { key: 'E', count: 9 }], 56, K);
    expect(shown(t).cells).toEqual({ A: 40, B: '<5', C: '<5', D: SECONDARY_MARK, E: SECONDARY_MARK });
    expect(disclosed(t.cells, t.total, K)).toBe(false);
  });

  it('hides the total when even all cells hidden would still give a small one away', () => {
    // 6 = 1 + 5: B hidden as "x" is at least 5, so A = 6 - B is at most 1, i.e. exactly 1.
    const t = protectTable([{ key: 'A', count: 1 }, { key: 'B', count: 5 }, { key: 'C', count: 0 }], 6, K);
    expect(shown(t)).toEqual({ total: SECONDARY_MARK, cells: { A: '<5', B: SECONDARY_MARK, C: 0 } });
    expect(disclosed(t.cells, t.total, K)).toBe(false);
  });

  it('keeps a small total and small cells hidden without more (nothing can be solved)', () => {
    const t = protectTable([{ key: 'A', count: 2 }, { key: 'B', count: 0 }, { key: 'C', count: 1 }], 3, K);
    expect(shown(t)).toEqual({ total: '<5', cells: { A: '<5', B: 0, C: '<5' } });
  });

  it('with a single small cell and a small total, both are "<k" and stay unsolvable', () => {
    const t = protectTable([{ key: 'A', count: 3 }, { key: 'B', count: 0 }], 3, K);
    expect(shown(t)).toEqual({ total: '<5', cells: { A: '<5', B: 0 } });
    expect(disclosed(t.cells, t.total, K)).toBe(false);
  });

  it('protects every small cell of a realistic participation table (no hidden cell has a single possible value)', () => {
    const cells = [
      { key: 'BURGEMEESTER', count: 11 }, { key: 'CASEMANAGEMENT', count: 11 }, { key: 'POLITIE', count: 9 }, { key: 'PARKET', count: 2 },
      { key: 'OCMW', count: 4 }, { key: 'ONDERWIJS', count: 0 }, { key: 'PREVENTIE', count: 6 },
    ];
    const t = protectTable(cells, 43, K);
    expect(t.cells.filter((c) => c.suppression === 'PRIMARY').map((c) => c.key)).toEqual(['PARKET', 'OCMW']);
    // PARKET + OCMW = 6 could be 2 + 4, 3 + 3, 4 + 2, 1 + 5? no (≤ 4): still several splits, so no secondary needed.
    expect(t.cells.filter((c) => c.suppression === 'SECONDARY')).toEqual([]);
    const ranges = feasibleRanges(t.cells, t.total, K);
    expect(ranges[3]).toEqual([2, 4]);
    expect(ranges[4]).toEqual([2, 4]);
  });

  it('finds every brute-force disclosure on small tables and never leaves one', () => {
    // Every table of 3 cells with counts 0 … 7: after protection, each hidden cell can take ≥ 2 values consistent with
    // what is shown, checked by enumerating all tables the reader could be looking at.
    const rangeOf = (s: string | number): number[] => (typeof s === 'number' ? [s] : s === SECONDARY_MARK ? [5, 6, 7, 8, 9, 10] : [1, 2, 3, 4]);
    for (let a = 0; a <= 7; a++) for (let b = 0; b <= 7; b++) for (let c = 0; c <= 7; c++) {
      const t = protectTable([{ key: 'a', count: a }, { key: 'b', count: b }, { key: 'c', count: c }], a + b + c, K);
      const s = [t.cells[0].shown, t.cells[1].shown, t.cells[2].shown];
      const totals = rangeOf(t.total.shown);
      const consistent: number[][] = [];
      for (const x of rangeOf(s[0])) for (const y of rangeOf(s[1])) for (const z of rangeOf(s[2])) {
        if (totals.includes(x + y + z) || (t.total.shown === SECONDARY_MARK && x + y + z >= 5)) consistent.push([x, y, z]);
      }
      [0, 1, 2].forEach((i) => {
        if (typeof s[i] === 'number') return;
        const values = new Set(consistent.map((v) => v[i]));
        expect([a, b, c, i, values.size >= 2]).toEqual([a, b, c, i, true]);
      });
    }
  });

  it('refuses a breakdown that does not add up to its total (a programming error)', () => {
    expect(() => protectTable([{ key: 'A', count: 1 }], 2, K)).toThrow(/add up/);
  });
});

describe('met next to a hidden count', () => {
  const hidden = protectCount(4, K);
  it('is dropped when it would pin the hidden value down', () => {
    expect(protectMet(true, 'GTE', 4, hidden, K)).toBeNull(); // "<5" and ≥ 4 → 4
    expect(protectMet(true, 'EQ', 3, protectCount(3, K), K)).toBeNull();
    expect(protectMet(false, 'LTE', 3, hidden, K)).toBeNull(); // > 3 and < 5 → 4
  });
  it('is dropped as soon as it narrows the range at all: two verdicts together could pin the value', () => {
    expect(protectMet(true, 'GTE', 3, hidden, K)).toBeNull(); // 3 or 4 — with "= 3: not met" elsewhere, 4
    expect(protectMet(false, 'GTE', 3, protectCount(2, K), K)).toBeNull();
  });
  it('is kept when it holds for every value the mark allows, or when the value is shown', () => {
    expect(protectMet(true, 'GTE', 1, hidden, K)).toBe(true); // 1 … 4 all ≥ 1
    expect(protectMet(false, 'GTE', 5, hidden, K)).toBe(false); // none of 1 … 4 reaches 5
    expect(protectMet(true, 'GTE', 3, protectCount(8, K), K)).toBe(true);
    expect(protectMet(null, 'GTE', 3, hidden, K)).toBeNull();
  });
  it('handles a secondary-hidden value (≥ k, unbounded)', () => {
    const x = { count: 6, suppression: 'SECONDARY' as const, shown: SECONDARY_MARK };
    expect(protectMet(true, 'GTE', 3, x, K)).toBe(true);
    expect(protectMet(false, 'LTE', 4, x, K)).toBe(false);
    expect(protectMet(false, 'GTE', 7, x, K)).toBeNull(); // 5 or 6
    expect(protectMet(true, 'EQ', 6, x, K)).toBeNull();
  });
});
