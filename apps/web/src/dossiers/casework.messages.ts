import { defineMessages } from '../i18n/messages';

/** The screening form and the awareness-and-consent record of a dossier (issue 13). */
export const caseworkMessages = defineMessages({
  screening: { id: 'dossiers.screening.title', defaultMessage: 'Screening' },
  screeningLead: { id: 'dossiers.screening.lead', defaultMessage: 'De vragen van de LIVC bij een nieuw signaal. Weerhouden of niet weerhouden kan pas als alle vier beantwoord zijn.' },
  screeningNotYet: { id: 'dossiers.screening.notYet', defaultMessage: 'De screening begint wanneer het signaal in screening gaat.' },
  screeningEmpty: { id: 'dossiers.screening.empty', defaultMessage: 'Er werd geen screening ingevuld.' },
  noteFor: { id: 'dossiers.screening.noteFor', defaultMessage: 'Korte toelichting bij vraag {n} (niet verplicht)' },
  lastSaved: { id: 'dossiers.screening.lastSaved', defaultMessage: 'Laatst bewaard door {who}, {when}.' },
  save: { id: 'dossiers.screening.save', defaultMessage: 'Screening bewaren' },
  saved: { id: 'dossiers.screening.saved', defaultMessage: 'De screening is bewaard.' },
  complete: { id: 'dossiers.screening.complete', defaultMessage: 'Volledig: het signaal kan weerhouden worden of niet.' },
  incomplete: { id: 'dossiers.screening.incomplete', defaultMessage: 'Nog niet volledig: {count, plural, one {# vraag} other {# vragen}} zonder antwoord.' },
  unanswered: { id: 'dossiers.screening.unanswered', defaultMessage: 'Geen antwoord' },
  summaryTitle: { id: 'dossiers.screening.summaryTitle', defaultMessage: 'Samenvatting van de screening' },
  summaryMissing: { id: 'dossiers.screening.summaryMissing', defaultMessage: 'De screening is niet volledig. Beantwoord eerst de vier vragen in de sectie Screening.' },

  awareness: { id: 'dossiers.awareness.title', defaultMessage: 'Bewustzijn en instemming' },
  awarenessLead: { id: 'dossiers.awareness.lead', defaultMessage: 'Werd de persoon op de hoogte gebracht van het casusoverleg, en neemt die vrijwillig deel aan een begeleidingstraject?' },
  informedState: { id: 'dossiers.awareness.informedState', defaultMessage: 'Op de hoogte gebracht' },
  informedOn: { id: 'dossiers.awareness.informedOn', defaultMessage: 'Op de hoogte gebracht op' },
  notInformedReason: { id: 'dossiers.awareness.notInformedReason', defaultMessage: 'Reden' },
  explanation: { id: 'dossiers.awareness.explanation', defaultMessage: 'Korte toelichting' },
  consent: { id: 'dossiers.awareness.consent', defaultMessage: 'Instemming met een begeleidingstraject' },
  consentOn: { id: 'dossiers.awareness.consentOn', defaultMessage: 'Gevraagd op' },
  record: { id: 'dossiers.awareness.record', defaultMessage: 'Vastleggen' },
  recorded: { id: 'dossiers.awareness.recorded', defaultMessage: 'Vastgelegd.' },
  history: { id: 'dossiers.awareness.history', defaultMessage: 'Geschiedenis' },
  noHistory: { id: 'dossiers.awareness.noHistory', defaultMessage: 'Nog niets vastgelegd.' },
  historyCaption: { id: 'dossiers.awareness.historyCaption', defaultMessage: 'Geschiedenis van bewustzijn en instemming' },
  colWhen: { id: 'dossiers.awareness.colWhen', defaultMessage: 'Wanneer' },
  colStep: { id: 'dossiers.awareness.colStep', defaultMessage: 'Stap' },
  colFacts: { id: 'dossiers.awareness.colFacts', defaultMessage: 'Gegevens' },
  colWho: { id: 'dossiers.awareness.colWho', defaultMessage: 'Door' },
  on: { id: 'dossiers.awareness.on', defaultMessage: 'op {date}' },
});

export const screeningQuestionLabels = defineMessages({
  RADICALISATION_LINK: { id: 'screening.question.RADICALISATION_LINK', defaultMessage: 'Is er een link met radicalisering, extremisme of terrorisme?' },
  SECURITY_RISK: { id: 'screening.question.SECURITY_RISK', defaultMessage: 'Is er een veiligheidsrisico waarvoor eerder politie of parket nodig is?' },
  CARE_NEED: { id: 'screening.question.CARE_NEED', defaultMessage: 'Is er een zorgnood?' },
  OTHER_SERVICE: { id: 'screening.question.OTHER_SERVICE', defaultMessage: 'Is een andere dienst beter geplaatst?' },
});

export const screeningAnswerLabels = defineMessages({
  YES: { id: 'screening.answer.YES', defaultMessage: 'Ja' },
  NO: { id: 'screening.answer.NO', defaultMessage: 'Nee' },
  UNKNOWN: { id: 'screening.answer.UNKNOWN', defaultMessage: 'Onbekend' },
});

export const awarenessStateLabels = defineMessages({
  NOT_RECORDED: { id: 'awareness.state.NOT_RECORDED', defaultMessage: 'Nog niet vastgelegd' },
  INFORMED: { id: 'awareness.state.INFORMED', defaultMessage: 'Ja, op de hoogte gebracht' },
  NOT_INFORMED: { id: 'awareness.state.NOT_INFORMED', defaultMessage: 'Nee, niet op de hoogte gebracht' },
});

export const awarenessEventLabels = defineMessages({
  INFORM: { id: 'awareness.event.INFORM', defaultMessage: 'Op de hoogte gebracht' },
  NOT_INFORM: { id: 'awareness.event.NOT_INFORM', defaultMessage: 'Niet op de hoogte gebracht' },
  RECORD_CONSENT: { id: 'awareness.event.RECORD_CONSENT', defaultMessage: 'Instemming vastleggen' },
});

export const notInformedReasonLabels = defineMessages({
  NOT_POSSIBLE: { id: 'awareness.reason.NOT_POSSIBLE', defaultMessage: 'Niet mogelijk' },
  NOT_ADVISABLE: { id: 'awareness.reason.NOT_ADVISABLE', defaultMessage: 'Niet aangewezen' },
});

export const consentLabels = defineMessages({
  YES: { id: 'awareness.consent.YES', defaultMessage: 'Ja, neemt vrijwillig deel' },
  NO: { id: 'awareness.consent.NO', defaultMessage: 'Nee' },
  NOT_ASKED: { id: 'awareness.consent.NOT_ASKED', defaultMessage: 'Niet gevraagd' },
});
