import { defineMessages } from './messages';
import { type IntlShape, type MessageDescriptor } from 'react-intl';

/**
 * Dutch and French labels of every code the API sends (UI.md: a state or event is never shown as its code alone).
 * One table per kind; `label(intl, table, code)` falls back to the code for one the UI does not know yet.
 */
export const roleLabels = defineMessages({
  admin: { id: 'role.admin', defaultMessage: 'functioneel beheerder' },
  chair: { id: 'role.chair', defaultMessage: 'voorzitter' },
  casemanager: { id: 'role.casemanager', defaultMessage: 'casemanager' },
  member: { id: 'role.member', defaultMessage: 'partnerlid' },
  evaluator: { id: 'role.evaluator', defaultMessage: 'evaluator' },
  auditor: { id: 'role.auditor', defaultMessage: 'auditor (DPO)' },
});

export const partnerTypeLabels = defineMessages({
  BURGEMEESTER: { id: 'partnerType.BURGEMEESTER', defaultMessage: 'Burgemeester' },
  CASEMANAGEMENT: { id: 'partnerType.CASEMANAGEMENT', defaultMessage: 'Casemanagement' },
  POLITIE: { id: 'partnerType.POLITIE', defaultMessage: 'Politie' },
  PARKET: { id: 'partnerType.PARKET', defaultMessage: 'Parket' },
  OCMW: { id: 'partnerType.OCMW', defaultMessage: 'OCMW' },
  ONDERWIJS: { id: 'partnerType.ONDERWIJS', defaultMessage: 'Onderwijs' },
  PREVENTIE: { id: 'partnerType.PREVENTIE', defaultMessage: 'Preventiedienst' },
  JURIDISCHE_DIENST: { id: 'partnerType.JURIDISCHE_DIENST', defaultMessage: 'Juridische dienst' },
  OTHER: { id: 'partnerType.OTHER', defaultMessage: 'Andere' },
});

export const phenomenonLabels = defineMessages({
  RADICALISERING: { id: 'phenomenon.RADICALISERING', defaultMessage: 'Radicalisering' },
  POLARISERING: { id: 'phenomenon.POLARISERING', defaultMessage: 'Polarisering' },
  EXTREMISME: { id: 'phenomenon.EXTREMISME', defaultMessage: 'Extremisme' },
  TERRORISME: { id: 'phenomenon.TERRORISME', defaultMessage: 'Terrorisme' },
});

export const closureReasonLabels = defineMessages({
  DOELEN_BEREIKT: { id: 'closure.DOELEN_BEREIKT', defaultMessage: 'Doelen bereikt' },
  VERHUISD: { id: 'closure.VERHUISD', defaultMessage: 'Verhuisd' },
  OVERGEDRAGEN: { id: 'closure.OVERGEDRAGEN', defaultMessage: 'Overgedragen' },
  WEIGERING: { id: 'closure.WEIGERING', defaultMessage: 'Weigering van de betrokkene' },
  JUSTITIEEL_TRAJECT: { id: 'closure.JUSTITIEEL_TRAJECT', defaultMessage: 'Justitieel traject' },
  OVERLEDEN: { id: 'closure.OVERLEDEN', defaultMessage: 'Overleden' },
  ANDERE: { id: 'closure.ANDERE', defaultMessage: 'Andere' },
});

export const visibilityLabels = defineMessages({
  KERNTEAM: { id: 'visibility.KERNTEAM', defaultMessage: 'Kernteam' },
  RESTRICTED: { id: 'visibility.RESTRICTED', defaultMessage: 'Beperkt' },
});

export const visibilityHelp = defineMessages({
  KERNTEAM: { id: 'visibility.KERNTEAM.help', defaultMessage: 'Iedereen die dit dossier mag openen, leest dit: de casemanagers, de voorzitter en de leden van de betrokken partners.' },
  RESTRICTED: { id: 'visibility.RESTRICTED.help', defaultMessage: 'Alleen de casemanagers en de leden van uw eigen organisatie lezen dit; de voorzitter en de andere partners zien het niet.' },
});

