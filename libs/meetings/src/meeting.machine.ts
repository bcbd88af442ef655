import { setup } from 'xstate';

export const MEETING_STATES = ['GEPLAND', 'AGENDA_VASTGELEGD', 'IN_ZITTING', 'AFGEROND', 'VERSLAG_GOEDGEKEURD', 'GEANNULEERD'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** Events a user sends through `POST /api/meetings/:id/transitions`. */
export const MEETING_EVENTS = ['FINALIZE_AGENDA', 'OPEN', 'CLOSE', 'APPROVE_MINUTES', 'CANCEL'] as const;
export type MeetingEventType = (typeof MEETING_EVENTS)[number];

/** The service counts what the guards need and passes it with the event; the machine itself stays pure. */
export type MeetingEvent =
  | { type: 'FINALIZE_AGENDA' }
  | { type: 'OPEN'; presentCount?: number }
  | { type: 'CLOSE'; itemsWithoutOutcome?: number }
  | { type: 'APPROVE_MINUTES' }
  | { type: 'CANCEL' };

export type MeetingContext = Record<string, never>;

/** States in which the agenda may still change (and dossiers be put on or taken off it). */
export const AGENDA_OPEN_STATES: readonly MeetingState[] = ['GEPLAND', 'AGENDA_VASTGELEGD'];
/** States in which attendance may be recorded. */
export const ATTENDANCE_STATES: readonly MeetingState[] = ['GEPLAND', 'AGENDA_VASTGELEGD', 'IN_ZITTING'];

/**
 * DESIGN.md §4, Meeting:
 * GEPLAND → AGENDA_VASTGELEGD (participants notified) → IN_ZITTING → AFGEROND (every agenda item has an outcome)
 * → VERSLAG_GOEDGEKEURD; GEANNULEERD from the first two.
 */
export const meetingMachine = setup({
  types: { context: {} as MeetingContext, events: {} as MeetingEvent },
  guards: {
    attendanceRecorded: ({ event }) => event.type === 'OPEN' && typeof event.presentCount === 'number' && event.presentCount > 0,
    everyItemHasOutcome: ({ event }) => event.type === 'CLOSE' && event.itemsWithoutOutcome === 0,
  },
}).createMachine({
  id: 'meeting',
  initial: 'GEPLAND',
  context: {},
  states: {
    GEPLAND: {
      on: { FINALIZE_AGENDA: 'AGENDA_VASTGELEGD', CANCEL: 'GEANNULEERD' },
    },
    AGENDA_VASTGELEGD: {
      on: { OPEN: { target: 'IN_ZITTING', guard: 'attendanceRecorded' }, CANCEL: 'GEANNULEERD' },
    },
    IN_ZITTING: {
      on: { CLOSE: { target: 'AFGEROND', guard: 'everyItemHasOutcome' } },
    },
    AFGEROND: {
      on: { APPROVE_MINUTES: 'VERSLAG_GOEDGEKEURD' },
    },
    VERSLAG_GOEDGEKEURD: { type: 'final' },
    GEANNULEERD: { type: 'final' },
  },
});
