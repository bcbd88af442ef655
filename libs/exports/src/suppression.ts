import { meets, Operator } from '@kernteam/indicators';

/**
 * Small-cell suppression for anonymised exports.
 *
 * Primary: a count from 1 to k - 1 (k = minCellSize) is shown as the string `"<k"`; 0 and counts ≥ k are shown.
 *
 * Complementary (secondary): in a breakdown whose cells add up to a published total (participations per partner type,
 * closures per reason), hiding the small cells is not enough when a hidden cell can be worked out from the total and the
 * cells that are shown. The reader is assumed to know the rule: a `"<k"` cell lies in [1, k - 1], a cell hidden to
 * protect others (shown as {@link SECONDARY_MARK}) lies in [k, ∞) (zeros are never hidden), a shown cell is exact.
 * With one equation (cells = total), the values a hidden cell can take form an interval, computed exactly by
 * {@link feasibleRanges}; a hidden cell is disclosed when that interval holds a single value its mark alone did not
 * pin down. Until nothing is disclosed, the smallest shown non-zero cell is hidden as well; when every non-zero cell is
 * hidden and something is still disclosed, the total is hidden too (then there is no equation left to solve).
 *
 * Derived values: a share whose numerator or denominator is hidden, or a median over a hidden number of cases, is not
 * published either (value and met null, `suppressed: 'SMALL_COUNT'`); a verdict (`met`) on a hidden count is published
 * only when it holds for every value the mark allows. `export-disclosure.spec.ts` checks all of it by brute force.
 */

export type Suppression = 'NONE' | 'PRIMARY' | 'SECONDARY';

/** What an export shows for a count: the number, `"<k"`, or the secondary mark. */
export type Shown = number | string;

export const SECONDARY_MARK = 'x';
export const lessThan = (k: number) => `<${k}`;

export interface ProtectedCount {
  count: number;
  suppression: Suppression;
  shown: Shown;
}

/** Primary suppression of one count on its own. */
export function protectCount(count: number, k: number): ProtectedCount {
  return count >= 1 && count < k ? { count, suppression: 'PRIMARY', shown: lessThan(k) } : { count, suppression: 'NONE', shown: count };
}

export function showCount(count: number | null, k: number): Shown | null {
  return count === null ? null : protectCount(count, k).shown;
}

/** The interval a reader can place a quantity in from its mark alone. */
export function markRange(c: ProtectedCount, k: number): [number, number] {
  if (c.suppression === 'NONE') return [c.count, c.count];
  if (c.suppression === 'PRIMARY') return [1, k - 1];
  return [k, Number.POSITIVE_INFINITY];
}

/**
 * For `cells` adding up to `total`: the exact interval each quantity can take given the marks and the equation.
 * Index i < cells.length is a cell; index cells.length is the total.
 */
export function feasibleRanges(cells: readonly ProtectedCount[], total: ProtectedCount, k: number): [number, number][] {
  // Σ cells − total = 0, i.e. Σ a_i x_i = 0 with a = +1 for cells and −1 for the total.
  const terms = [...cells.map((c) => ({ a: 1, r: markRange(c, k) })), { a: -1, r: markRange(total, k) }];
  const contrib = terms.map(({ a, r }) => (a > 0 ? [r[0], r[1]] : [-r[1], -r[0]]) as [number, number]);
  return terms.map(({ a, r }, j) => {
    let lo = 0;
    let hi = 0;
    contrib.forEach(([cl, ch], i) => {
      if (i === j) return;
      lo += cl;
      hi += ch;
    });
    // a_j x_j = −(Σ others) ∈ [−hi, −lo]
    const [xl, xh] = a > 0 ? [-hi, -lo] : [lo, hi];
    return [Math.max(r[0], xl), Math.min(r[1], xh)] as [number, number];
  });
}

/** Whether a hidden quantity can be worked out exactly (more exactly than its own mark says). */
export function disclosed(cells: readonly ProtectedCount[], total: ProtectedCount, k: number): boolean {
  const ranges = feasibleRanges(cells, total, k);
  const all = [...cells, total];
  return all.some((c, i) => {
    if (c.suppression === 'NONE') return false;
    const [mlo, mhi] = markRange(c, k);
    const [lo, hi] = ranges[i];
    return lo === hi && mlo !== mhi;
  });
}

export interface ProtectedTable<K extends string> {
  total: ProtectedCount;
  cells: (ProtectedCount & { key: K })[];
}

/** Primary and complementary suppression of a breakdown whose cells add up to `total` (see the file comment). */
export function protectTable<K extends string>(cells: readonly { key: K; count: number }[], total: number, k: number): ProtectedTable<K> {
  const sum = cells.reduce((s, c) => s + c.count, 0);
  if (sum !== total) throw new Error(`protectTable: cells add up to ${sum}, not to the total ${total}`);
  const out = cells.map((c) => ({ key: c.key, ...protectCount(c.count, k) }));
  let t = protectCount(total, k);
  const hide = (c: ProtectedCount) => Object.assign(c, { suppression: 'SECONDARY' as const, shown: SECONDARY_MARK });
  while (disclosed(out, t, k)) {
    const candidate = out
      .filter((c) => c.suppression === 'NONE' && c.count > 0)
      .sort((a, b) => a.count - b.count)[0];
    if (candidate) {
      hide(candidate);
      continue;
    }
    if (t.suppression === 'NONE') t = hide({ ...t });
    break;
  }
  return { total: t, cells: out };
}

/**
 * Whether a target was met, published next to a hidden count only when it says nothing its mark does not already say
 * (the same verdict for every value the mark allows): else null. A verdict that narrows the range, however little,
 * could be combined with another verdict on the same count or with a breakdown sum ("<5", "≥ 3: met" and "= 3: not
 * met" leave only 4), so none is published. Values shown, or not counts, keep their `met`.
 */
export function protectMet(met: boolean | null, operator: Operator | null, target: number | null, value: ProtectedCount | null, k: number): boolean | null {
  if (met === null || value === null || value.suppression === 'NONE' || operator === null || target === null) return met;
  const [lo, hi] = markRange(value, k);
  // Beyond the target (plus a margin) every operator gives the same verdict, so an open range is checked that far.
  const last = Math.min(hi, Math.max(lo, Math.ceil(target)) + 2);
  for (let v = lo; v <= last; v++) if (meets(operator, v, target) !== met) return null;
  return met;
}

/** Why a value is not published: it is worked out from a count that is hidden (a share or median of small counts). */
export type Withheld = 'SMALL_COUNT';