export const genderLabels = defineMessages({
  M: { id: 'gender.M', defaultMessage: 'Man' },
  V: { id: 'gender.V', defaultMessage: 'Vrouw' },
  X: { id: 'gender.X', defaultMessage: 'X' },
});

export const dossierStateLabels = defineMessages({
  AANGEMELD: { id: 'dossier.state.AANGEMELD', defaultMessage: 'Aangemeld' },
  SCREENING: { id: 'dossier.state.SCREENING', defaultMessage: 'Screening' },
  NIET_WEERHOUDEN: { id: 'dossier.state.NIET_WEERHOUDEN', defaultMessage: 'Niet weerhouden' },
  WEERHOUDEN: { id: 'dossier.state.WEERHOUDEN', defaultMessage: 'Weerhouden' },
  GEAGENDEERD: { id: 'dossier.state.GEAGENDEERD', defaultMessage: 'Geagendeerd' },
  IN_OPVOLGING: { id: 'dossier.state.IN_OPVOLGING', defaultMessage: 'In opvolging' },
  AFGESLOTEN: { id: 'dossier.state.AFGESLOTEN', defaultMessage: 'Afgesloten' },
  GEANONIMISEERD: { id: 'dossier.state.GEANONIMISEERD', defaultMessage: 'Geanonimiseerd' },
});

export const dossierEventLabels = defineMessages({
  REGISTER: { id: 'dossier.event.REGISTER', defaultMessage: 'Signaal geregistreerd' },
  START_SCREENING: { id: 'dossier.event.START_SCREENING', defaultMessage: 'Screening starten' },
  SAVE_SCREENING: { id: 'dossier.event.SAVE_SCREENING', defaultMessage: 'Screening bewaard' },
  RETAIN: { id: 'dossier.event.RETAIN', defaultMessage: 'Weerhouden' },
  REJECT: { id: 'dossier.event.REJECT', defaultMessage: 'Niet weerhouden' },
  CLOSE: { id: 'dossier.event.CLOSE', defaultMessage: 'Afsluiten' },
  REOPEN: { id: 'dossier.event.REOPEN', defaultMessage: 'Heropenen' },
  PUT_ON_AGENDA: { id: 'dossier.event.PUT_ON_AGENDA', defaultMessage: 'Op de agenda gezet' },
  TAKE_OFF_AGENDA: { id: 'dossier.event.TAKE_OFF_AGENDA', defaultMessage: 'Van de agenda gehaald' },
  DISCUSS: { id: 'dossier.event.DISCUSS', defaultMessage: 'Besproken' },
  ANONYMISE: { id: 'dossier.event.ANONYMISE', defaultMessage: 'Geanonimiseerd' },
});

export const meetingStateLabels = defineMessages({
  GEPLAND: { id: 'meeting.state.GEPLAND', defaultMessage: 'Gepland' },
  AGENDA_VASTGELEGD: { id: 'meeting.state.AGENDA_VASTGELEGD', defaultMessage: 'Agenda vastgelegd' },
  IN_ZITTING: { id: 'meeting.state.IN_ZITTING', defaultMessage: 'In zitting' },
  AFGEROND: { id: 'meeting.state.AFGEROND', defaultMessage: 'Afgerond' },
  VERSLAG_GOEDGEKEURD: { id: 'meeting.state.VERSLAG_GOEDGEKEURD', defaultMessage: 'Verslag goedgekeurd' },
  GEANNULEERD: { id: 'meeting.state.GEANNULEERD', defaultMessage: 'Geannuleerd' },
});

export const meetingEventLabels = defineMessages({
  FINALIZE_AGENDA: { id: 'meeting.event.FINALIZE_AGENDA', defaultMessage: 'Agenda vastleggen' },
  OPEN: { id: 'meeting.event.OPEN', defaultMessage: 'Zitting openen' },
  CLOSE: { id: 'meeting.event.CLOSE', defaultMessage: 'Zitting afronden' },
  APPROVE_MINUTES: { id: 'meeting.event.APPROVE_MINUTES', defaultMessage: 'Verslag goedkeuren' },
  CANCEL: { id: 'meeting.event.CANCEL', defaultMessage: 'Annuleren' },
});

