import { setup } from 'xstate';

export const AGREEMENT_STATES = ['OPEN', 'IN_UITVOERING', 'UITGEVOERD', 'NIET_UITGEVOERD', 'VERVALLEN'] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];
/** States in which an agreement still has to be carried out (overdue and reminders only concern these). */
export const AGREEMENT_OPEN_STATES: readonly AgreementState[] = ['OPEN', 'IN_UITVOERING'];

export const AGREEMENT_EVENTS = ['START', 'COMPLETE', 'FAIL'] as const;
export type AgreementEventType = (typeof AGREEMENT_EVENTS)[number];

export type AgreementEvent =
  | { type: 'START'; note?: string }
  | { type: 'COMPLETE'; note?: string }
  | { type: 'FAIL'; note?: string }
  // Sent when the agreement's dossier is closed, never directly by a user:
  | { type: 'LAPSE' };

export type AgreementContext = Record<string, never>;

const hasText = (s: unknown): boolean => typeof s === 'string' && s.trim().length > 0;

/**
 * DESIGN.md §4, Agreement: OPEN → IN_UITVOERING → UITGEVOERD | NIET_UITGEVOERD (reason); UITGEVOERD also straight from
 * OPEN; VERVALLEN (final) when the dossier is closed while the agreement is still open.
 */
export const agreementMachine = setup({
  types: { context: {} as AgreementContext, events: {} as AgreementEvent },
  guards: {
    reasonGiven: ({ event }) => event.type === 'FAIL' && hasText(event.note),
  },
}).createMachine({
  id: 'agreement',
  initial: 'OPEN',
  context: {},
  states: {
    OPEN: { on: { START: 'IN_UITVOERING', COMPLETE: 'UITGEVOERD', LAPSE: 'VERVALLEN' } },
    IN_UITVOERING: {
      on: {
        COMPLETE: 'UITGEVOERD',
        FAIL: { target: 'NIET_UITGEVOERD', guard: 'reasonGiven' },
        LAPSE: 'VERVALLEN',
      },
    },
    UITGEVOERD: { type: 'final' },
    NIET_UITGEVOERD: { type: 'final' },
    VERVALLEN: { type: 'final' },
  },
});
