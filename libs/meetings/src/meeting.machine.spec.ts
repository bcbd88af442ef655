import { step } from '../../workflow/src/lifecycle';
import { itFollowsTransitionTable } from '../../workflow/src/testing/transition-table';
import { MEETING_STATES, MeetingEvent, meetingMachine } from './meeting.machine';

const run = (state: string, event: MeetingEvent) => step(meetingMachine, state, {}, event as MeetingEvent & Record<string, unknown>);

/** Every state × event of DESIGN.md §4 (Meeting), with the guards satisfied: the target, or refused. */
const table: Record<string, Partial<Record<MeetingEvent['type'], string>>> = {
  GEPLAND: { FINALIZE_AGENDA: 'AGENDA_VASTGELEGD', CANCEL: 'GEANNULEERD' },
  AGENDA_VASTGELEGD: { OPEN: 'IN_ZITTING', CANCEL: 'GEANNULEERD' },
  IN_ZITTING: { CLOSE: 'AFGEROND' },
  AFGEROND: { APPROVE_MINUTES: 'VERSLAG_GOEDGEKEURD' },
  VERSLAG_GOEDGEKEURD: {},
  GEANNULEERD: {},
};
const events: MeetingEvent[] = [
  { type: 'FINALIZE_AGENDA' }, { type: 'OPEN', presentCount: 3 }, { type: 'CLOSE', itemsWithoutOutcome: 0 }, { type: 'APPROVE_MINUTES' }, { type: 'CANCEL' },
];

describe('meeting machine', () => {
  itFollowsTransitionTable({ machine: meetingMachine, initial: 'GEPLAND', states: MEETING_STATES, table, events });

  it('opens the session only once attendance is recorded (at least one partner present)', () => {
    expect(run('AGENDA_VASTGELEGD', { type: 'OPEN' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('AGENDA_VASTGELEGD', { type: 'OPEN', presentCount: 0 })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('AGENDA_VASTGELEGD', { type: 'OPEN', presentCount: 1 })).toMatchObject({ ok: true, state: 'IN_ZITTING' });
  });

  it('closes only when every agenda item has an outcome', () => {
    expect(run('IN_ZITTING', { type: 'CLOSE' })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('IN_ZITTING', { type: 'CLOSE', itemsWithoutOutcome: 2 })).toEqual({ ok: false, problem: 'GUARD_FAILED' });
    expect(run('IN_ZITTING', { type: 'CLOSE', itemsWithoutOutcome: 0 })).toMatchObject({ ok: true, state: 'AFGEROND' });
  });

  it('cannot be cancelled once the session has started', () => {
    for (const state of ['IN_ZITTING', 'AFGEROND', 'VERSLAG_GOEDGEKEURD']) {
      expect(run(state, { type: 'CANCEL' })).toEqual({ ok: false, problem: 'NOT_ACCEPTED' });
    }
  });
});
