import { assign, setup } from 'xstate';
import type { ScreeningSummary } from './screening.questions';

export const DOSSIER_STATES = [
  'AANGEMELD', 'SCREENING', 'NIET_WEERHOUDEN', 'WEERHOUDEN', 'GEAGENDEERD', 'IN_OPVOLGING', 'AFGESLOTEN', 'GEANONIMISEERD',
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const CLOSURE_REASONS = [
  'DOELEN_BEREIKT', 'VERHUISD', 'OVERGEDRAGEN', 'WEIGERING', 'JUSTITIEEL_TRAJECT', 'OVERLEDEN', 'ANDERE',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** Events a user sends through `POST /api/dossiers/:id/transitions`. */
export const DOSSIER_USER_EVENTS = ['START_SCREENING', 'RETAIN', 'REJECT', 'CLOSE', 'REOPEN'] as const;
export type DossierUserEvent = (typeof DOSSIER_USER_EVENTS)[number];
/** The user events that carry a reason (kept in the history: free text, so only where it has a place). */
export const DOSSIER_REASON_EVENTS: readonly DossierUserEvent[] = ['RETAIN', 'REJECT', 'CLOSE', 'REOPEN'];

/** Where a rejected signal was sent: a partner of the tenant, or an outside service by name. */
export type ReferredTo = { partnerId: string } | { name: string };

export type DossierEvent =
  | { type: 'START_SCREENING' }
  | { type: 'RETAIN'; reason?: string; screening?: ScreeningSummary }
  | { type: 'REJECT'; reason?: string; referredTo?: ReferredTo; screening?: ScreeningSummary }
  | { type: 'CLOSE'; reason?: string }
  | { type: 'REOPEN'; reason?: string }
  // Sent by the meeting workflow, never directly by a user:
  | { type: 'PUT_ON_AGENDA' }
  | { type: 'TAKE_OFF_AGENDA' }
  | { type: 'DISCUSS' }
  // Sent by the retention job:
  | { type: 'ANONYMISE' };

export interface DossierContext {
  /** Where the dossier returns when it leaves an agenda undiscussed (postponed, removed, meeting cancelled). */
  returnState: 'WEERHOUDEN' | 'IN_OPVOLGING' | null;
}

const hasText = (s: unknown): boolean => typeof s === 'string' && s.trim().length > 0;

/** DESIGN.md §4, Dossier. */
export const dossierMachine = setup({
  types: { context: {} as DossierContext, events: {} as DossierEvent },
  guards: {
    reasonGiven: ({ event }) => 'reason' in event && hasText(event.reason),
    closureReasonGiven: ({ event }) =>
      event.type === 'CLOSE' && CLOSURE_REASONS.includes(event.reason as ClosureReason),
    returnsToRetained: ({ context }) => context.returnState === 'WEERHOUDEN',
  },
  actions: {
    rememberReturn: assign((_, params: { from: 'WEERHOUDEN' | 'IN_OPVOLGING' }) => ({ returnState: params.from })),
    forgetReturn: assign({ returnState: null }),
  },
}).createMachine({
  id: 'dossier',
  initial: 'AANGEMELD',
  context: { returnState: null },
  states: {
    AANGEMELD: { on: { START_SCREENING: 'SCREENING' } },
    SCREENING: {
      on: {
        RETAIN: 'WEERHOUDEN',
        REJECT: { target: 'NIET_WEERHOUDEN', guard: 'reasonGiven' },
      },
    },
    NIET_WEERHOUDEN: { on: { ANONYMISE: 'GEANONIMISEERD' } },
    WEERHOUDEN: {
      on: {
        PUT_ON_AGENDA: { target: 'GEAGENDEERD', actions: { type: 'rememberReturn', params: { from: 'WEERHOUDEN' } } },
        // A retained dossier may end before any meeting (moved away, handed over, …).
        CLOSE: { target: 'AFGESLOTEN', guard: 'closureReasonGiven' },
      },
    },
    GEAGENDEERD: {
      on: {
        DISCUSS: { target: 'IN_OPVOLGING', actions: 'forgetReturn' },
        TAKE_OFF_AGENDA: [
          { target: 'WEERHOUDEN', guard: 'returnsToRetained', actions: 'forgetReturn' },
          { target: 'IN_OPVOLGING', actions: 'forgetReturn' },
        ],
      },
    },
    IN_OPVOLGING: {
      on: {
        PUT_ON_AGENDA: { target: 'GEAGENDEERD', actions: { type: 'rememberReturn', params: { from: 'IN_OPVOLGING' } } },
        CLOSE: { target: 'AFGESLOTEN', guard: 'closureReasonGiven' },
      },
    },
    AFGESLOTEN: { on: { REOPEN: { target: 'SCREENING', guard: 'reasonGiven' }, ANONYMISE: 'GEANONIMISEERD' } },
    GEANONIMISEERD: { type: 'final' },
  },
});
