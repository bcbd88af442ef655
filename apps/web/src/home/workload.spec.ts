import { dueSoonBefore, isLive, isPending, nextMeetings } from './workload';

describe('start page lists', () => {
  it('asks agreements due up to and including today + REMINDER_DAYS', () => {
    expect(dueSoonBefore('2026-12-01')).toBe('2026-12-09');
    expect(dueSoonBefore('2026-12-01', 3)).toBe('2026-12-05');
    expect(dueSoonBefore('2026-12-28')).toBe('2027-01-05');
  });

  it('keeps only pending agreements as due soon', () => {
    expect(['OPEN', 'IN_UITVOERING', 'UITGEVOERD', 'NIET_UITGEVOERD', 'VERVALLEN'].filter(isPending)).toEqual(['OPEN', 'IN_UITVOERING']);
  });

  it('offers the chair the meeting mode once the agenda is fixed or the session runs', () => {
    expect(['GEPLAND', 'AGENDA_VASTGELEGD', 'IN_ZITTING', 'AFGEROND', 'VERSLAG_GOEDGEKEURD', 'GEANNULEERD'].filter((state) => isLive({ state })))
      .toEqual(['AGENDA_VASTGELEGD', 'IN_ZITTING']);
  });

  it('lists the next meetings soonest first, leaving closed and cancelled ones out', () => {
    const ms = [
      { id: 'c', state: 'GEPLAND', scheduledAt: '2026-12-20T13:00:00Z' },
      { id: 'x', state: 'GEANNULEERD', scheduledAt: '2026-12-02T13:00:00Z' },
      { id: 'a', state: 'IN_ZITTING', scheduledAt: '2026-12-01T13:00:00Z' },
      { id: 'd', state: 'AFGEROND', scheduledAt: '2026-12-01T09:00:00Z' },
      { id: 'b', state: 'AGENDA_VASTGELEGD', scheduledAt: '2026-12-10T13:00:00Z' },
    ];
    expect(nextMeetings(ms).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(nextMeetings(ms, 1).map((m) => m.id)).toEqual(['a']);
  });
});
