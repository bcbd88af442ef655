import { addDays, dayOf, todayInBrussels } from './dates';

describe('calendar days in Brussels', () => {
  it('takes the Brussels day of an instant, not the UTC one', () => {
    // 00:30 in Brussels on 3 December is still 2 December in UTC.
    expect(dayOf('2026-12-02T23:30:00Z')).toBe('2026-12-03');
    expect(dayOf('2026-12-03T00:30:00+01:00')).toBe('2026-12-03');
    // Summer time: 01:30 on 1 July is 23:30 UTC the day before.
    expect(dayOf('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(todayInBrussels(new Date('2026-12-31T23:15:00Z'))).toBe('2027-01-01');
  });

  it('counts calendar days across months, years and DST changes', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  });
});
