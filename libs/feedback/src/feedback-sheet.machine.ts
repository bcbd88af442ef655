import { setup } from 'xstate';

export const FEEDBACK_SHEET_STATES = ['CONCEPT', 'TER_GOEDKEURING', 'GOEDGEKEURD', 'AFGEWEZEN'] as const;
export type FeedbackSheetState = (typeof FEEDBACK_SHEET_STATES)[number];

/** Events a user sends through `POST /api/feedback-sheets/:id/transitions`; APPROVE and REJECT follow from approvals. */
export const FEEDBACK_SHEET_USER_EVENTS = ['SUBMIT'] as const;
export type FeedbackSheetUserEvent = (typeof FEEDBACK_SHEET_USER_EVENTS)[number];

/** The service counts what the guards need and passes it with the event. */
export type FeedbackSheetEvent =
  | { type: 'SUBMIT'; noSecretsConfirmed?: boolean; hasContent?: boolean; approverCount?: number }
  // Sent by the approvals route, never directly by a user:
  | { type: 'APPROVE'; pendingApprovals?: number }
  | { type: 'REJECT' };

export type FeedbackSheetContext = Record<string, never>;

/**
 * DESIGN.md §4, FeedbackSheet: CONCEPT → TER_GOEDKEURING → GOEDGEKEURD (every partner present at the discussion
 * approved) | AFGEWEZEN (one of them refused). GwH 52/2021: consensus of those who took part, and no professional
 * secret shared in the meeting in it (the author confirms that before submitting).
 */
export const feedbackSheetMachine = setup({
  types: { context: {} as FeedbackSheetContext, events: {} as FeedbackSheetEvent },
  guards: {
    readyForApproval: ({ event }) =>
      event.type === 'SUBMIT' && event.noSecretsConfirmed === true && event.hasContent === true && (event.approverCount ?? 0) > 0,
    unanimous: ({ event }) => event.type === 'APPROVE' && event.pendingApprovals === 0,
  },
}).createMachine({
  id: 'feedbackSheet',
  initial: 'CONCEPT',
  context: {},
  states: {
    CONCEPT: { on: { SUBMIT: { target: 'TER_GOEDKEURING', guard: 'readyForApproval' } } },
    TER_GOEDKEURING: {
      on: {
        APPROVE: { target: 'GOEDGEKEURD', guard: 'unanimous' },
        REJECT: 'AFGEWEZEN',
      },
    },
    GOEDGEKEURD: { type: 'final' },
    AFGEWEZEN: { type: 'final' },
  },
});
