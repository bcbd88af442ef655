import { defineMessages } from '../i18n/messages';

export const exportsMessages = defineMessages({
  title: { id: 'exports.title', defaultMessage: 'Exports' },
  lead: { id: 'exports.lead', defaultMessage: 'Geanonimiseerde cijfers per volledige maand: nooit een naam, referentie, datum of vrije tekst van een dossier. Kleine aantallen worden afgeschermd.' },
  request: { id: 'exports.request', defaultMessage: 'Een export aanvragen' },
  fromMonth: { id: 'exports.fromMonth', defaultMessage: 'Van maand' },
  toMonth: { id: 'exports.toMonth', defaultMessage: 'Tot en met maand' },
  monthHint: { id: 'exports.monthHint', defaultMessage: 'Jaar en maand, bv. 2026-01' },
  format: { id: 'exports.format', defaultMessage: 'Formaat' },
  plan: { id: 'exports.plan', defaultMessage: 'Plan (optioneel)' },
  noPlan: { id: 'exports.noPlan', defaultMessage: 'Zonder plan' },
  submit: { id: 'exports.submit', defaultMessage: 'Export aanvragen' },
  requested: { id: 'exports.requested', defaultMessage: 'De export is aangevraagd; hij verschijnt hieronder zodra hij klaar is.' },
  list: { id: 'exports.list', defaultMessage: 'Aangevraagde exports' },
  none: { id: 'exports.none', defaultMessage: 'Nog geen exports.' },
  colRequested: { id: 'exports.col.requested', defaultMessage: 'Aangevraagd' },
  colPeriod: { id: 'exports.col.period', defaultMessage: 'Periode' },
  colFormat: { id: 'exports.col.format', defaultMessage: 'Formaat' },
  colState: { id: 'exports.col.state', defaultMessage: 'Status' },
  colFile: { id: 'exports.col.file', defaultMessage: 'Bestand' },
  period: { id: 'exports.period', defaultMessage: '{from} – {to}' },
  download: { id: 'exports.download', defaultMessage: 'Downloaden: {name}' },
  expires: { id: 'exports.expires', defaultMessage: 'beschikbaar tot {date}' },
  removed: { id: 'exports.removed', defaultMessage: 'Bestand verwijderd' },
  withPlan: { id: 'exports.withPlan', defaultMessage: 'met plan' },
});

export const exportStateLabels = defineMessages({
  QUEUED: { id: 'export.state.QUEUED', defaultMessage: 'In de wachtrij' },
  RUNNING: { id: 'export.state.RUNNING', defaultMessage: 'Wordt gemaakt' },
  DONE: { id: 'export.state.DONE', defaultMessage: 'Klaar' },
  FAILED: { id: 'export.state.FAILED', defaultMessage: 'Mislukt' },
});

export const exportFormatLabels = defineMessages({
  xlsx: { id: 'export.format.xlsx', defaultMessage: 'Excel (XLSX)' },
  csv: { id: 'export.format.csv', defaultMessage: 'CSV' },
  json: { id: 'export.format.json', defaultMessage: 'JSON' },
  pdf: { id: 'export.format.pdf', defaultMessage: 'PDF' },
});