export const agendaOutcomeLabels = defineMessages({
  DISCUSSED: { id: 'agendaItem.outcome.DISCUSSED', defaultMessage: 'Besproken' },
  POSTPONED: { id: 'agendaItem.outcome.POSTPONED', defaultMessage: 'Uitgesteld' },
});

export const agreementStateLabels = defineMessages({
  OPEN: { id: 'agreement.state.OPEN', defaultMessage: 'Open' },
  IN_UITVOERING: { id: 'agreement.state.IN_UITVOERING', defaultMessage: 'In uitvoering' },
  UITGEVOERD: { id: 'agreement.state.UITGEVOERD', defaultMessage: 'Uitgevoerd' },
  NIET_UITGEVOERD: { id: 'agreement.state.NIET_UITGEVOERD', defaultMessage: 'Niet uitgevoerd' },
  VERVALLEN: { id: 'agreement.state.VERVALLEN', defaultMessage: 'Vervallen' },
});

export const agreementEventLabels = defineMessages({
  START: { id: 'agreement.event.START', defaultMessage: 'Starten' },
  COMPLETE: { id: 'agreement.event.COMPLETE', defaultMessage: 'Uitgevoerd' },
  FAIL: { id: 'agreement.event.FAIL', defaultMessage: 'Niet uitgevoerd' },
  LAPSE: { id: 'agreement.event.LAPSE', defaultMessage: 'Vervallen' },
});

export const feedbackStateLabels = defineMessages({
  CONCEPT: { id: 'feedback.state.CONCEPT', defaultMessage: 'Concept' },
  TER_GOEDKEURING: { id: 'feedback.state.TER_GOEDKEURING', defaultMessage: 'Ter goedkeuring' },
  GOEDGEKEURD: { id: 'feedback.state.GOEDGEKEURD', defaultMessage: 'Goedgekeurd' },
  AFGEWEZEN: { id: 'feedback.state.AFGEWEZEN', defaultMessage: 'Afgewezen' },
});

export const feedbackEventLabels = defineMessages({
  SUBMIT: { id: 'feedback.event.SUBMIT', defaultMessage: 'Ter goedkeuring voorleggen' },
  APPROVE: { id: 'feedback.event.APPROVE', defaultMessage: 'Goedkeuren' },
  REJECT: { id: 'feedback.event.REJECT', defaultMessage: 'Afwijzen' },
});

export const transferStateLabels = defineMessages({
  VOORGESTELD: { id: 'transfer.state.VOORGESTELD', defaultMessage: 'Voorgesteld' },
  AANVAARD: { id: 'transfer.state.AANVAARD', defaultMessage: 'Aanvaard' },
  GEWEIGERD: { id: 'transfer.state.GEWEIGERD', defaultMessage: 'Geweigerd' },
  INGETROKKEN: { id: 'transfer.state.INGETROKKEN', defaultMessage: 'Ingetrokken' },
});

export const transferEventLabels = defineMessages({
  PROPOSE: { id: 'transfer.event.PROPOSE', defaultMessage: 'Voorgesteld' },
  ACCEPT: { id: 'transfer.event.ACCEPT', defaultMessage: 'Aanvaarden' },
  REFUSE: { id: 'transfer.event.REFUSE', defaultMessage: 'Weigeren' },
  WITHDRAW: { id: 'transfer.event.WITHDRAW', defaultMessage: 'Intrekken' },
});

export function label(intl: IntlShape, table: Record<string, MessageDescriptor>, code: string | null | undefined): string {
  if (!code) return '—';
  const d = table[code];
  return d ? intl.formatMessage(d) : code;
}

/** Options for a select or radio group, in the table's order or the order of `codes` (their type is kept). */
export const optionsOf = <C extends string>(intl: IntlShape, table: Record<C, MessageDescriptor>, codes: readonly C[] = Object.keys(table) as C[]) =>
  codes.map((id) => ({ id, label: label(intl, table, id) }));
