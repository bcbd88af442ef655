import { warningDelay } from './idle';

describe('warningDelay (the idle warning comes a minute before the session ends)', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');
  it('warns 60 s before the end', () => {
    expect(warningDelay('2026-12-01T10:30:00Z', now)).toEqual({ warnIn: 29 * 60_000, expireIn: 30 * 60_000 });
  });
  it('warns at once when less than a minute is left, and never schedules in the past', () => {
    expect(warningDelay('2026-12-01T10:00:20Z', now)).toEqual({ warnIn: 0, expireIn: 20_000 });
    expect(warningDelay('2026-12-01T09:59:00Z', now)).toEqual({ warnIn: 0, expireIn: 0 });
  });
});
