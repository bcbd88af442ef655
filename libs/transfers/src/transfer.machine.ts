import { setup } from 'xstate';

export const TRANSFER_STATES = ['VOORGESTELD', 'AANVAARD', 'GEWEIGERD', 'INGETROKKEN'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/** ACCEPT and REFUSE are the receiving LIVC's casemanagers'; WITHDRAW is the sending LIVC's. */
export const TRANSFER_EVENTS = ['ACCEPT', 'REFUSE', 'WITHDRAW'] as const;
export type TransferEventType = (typeof TRANSFER_EVENTS)[number];
export const RECEIVER_EVENTS: readonly TransferEventType[] = ['ACCEPT', 'REFUSE'];
export const SENDER_EVENTS: readonly TransferEventType[] = ['WITHDRAW'];

export type TransferEvent = { type: 'ACCEPT' } | { type: 'REFUSE'; reason?: string } | { type: 'WITHDRAW'; reason?: string };

const hasText = (s: unknown): boolean => typeof s === 'string' && s.trim().length > 0;

/**
 * A proposal to hand a dossier over to another LIVC of the same deployment (verhuis). It ends once: accepted (the
 * receiving LIVC opens a dossier of its own, the sending one closes with OVERGEDRAGEN), refused with a reason, or
 * withdrawn by the sender.
 */
export const transferMachine = setup({
  types: { context: {} as Record<string, never>, events: {} as TransferEvent },
  guards: { reasonGiven: ({ event }) => 'reason' in event && hasText(event.reason) },
}).createMachine({
  id: 'transfer',
  initial: 'VOORGESTELD',
  context: {},
  states: {
    VOORGESTELD: {
      on: {
        ACCEPT: 'AANVAARD',
        REFUSE: { target: 'GEWEIGERD', guard: 'reasonGiven' },
        WITHDRAW: 'INGETROKKEN',
      },
    },
    AANVAARD: { type: 'final' },
    GEWEIGERD: { type: 'final' },
    INGETROKKEN: { type: 'final' },
  },
});
