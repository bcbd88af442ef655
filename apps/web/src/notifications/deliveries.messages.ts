import { defineMessages } from '../i18n/messages';

export const deliveryMessages = defineMessages({
  failedTitle: { id: 'deliveries.failedTitle', defaultMessage: 'E-mails die niet verstuurd raakten' },
  failedEmpty: { id: 'deliveries.failedEmpty', defaultMessage: 'Alle e-mails zijn verstuurd.' },
  failedLead: {
    id: 'deliveries.failedLead',
    defaultMessage: 'De mailserver nam deze berichten niet aan. Ze worden automatisch opnieuw geprobeerd; de melding in Kernteam zelf kregen de ontvangers wel.',
  },
  failedItem: { id: 'deliveries.failedItem', defaultMessage: '{kind} aan {name}' },
  failedMeta: { id: 'deliveries.failedMeta', defaultMessage: '{attempts, plural, one {# poging} other {# pogingen}}, volgende poging {next}' },
  failedMetaNoNext: { id: 'deliveries.failedMetaNoNext', defaultMessage: '{attempts, plural, one {# poging} other {# pogingen}}' },
  pending: { id: 'deliveries.pending', defaultMessage: '{count, plural, one {# e-mail wacht} other {# e-mails wachten}} nog op verzending.' },
  retry: { id: 'deliveries.retry', defaultMessage: 'Nu opnieuw proberen' },
  retryLabel: { id: 'deliveries.retryLabel', defaultMessage: 'Nu opnieuw proberen: {kind} aan {name}' },
  'kind.meeting.invitation': { id: 'deliveries.kind.meeting.invitation', defaultMessage: 'Uitnodiging voor een overleg' },
  'kind.meeting.cancelled': { id: 'deliveries.kind.meeting.cancelled', defaultMessage: 'Annulering van een overleg' },
  'kind.agreement.due': { id: 'deliveries.kind.agreement.due', defaultMessage: 'Herinnering aan een afspraak' },
  'kind.agreement.overdue': { id: 'deliveries.kind.agreement.overdue', defaultMessage: 'Afspraak over tijd' },
  'kind.feedback.approval_requested': { id: 'deliveries.kind.feedback.approval_requested', defaultMessage: 'Vraag om goedkeuring van een terugkoppelingsfiche' },
  'kind.transfer.proposed': { id: 'deliveries.kind.transfer.proposed', defaultMessage: 'Voorstel van overdracht van een dossier' },
});
