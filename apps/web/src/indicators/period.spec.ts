import { lastDayOfMonth, quartersOf, validatePeriodSearch, yearHasEnded, yearsBetween } from './period';

describe('indicator periods', () => {
  it('keeps only a real year and a complete from/to pair from the URL', () => {
    expect(validatePeriodSearch({ year: '2026' })).toEqual({ year: 2026 });
    expect(validatePeriodSearch({ year: 'x', from: '2026-01-01' })).toEqual({ year: undefined });
    expect(validatePeriodSearch({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ year: undefined, from: '2026-01-01', to: '2026-03-31' });
  });
  it('lists the quarters that have begun, and the years of a plan', () => {
    expect(quartersOf(2026, '2026-05-02').map((q) => [q.from, q.to])).toEqual([['2026-01-01', '2026-03-31'], ['2026-04-01', '2026-06-30']]);
    expect(quartersOf(2025, '2026-05-02')).toHaveLength(4);
    expect(yearsBetween('2026-01-01', '2027-12-31')).toEqual([2026, 2027]);
  });
  it('knows the last day of a month and whether a year has ended in Brussels', () => {
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
    expect(yearHasEnded(2026, '2026-12-31')).toBe(false);
    expect(yearHasEnded(2026, '2027-01-01')).toBe(true);
  });
});
