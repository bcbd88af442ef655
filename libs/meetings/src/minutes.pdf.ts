import { type Bilingual, newPdfDocument } from '@kernteam/http';
import type { Minutes } from './minutes.view';

const TZ = 'Europe/Brussels';
const both = (b: Bilingual) => `${b.nl} / ${b.fr}`;
const time = (iso: string) => new Intl.DateTimeFormat('nl-BE', { timeZone: TZ, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
const longDate = (ymd: string, locale: string) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'full' }).format(new Date(`${ymd}T00:00:00Z`));
const yesNo = (v: boolean) => (v ? 'ja / oui' : 'nee / non');

/** Renders the minutes as an A4 PDF, headings and fixed text in Dutch and French. */
export function renderMinutesPdf(minutes: Minutes): Promise<Buffer> {
  const doc = newPdfDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${minutes.title.nl} – ${minutes.date}`, Subject: minutes.title.fr, Creator: 'Kernteam', Producer: 'Kernteam' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text).moveDown(0.3).font('Helvetica').fontSize(10);
  const line = (label: string, value: string) => doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);

  doc.font('Helvetica-Bold').fontSize(16).text(minutes.title.nl).fontSize(13).text(minutes.title.fr);
  if (minutes.draft) doc.moveDown(0.3).fontSize(10).fillColor('#a00000').text('ONTWERP – niet goedgekeurd / PROJET – non approuvé').fillColor('black');
  doc.moveDown(0.8).font('Helvetica').fontSize(10);
  line('Datum / Date', `${longDate(minutes.date, 'nl-BE')} / ${longDate(minutes.date, 'fr-BE')}, ${time(minutes.scheduledAt)}`);
  line('Locatie / Lieu', minutes.location ?? '–');
  line('Voorzitter / Président(e)', minutes.chair?.name ?? '–');
  line('Aanwezig / Présents', minutes.presentPartners.map((p) => p.name).join(', ') || '–');
  line('Afwezig / Absents', minutes.absentPartners.map((p) => p.name).join(', ') || '–');

  doc.moveDown(0.8).fontSize(9).font('Helvetica-Oblique').text(minutes.confidentiality.nl).moveDown(0.3).text(minutes.confidentiality.fr).font('Helvetica').fontSize(10);

  heading('Agenda en besluiten / Ordre du jour et décisions');
  if (!minutes.items.length) doc.text('–');
  for (const item of minutes.items) {
    doc.moveDown(0.4).font('Helvetica-Bold').text(`${item.position}. ${item.dossierReference}`).font('Helvetica');
    line('Resultaat / Résultat', item.outcomeLabel ? both(item.outcomeLabel) : 'nog niet vastgelegd / pas encore enregistré');
    if (item.summary) doc.text(item.summary, { indent: 12 });
    if (item.outcome === 'DISCUSSED') {
      line('Gedeelde afspraken / Accords partagés', yesNo(item.sharedAgreements));
      for (const a of item.agreements) {
        doc.text(`• ${a.description ?? ''} — ${a.responsiblePartnerName}, ${a.dueOn} (${both(a.stateLabel)})`, { indent: 12 });
      }
      for (const e of item.endorsements) {
        const verdict = e.endorsed ? 'akkoord / accord' : 'voorbehoud / réserve';
        doc.text(`${e.partnerName}: ${verdict}${e.note ? ` – ${e.note}` : ''}`, { indent: 12 });
      }
    }
  }

  heading('Opvolging van eerdere afspraken / Suivi des accords antérieurs');
  if (!minutes.reviewedAgreements.length) doc.text('–');
  for (const a of minutes.reviewedAgreements) {
    const late = a.overdue ? ' – over tijd / en retard' : '';
    doc.text(`• ${a.dossierReference}: ${a.description ?? ''} — ${a.responsiblePartnerName}, ${a.dueOn} (${both(a.stateLabel)}${late})`, { indent: 12 });
  }

  doc.moveDown(1);
  line('Goedkeuring / Approbation', minutes.approval ? minutes.approval.approvedAt.slice(0, 10) : 'nog niet goedgekeurd / pas encore approuvé');
  doc.end();
  return done;
}
