import { brusselsDate } from '@kernteam/http';
import { currentYearInBrussels, isWholeMonths, isWholeYear, meets, median, monthOf, periodProblems, ratio, singleYearOf, yearPeriod } from './indicator-math';
import { indicatorBySlug, indicatorSlug, INDICATOR_KEYS } from './indicator-definitions';
import { toResult, withTarget } from './indicator-result';
import { indicatorQuery } from './indicator.sql';

describe('indicator math', () => {
  it('divides, with no value for an empty denominator', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(0, 5)).toBe(0);
    expect(ratio(0, 0)).toBeNull();
  });

  it('judges targets per operator', () => {
    expect(meets('GTE', 0.8, 0.8)).toBe(true);
    expect(meets('GTE', 0.7999, 0.8)).toBe(false);
    expect(meets('GTE', 4 / 5, 0.8)).toBe(true); // 0.8000000000000002-safe
    expect(meets('LTE', 20, 21)).toBe(true);
    expect(meets('LTE', 22, 21)).toBe(false);
    expect(meets('EQ', 3, 3)).toBe(true);
    expect(meets('EQ', 2, 3)).toBe(false);
    expect(meets('YES_NO', 1, 1)).toBe(true);
    expect(meets('YES_NO', 0, 1)).toBe(false);
    expect(meets('YES_NO', 0, 0)).toBe(true);
    expect(meets('GTE', null, 3)).toBeNull();
    expect(meets(null, 3, 3)).toBeNull();
  });

  it('takes the median', () => {
    expect(median([37, 18, 30, 11])).toBe(24);
    expect(median([31, 276])).toBe(153.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNull();
  });

  it('checks periods from a request', () => {
    expect(periodProblems('2025-01-01', '2025-12-31')).toEqual([]);
    expect(periodProblems('2025-01-01', '2025-01-01')).toEqual([]);
    expect(periodProblems(undefined, '2025-12-31')).toEqual([{ field: 'from', message: expect.stringContaining('required') }]);
    expect(periodProblems('2025-02-29', '2025-12-31')).toEqual([{ field: 'from', message: expect.stringContaining('real date') }]);
    expect(periodProblems('2024-02-29', '2024-12-31')).toEqual([]);
    expect(periodProblems('2025-12-31', '2025-01-01')).toEqual([{ field: 'to', message: expect.stringContaining('before') }]);
    expect(periodProblems(['2025-01-01'], '2025-12-31').map((p) => p.field)).toEqual(['from']);
  });

  it('knows years, months and single-year periods', () => {
    expect(yearPeriod(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(isWholeYear({ from: '2026-01-01', to: '2026-12-31' })).toBe(2026);
    expect(isWholeYear({ from: '2026-01-01', to: '2026-12-30' })).toBeNull();
    expect(singleYearOf({ from: '2026-03-01', to: '2026-05-31' })).toBe(2026);
    expect(singleYearOf({ from: '2025-03-01', to: '2026-05-31' })).toBeNull();
    expect(isWholeMonths({ from: '2024-02-01', to: '2024-02-29' })).toBe(true);
    expect(isWholeMonths({ from: '2025-02-01', to: '2025-02-28' })).toBe(true);
    expect(isWholeMonths({ from: '2025-02-01', to: '2025-02-27' })).toBe(false);
    expect(isWholeMonths({ from: '2025-02-02', to: '2025-02-28' })).toBe(false);
    expect(monthOf('2025-12-31')).toBe('2025-12');
  });

  it('tells the Brussels date of an instant (winter and summer time)', () => {
    expect(brusselsDate(new Date('2025-12-31T22:30:00Z'))).toBe('2025-12-31');
    expect(brusselsDate(new Date('2025-06-30T22:30:00Z'))).toBe('2025-07-01');
    expect(brusselsDate(new Date('2025-06-30T21:30:00Z'))).toBe('2025-06-30');
    expect(currentYearInBrussels(new Date('2025-12-31T23:30:00Z'))).toBe(2026);
    expect(currentYearInBrussels(new Date('2025-12-31T22:30:00Z'))).toBe(2025);
  });

  it('maps keys to route segments and back', () => {
    expect(indicatorSlug('SHARED_AGREEMENTS')).toBe('shared-agreements');
    for (const k of INDICATOR_KEYS) expect(indicatorBySlug(indicatorSlug(k))).toBe(k);
    expect(indicatorBySlug('nope')).toBeUndefined();
  });

  it('builds one parameterised statement per indicator, with the tenant and period as parameters only', () => {
    for (const k of INDICATOR_KEYS) {
      const q = indicatorQuery(k, 'tenant-id', { from: '2025-01-01', to: '2025-12-31' });
      expect(q.values.slice(0, 3)).toEqual(['tenant-id', '2025-01-01', '2025-12-31']);
      expect(q.sql).not.toContain('2025');
      expect(q.sql).toMatch(/tenant_id = \$1/);
      expect(q.sql.trim().split(';').filter((s) => s.trim()).length).toBe(1);
    }
    // The shared-agreements rule lives in the view: the indicator never re-implements it.
    const shared = indicatorQuery('SHARED_AGREEMENTS', 't', { from: '2025-01-01', to: '2025-12-31' }).sql;
    expect(shared).toMatch(/FROM\s+discussions d/);
    expect(shared).not.toMatch(/endorsements|agreements a/);
    expect(indicatorQuery('PARTICIPATIONS', 't', { from: '2025-01-01', to: '2025-12-31' }, { partnerType: 'POLITIE' }).values[3]).toBe('POLITIE');
  });

  it('turns a row into the result shape, judging against the default or a plan target', () => {
    const p = { from: '2025-01-01', to: '2025-12-31' };
    const shared = toResult('SHARED_AGREEMENTS', p, { numerator: 3, denominator: 4, value: null, breakdown: null });
    expect(shared).toEqual({ key: 'SHARED_AGREEMENTS', ...p, numerator: 3, denominator: 4, value: 0.75, target: 0.8, met: false });
    expect(withTarget(shared, 'GTE', 0.7)).toMatchObject({ target: 0.7, met: true });
    expect(toResult('SHARED_AGREEMENTS', p, { numerator: 0, denominator: 0, value: null, breakdown: null })).toMatchObject({ value: null, met: null });
    expect(toResult('MEETINGS_HELD', p, { numerator: 3, denominator: null, value: null, breakdown: null })).toMatchObject({ value: 3, target: null, met: null });
    expect(toResult('MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION', p, { numerator: null, denominator: 4, value: 24, breakdown: null })).toMatchObject({ value: 24, denominator: 4 });
    expect(toResult('PARTICIPATIONS', p, { numerator: 2, denominator: null, value: null, breakdown: [{ key: 'x', count: 2 }] }).breakdown).toEqual([{ key: 'x', count: 2 }]);
  });
});
