import { assign, setup } from 'xstate';

/**
 * Awareness and consent of the person (issue 13, item 3): one small machine per dossier. The state says whether the
 * person was informed of the casework; the context holds the facts of the last step (date, reason) and whether they
 * take part voluntarily. Every change is an event of this machine, so the history is the machine's event rows.
 */
export const AWARENESS_STATES = ['NOT_RECORDED', 'INFORMED', 'NOT_INFORMED'] as const;
export type AwarenessState = (typeof AWARENESS_STATES)[number];
export const NOT_INFORMED_REASONS = ['NOT_POSSIBLE', 'NOT_ADVISABLE'] as const;
export type NotInformedReason = (typeof NOT_INFORMED_REASONS)[number];
export const CONSENTS = ['YES', 'NO', 'NOT_ASKED'] as const;
export type Consent = (typeof CONSENTS)[number];

export const AWARENESS_EVENTS = ['INFORM', 'NOT_INFORM', 'RECORD_CONSENT'] as const;
export type AwarenessEventType = (typeof AWARENESS_EVENTS)[number];

export type AwarenessEvent =
  | { type: 'INFORM'; informedOn?: string }
  | { type: 'NOT_INFORM'; reason?: string; explanation?: string }
  | { type: 'RECORD_CONSENT'; consent?: string; consentOn?: string };

export interface AwarenessContext {
  informedOn: string | null;
  notInformedReason: NotInformedReason | null;
  explanation: string | null;
  consent: Consent;
  consentOn: string | null;
}

export const INITIAL_AWARENESS: AwarenessContext = { informedOn: null, notInformedReason: null, explanation: null, consent: 'NOT_ASKED', consentOn: null };

const isDate = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
const hasText = (s: unknown): boolean => typeof s === 'string' && s.trim().length > 0;

/**
 * NOT_RECORDED → INFORM → INFORMED, or NOT_INFORM → NOT_INFORMED (with a reason code and a short explanation).
 * A person not informed may be informed later; once informed that is a fact (INFORM again only corrects its date).
 * Consent is asked of an informed person only: RECORD_CONSENT YES/NO with the date, or back to NOT_ASKED.
 */
export const awarenessMachine = setup({
  types: { context: {} as AwarenessContext, events: {} as AwarenessEvent },
  guards: {
    dateGiven: ({ event }) => event.type === 'INFORM' && isDate(event.informedOn),
    reasonGiven: ({ event }) =>
      event.type === 'NOT_INFORM' && (NOT_INFORMED_REASONS as readonly string[]).includes(event.reason ?? '') && hasText(event.explanation),
    consentGiven: ({ event }) =>
      event.type === 'RECORD_CONSENT' && (event.consent === 'NOT_ASKED'
        ? event.consentOn === undefined
        : (event.consent === 'YES' || event.consent === 'NO') && isDate(event.consentOn)),
  },
  actions: {
    inform: assign(({ event }) => (event.type === 'INFORM'
      ? { informedOn: event.informedOn!, notInformedReason: null, explanation: null } : {})),
    notInform: assign(({ event }) => (event.type === 'NOT_INFORM'
      ? { informedOn: null, notInformedReason: event.reason as NotInformedReason, explanation: event.explanation!.trim(), consent: 'NOT_ASKED' as Consent, consentOn: null }
      : {})),
    consent: assign(({ event }) => (event.type === 'RECORD_CONSENT'
      ? { consent: event.consent as Consent, consentOn: event.consent === 'NOT_ASKED' ? null : event.consentOn! } : {})),
  },
}).createMachine({
  id: 'awareness',
  initial: 'NOT_RECORDED',
  context: INITIAL_AWARENESS,
  states: {
    NOT_RECORDED: {
      on: {
        INFORM: { target: 'INFORMED', guard: 'dateGiven', actions: 'inform' },
        NOT_INFORM: { target: 'NOT_INFORMED', guard: 'reasonGiven', actions: 'notInform' },
      },
    },
    NOT_INFORMED: {
      on: {
        INFORM: { target: 'INFORMED', guard: 'dateGiven', actions: 'inform' },
        NOT_INFORM: { target: 'NOT_INFORMED', guard: 'reasonGiven', actions: 'notInform' },
      },
    },
    INFORMED: {
      on: {
        INFORM: { target: 'INFORMED', guard: 'dateGiven', actions: 'inform' },
        RECORD_CONSENT: { target: 'INFORMED', guard: 'consentGiven', actions: 'consent' },
      },
    },
  },
});
