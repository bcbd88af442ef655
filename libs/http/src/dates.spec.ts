import { addDays, brusselsDate } from './dates';
import { isInstant } from './is-instant.decorator';

describe('dates', () => {
  it('gives the Brussels calendar date of an instant, across the DST change and midnight', () => {
    expect(brusselsDate(new Date('2026-03-29T22:30:00Z'))).toBe('2026-03-30'); // 00:30 CEST
    expect(brusselsDate(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31'); // 23:59 CET
    expect(brusselsDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-12-30', 7)).toBe('2027-01-06');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('accepts only real instants with an explicit offset', () => {
    for (const ok of ['2026-12-03T14:00:00+01:00', '2026-12-03T13:00:00Z', '2026-12-03T14:00+01:00', '2026-12-03T14:00:00.123Z']) {
      expect(isInstant(ok)).toBe(true);
    }
    for (const bad of ['2026-12-03T14:00:00', '2026-12-03', '2026-02-30T10:00:00Z', '2026-12-03T25:00:00Z', '03/12/2026 14:00', 42, null, '2026-12-03T14:00:00+25:00']) {
      expect(isInstant(bad)).toBe(false);
    }
  });
});
