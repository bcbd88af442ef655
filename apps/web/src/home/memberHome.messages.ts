import { defineMessages } from '../i18n/messages';

export const memberHomeMessages = defineMessages({
  title: { id: 'home.member.title', defaultMessage: 'Te doen' },
  agreements: { id: 'home.member.agreements', defaultMessage: 'Afspraken die uw organisatie uitvoert' },
  agreementsEmpty: { id: 'home.member.agreementsEmpty', defaultMessage: 'Geen openstaande afspraken voor uw organisatie.' },
  agreementsAll: { id: 'home.member.agreementsAll', defaultMessage: 'Alle afspraken van uw organisatie' },
  dueOn: { id: 'home.member.dueOn', defaultMessage: 'tegen {date}' },
  toDecide: { id: 'home.member.toDecide', defaultMessage: 'Terugkoppelingsfiches die op uw beslissing wachten' },
  toDecideEmpty: { id: 'home.member.toDecideEmpty', defaultMessage: 'Geen terugkoppelingsfiches die op de beslissing van uw organisatie wachten.' },
  toDecideItem: { id: 'home.member.toDecideItem', defaultMessage: 'Terugkoppelingsfiche ter goedkeuring, ingediend op {date}' },
  approved: { id: 'home.member.approved', defaultMessage: 'Goedgekeurde terugkoppelingsfiches aan de politie' },
  approvedEmpty: { id: 'home.member.approvedEmpty', defaultMessage: 'Nog geen goedgekeurde terugkoppelingsfiches.' },
  approvedItem: { id: 'home.member.approvedItem', defaultMessage: 'Goedgekeurde terugkoppelingsfiche van {date}' },
  meetings: { id: 'home.member.meetings', defaultMessage: 'Volgende vergaderingen waarop u uitgenodigd bent' },
  meetingsEmpty: { id: 'home.member.meetingsEmpty', defaultMessage: 'Geen geplande vergaderingen voor uw organisatie.' },
  meetingOn: { id: 'home.member.meetingOn', defaultMessage: 'Vergadering van {date}' },
  agendaCount: { id: 'home.member.agendaCount', defaultMessage: 'Op de agenda: {count, plural, =0 {nog geen dossiers} one {# dossier} other {# dossiers}}' },
  dossiers: { id: 'home.member.dossiers', defaultMessage: 'Mijn dossiers' },
  dossiersEmpty: { id: 'home.member.dossiersEmpty', defaultMessage: 'Uw organisatie is nog bij geen dossier betrokken.' },
  dossiersAll: { id: 'home.member.dossiersAll', defaultMessage: 'Alle {count} dossiers van mijn organisatie' },
  register: { id: 'home.member.register', defaultMessage: 'Signaal registreren' },
});
