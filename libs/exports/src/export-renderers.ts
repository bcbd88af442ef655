import { type Bilingual, newPdfDocument } from '@kernteam/http';
import type { Worksheet } from 'exceljs';
import { INDICATORS, monthOf, Operator } from '@kernteam/indicators';
import { NODE_KIND_LABELS } from '@kernteam/plans';
import { ExportDocument, ExportIndicator, ExportMunicipalityCell, ExportPlanIndicator, ExportPlanNode, planIndicators } from './export-document';
import { lessThan, SECONDARY_MARK, Shown, Withheld } from './suppression';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** The name a download gets: months only, like everything in an export. */
export const downloadName = (from: string, to: string, format: ExportFormat) => `kernteam-indicatoren_${monthOf(from)}_${monthOf(to)}.${format}`;

export async function renderExport(doc: ExportDocument, format: ExportFormat): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(JSON.stringify(toJson(doc), null, 2), 'utf8');
    case 'csv':
      return Buffer.from(toCsv(doc), 'utf8');
    case 'xlsx':
      return toXlsx(doc);
    case 'pdf':
      return toPdf(doc);
  }
}

// ─── JSON: exactly the API.md form, plus the breakdowns and the plan where there are some ──────────────────────────

export function toJson(doc: ExportDocument) {
  return {
    period: { from: doc.period.from, to: doc.period.to },
    generatedAt: doc.generatedAt,
    minCellSize: doc.minCellSize,
    indicators: doc.indicators.map((i) => ({
      key: i.key, label: i.labels.nl, numerator: i.numerator, denominator: i.denominator, value: i.value, target: i.target, met: i.met,
      ...(i.suppressed ? { suppressed: i.suppressed } : {}),
      ...(i.breakdown ? { breakdown: i.breakdown.map((c) => ({ key: c.key, label: c.labels.nl, count: c.count })) } : {}),
    })),
    ...(doc.plan ? { plan: { title: doc.plan.title, periodFrom: doc.plan.periodFrom, periodTo: doc.plan.periodTo, source: doc.plan.source, nodes: doc.plan.nodes.map(jsonNode) } } : {}),
    ...(doc.municipalities ? {
      byMunicipality: doc.municipalities.rows.map((r) => ({
        key: r.key, label: r.labels.nl, ...(r.suppressed ? { suppressed: r.suppressed } : {}),
        municipalities: r.cells.map((c) => ({
          municipality: c.municipality, numerator: c.numerator, denominator: c.denominator, value: c.value, ...(c.suppressed ? { suppressed: c.suppressed } : {}),
        })),
      })),
    } : {}),
  };
}

type JsonNode = { kind: string; title: string; indicator?: ExportPlanIndicator; children: JsonNode[] };
const jsonNode = (n: ExportPlanNode): JsonNode => ({ kind: n.kind, title: n.title, ...(n.indicator ? { indicator: n.indicator } : {}), children: n.children.map(jsonNode) });

// ─── Shared wording (nl-BE / fr-BE) ────────────────────────────────────────────────────────────────────────────────

const pct = (v: number) => `${(Math.round(v * 1000) / 10).toLocaleString('nl-BE')} %`;

export const WITHHELD: Bilingual = { nl: 'niet getoond (kleine aantallen)', fr: 'non affiché (petits nombres)' };
const withheldText = (s: Withheld | undefined) => (s ? `${WITHHELD.nl} / ${WITHHELD.fr}` : '');

/** A value as people read it: a share as a percentage, a median in days, a count as shown. */
export function readable(key: string | null, value: Shown | null, lang: 'nl' | 'fr' = 'nl', suppressed?: Withheld): string {
  if (suppressed) return withheldText(suppressed);
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  const measure = key && key in INDICATORS ? INDICATORS[key as keyof typeof INDICATORS].measure : 'COUNT';
  if (measure === 'RATIO') return pct(value);
  if (measure === 'MEDIAN') return `${value.toLocaleString(lang === 'nl' ? 'nl-BE' : 'fr-BE')} ${lang === 'nl' ? 'dagen' : 'jours'}`;
  return String(value);
}

const OP_SYMBOL: Record<Operator, string> = { GTE: '>=', LTE: '<=', EQ: '=', YES_NO: '' };

export function readableTarget(key: string | null, operator: Operator | null, target: number | null): string {
  if (operator === null || target === null) return '–';
  if (operator === 'YES_NO') return target ? 'ja / oui' : 'nee / non';
  return `${OP_SYMBOL[operator]} ${readable(key, target)}`;
}

/** A municipality's name; `null` is the dossiers that name none. */
export const municipalityName = (m: string | null): Bilingual => (m === null ? { nl: '(geen gemeente)', fr: '(sans commune)' } : { nl: m, fr: m });

/** One per-municipality cell as read: the value, with numerator/denominator for a share, or why it is not shown. */
export function municipalityFigure(key: string, c: ExportMunicipalityCell, lang: 'nl' | 'fr' = 'nl'): string {
  if (c.numerator === null && c.denominator === null && c.value === null && c.suppressed) return WITHHELD[lang];
  const measure = INDICATORS[key as keyof typeof INDICATORS]?.measure ?? 'COUNT';
  if (measure === 'COUNT') return String(c.value);
  const v = c.suppressed ? WITHHELD[lang] : readable(key, c.value, lang);
  if (measure === 'RATIO') return `${v} (${c.numerator}/${c.denominator})`;
  return `${v} (n = ${c.denominator})`;
}

const metText = (met: boolean | null) => (met === null ? '–' : met ? 'gehaald / atteint' : 'niet gehaald / non atteint');

function legend(k: number): Bilingual[] {
  return [
    { nl: `${lessThan(k)}: een aantal van 1 tot ${k - 1}, niet getoond (kleine aantallen)`, fr: `${lessThan(k)} : un nombre de 1 à ${k - 1}, non affiché (petits nombres)` },
    { nl: `${SECONDARY_MARK}: niet getoond zodat een klein aantal niet uit de totalen af te leiden is`, fr: `${SECONDARY_MARK} : non affiché pour qu'un petit nombre ne puisse être déduit des totaux` },
    {
      nl: `${WITHHELD.nl}: een aandeel of mediaan van een niet getoond aantal, met of het doel gehaald is; data zijn tot op de maand nauwkeurig.`,
      fr: `${WITHHELD.fr} : une proportion ou médiane d'un nombre non affiché, et si la cible est atteinte ; les dates sont précises au mois.`,
    },
  ];
}

// ─── CSV ───────────────────────────────────────────────────────────────────────────────────────────────────────────

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(doc: ExportDocument): string {
  const header = ['section', 'key', 'label_nl', 'label_fr', 'category', 'category_nl', 'category_fr', 'numerator', 'denominator', 'value', 'target', 'operator', 'met', 'period_from', 'period_to', 'suppressed'];
  const rows: unknown[][] = [header];
  const p = [doc.period.from, doc.period.to];
  rows.push(['meta', 'minCellSize', 'Minimale celgrootte', 'Taille minimale des cellules', '', '', '', '', '', doc.minCellSize, '', '', '', ...p]);
  rows.push(['meta', 'generatedAt', 'Opgemaakt', 'Établi', '', '', '', '', '', doc.generatedAt, '', '', '', ...p]);
  for (const i of doc.indicators) {
    rows.push(['indicator', i.key, i.labels.nl, i.labels.fr, '', '', '', i.numerator, i.denominator, i.value, i.target, i.operator, i.met, ...p, i.suppressed]);
    for (const c of i.breakdown ?? []) rows.push(['breakdown', i.key, i.labels.nl, i.labels.fr, c.key, c.labels.nl, c.labels.fr, c.count, '', '', '', '', '', ...p]);
  }
  if (doc.plan) {
    for (const { path, title, indicator: r } of planIndicators(doc.plan)) {
      rows.push(['plan', r.definitionKey ?? 'MANUAL', title, '', path.join(' > '), '', '', r.numerator, r.denominator, r.value, r.target, r.operator, r.met, ...p, r.suppressed]);
    }
  }
  for (const r of doc.municipalities?.rows ?? []) {
    for (const c of r.cells) {
      const name = municipalityName(c.municipality);
      rows.push(['municipality', r.key, r.labels.nl, r.labels.fr, c.municipality ?? '', name.nl, name.fr, c.numerator, c.denominator, c.value, '', '', '', ...p, c.suppressed]);
    }
  }
  // UTF-8 with a byte order mark and CRLF, so spreadsheet programs in Belgium open it as it is.
  // Every row as wide as the header: a spreadsheet reads a short row as a different table.
  const line = (r: unknown[]) => [...r, ...Array(header.length - r.length).fill('')].map(csvCell).join(',');
  return `\uFEFF${rows.map(line).join('\r\n')}\r\n`;
}

// ─── XLSX (exceljs) ────────────────────────────────────────────────────────────────────────────────────────────────

async function toXlsx(doc: ExportDocument): Promise<Buffer> {
  // Loaded on the first XLSX (the worker renders exports; an API never needs exceljs and its zip stack).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Workbook } = require('exceljs') as typeof import('exceljs');
  const wb = new Workbook();
  wb.creator = 'Kernteam';
  wb.created = new Date(doc.generatedAt);
  const bold = (ws: Worksheet) => {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };

  const ind = wb.addWorksheet('Indicatoren - Indicateurs');
  ind.columns = [
    { header: 'Code', key: 'key', width: 40 },
    { header: 'Indicator', key: 'nl', width: 60 },
    { header: 'Indicateur', key: 'fr', width: 60 },
    { header: 'Teller / Numérateur', key: 'numerator', width: 20 },
    { header: 'Noemer / Dénominateur', key: 'denominator', width: 22 },
    { header: 'Waarde / Valeur', key: 'value', width: 16 },
    { header: 'Doel / Cible', key: 'target', width: 14 },
    { header: 'Gehaald / Atteint', key: 'met', width: 18 },
    { header: 'Niet getoond / Non affiché', key: 'suppressed', width: 44 },
  ];
  for (const i of doc.indicators) {
    ind.addRow({
      key: i.key, nl: i.labels.nl, fr: i.labels.fr, numerator: i.numerator, denominator: i.denominator, value: i.value,
      target: readableTarget(i.key, i.operator, i.target), met: metText(i.met), suppressed: withheldText(i.suppressed),
    });
  }
  bold(ind);

  const br = wb.addWorksheet('Uitsplitsing - Ventilation');
  br.columns = [
    { header: 'Code', key: 'key', width: 28 },
    { header: 'Categorie', key: 'nl', width: 30 },
    { header: 'Catégorie', key: 'fr', width: 30 },
    { header: 'Aantal / Nombre', key: 'count', width: 16 },
  ];
  for (const i of doc.indicators) {
    for (const c of i.breakdown ?? []) br.addRow({ key: `${i.key}.${c.key}`, nl: c.labels.nl, fr: c.labels.fr, count: c.count });
  }
  bold(br);

  if (doc.plan) {
    const plan = wb.addWorksheet('Plan');
    plan.columns = [
      { header: 'Niveau / Niveau', key: 'kind', width: 28 },
      { header: 'Titel / Titre', key: 'title', width: 90 },
      { header: 'Waarde / Valeur', key: 'value', width: 16 },
      { header: 'Doel / Cible', key: 'target', width: 16 },
      { header: 'Gehaald / Atteint', key: 'met', width: 22 },
      { header: 'Bron / Source', key: 'source', width: 22 },
    ];
    const walk = (n: ExportPlanNode, depth: number) => {
      const r = n.indicator;
      const kind = NODE_KIND_LABELS[n.kind];
      plan.addRow({
        kind: `${kind.nl} / ${kind.fr}`, title: `${'  '.repeat(depth)}${n.title}`,
        value: r ? readable(r.definitionKey, r.value, 'nl', r.suppressed) : null, target: r ? readableTarget(r.definitionKey, r.operator, r.target) : null,
        met: r ? metText(r.met) : null, source: r ? (r.source === 'MANUAL' ? 'manueel / manuel' : r.definitionKey) : null,
      });
      n.children.forEach((c) => walk(c, depth + 1));
    };
    doc.plan.nodes.forEach((n) => walk(n, 0));
    bold(plan);
  }

  if (doc.municipalities) {
    const mu = wb.addWorksheet('Per gemeente - Par commune');
    mu.columns = [
      { header: 'Code', key: 'key', width: 40 },
      { header: 'Indicator', key: 'nl', width: 60 },
      { header: 'Gemeente / Commune', key: 'municipality', width: 28 },
      { header: 'Teller / Numérateur', key: 'numerator', width: 20 },
      { header: 'Noemer / Dénominateur', key: 'denominator', width: 22 },
      { header: 'Waarde / Valeur', key: 'value', width: 16 },
      { header: 'Niet getoond / Non affiché', key: 'suppressed', width: 44 },
    ];
    for (const r of doc.municipalities.rows) {
      for (const c of r.cells) {
        const name = municipalityName(c.municipality);
        mu.addRow({ key: r.key, nl: r.labels.nl, municipality: name.nl, numerator: c.numerator, denominator: c.denominator, value: c.value, suppressed: withheldText(c.suppressed) });
      }
    }
    bold(mu);
  }

  const about = wb.addWorksheet('Toelichting - Explication');
  about.columns = [{ header: 'Toelichting', key: 'nl', width: 80 }, { header: 'Explication', key: 'fr', width: 80 }];
  about.addRow({ nl: `Periode: ${monthOf(doc.period.from)} – ${monthOf(doc.period.to)}`, fr: `Période : ${monthOf(doc.period.from)} – ${monthOf(doc.period.to)}` });
  if (doc.plan) about.addRow({ nl: `Plan: ${doc.plan.title} (${doc.plan.periodFrom} – ${doc.plan.periodTo})`, fr: `Plan : ${doc.plan.title} (${doc.plan.periodFrom} – ${doc.plan.periodTo})` });
  for (const l of legend(doc.minCellSize)) about.addRow(l);
  bold(about);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ─── PDF (pdfkit) ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The standard PDF fonts speak Windows-1252 only: a few symbols are spelled out, anything else outside it becomes "?". */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function winAnsi(s: string): string {
  return s
    .replace(/≥/g, '>=').replace(/≤/g, '<=').replace(/≠/g, '!=').replace(/→/g, '->').replace(/\u00A0|\u202F/g, ' ')
    .replace(/[^\u0020-\u007E\u00A0-\u00FF]/g, (c) => (CP1252_EXTRA.has(c) ? c : '?'));
}

/**
 * An A4 document of the exports library (the indicator export, the PDCA report) with what both draw with: `text` in
 * the standard fonts' encoding, the text column (`left`, `width`), `ensure` (a new page unless `h` points still fit)
 * and `done`, the finished file once `pdf.end()` was called.
 */
export function openPdf(info: PDFKit.DocumentInfo) {
  const pdf = newPdfDocument({ size: 'A4', margin: 50, info: { Author: 'Kernteam', ...info } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const text = (s: string, opts?: PDFKit.Mixins.TextOptions) => pdf.text(winAnsi(s), opts);
  const left = pdf.page.margins.left;
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const ensure = (h: number) => {
    if (pdf.y + h > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
  };
  return { pdf, done, text, left, width, ensure };
}

async function toPdf(doc: ExportDocument): Promise<Buffer> {
  const { pdf, done, text, left, width, ensure } = openPdf({
    Title: 'Kernteam - SVPP-indicatoren / indicateurs PSSP', Subject: `${monthOf(doc.period.from)} - ${monthOf(doc.period.to)}`,
  });

  pdf.font('Helvetica-Bold').fontSize(16);
  text('Kernteam radicalisering - SVPP-indicatoren');
  pdf.font('Helvetica').fontSize(12);
  text('Cellule radicalisme - indicateurs du PSSP');
  pdf.moveDown(0.5).fontSize(10);
  text(`Periode / Période: ${monthOf(doc.period.from)} – ${monthOf(doc.period.to)}    Opgemaakt / Établi: ${monthOf(doc.generatedAt.slice(0, 10))}`);
  text(`Geanonimiseerd: alleen geaggregeerde aantallen; minimale celgrootte ${doc.minCellSize}. / Anonymisé : nombres agrégés uniquement ; taille minimale des cellules ${doc.minCellSize}.`);

  if (doc.plan) {
    pdf.moveDown(1).font('Helvetica-Bold').fontSize(13);
    text(`Plan: ${doc.plan.title}`);
    pdf.font('Helvetica').fontSize(9);
    text(`${doc.plan.periodFrom} – ${doc.plan.periodTo}; ${doc.plan.source === 'CLOSED' ? 'afgesloten rapportering / rapport clôturé' : 'berekend bij export / calculé à l\'export'}`);
    pdf.moveDown(0.5);
    const walk = (n: ExportPlanNode, depth: number) => {
      ensure(n.indicator ? 70 : 30);
      const kind = NODE_KIND_LABELS[n.kind];
      pdf.font(n.indicator ? 'Helvetica-Oblique' : 'Helvetica-Bold').fontSize(n.indicator ? 9 : 10);
      text(`${kind.nl} / ${kind.fr}: ${n.title}`, { indent: depth * 12, width: width - depth * 12 });
      if (n.indicator) {
        const r = n.indicator;
        pdf.font('Helvetica').fontSize(9);
        text(`Waarde / Valeur: ${readable(r.definitionKey, r.value, 'nl', r.suppressed)}    Doel / Cible: ${readableTarget(r.definitionKey, r.operator, r.target)}    ${metText(r.met)}`
          + `${r.source === 'MANUAL' ? '    (manueel ingevoerd / saisi manuellement)' : ''}`, { indent: depth * 12 });
        bar(r, left + depth * 12, Math.min(300, width - depth * 12));
      }
      pdf.moveDown(0.3);
      n.children.forEach((c) => walk(c, depth + 1));
    };
    /** Value against target: a grey track scaled to the larger of the two, a bar for the value, a line at the target. */
    const bar = (r: ExportPlanIndicator, x: number, w: number) => {
      const value = typeof r.value === 'number' ? r.value : null;
      if (value === null || r.target === null || r.operator === null || r.operator === 'YES_NO') return;
      const isShare = r.definitionKey !== null && INDICATORS[r.definitionKey].measure === 'RATIO';
      const max = isShare ? 1 : Math.max(value, r.target, 1) * 1.1;
      const y = pdf.y + 2;
      pdf.save();
      pdf.rect(x, y, w, 8).fill('#e6e6e6');
      pdf.rect(x, y, (Math.min(value, max) / max) * w, 8).fill(r.met === false ? '#c0392b' : '#2e7d32');
      const tx = x + (Math.min(r.target, max) / max) * w;
      pdf.moveTo(tx, y - 2).lineTo(tx, y + 10).lineWidth(1.5).stroke('#000000');
      pdf.restore();
      pdf.x = left;
      pdf.y = y + 12;
    };
    doc.plan.nodes.forEach((n) => walk(n, 0));
  }

  pdf.addPage();
  pdf.font('Helvetica-Bold').fontSize(13);
  text('Alle indicatoren / Tous les indicateurs');
  pdf.moveDown(0.5);
  for (const i of doc.indicators) indicatorBlock(i);
  function indicatorBlock(i: ExportIndicator) {
    ensure(60);
    pdf.font('Helvetica-Bold').fontSize(10);
    text(i.labels.nl);
    pdf.font('Helvetica').fontSize(9);
    text(i.labels.fr);
    pdf.fillColor('#555555');
    text(`${i.key}`);
    pdf.fillColor('#000000');
    const parts = [
      i.numerator !== null ? `Teller / Numérateur: ${i.numerator}` : null,
      i.denominator !== null ? `Noemer / Dénominateur: ${i.denominator}` : null,
      `Waarde / Valeur: ${readable(i.key, i.value, 'nl', i.suppressed)}`,
      i.target !== null ? `Doel / Cible: ${readableTarget(i.key, i.operator, i.target)} (${metText(i.met)})` : null,
    ].filter(Boolean);
    text(parts.join('    '));
    for (const c of i.breakdown ?? []) text(`  - ${c.labels.nl} / ${c.labels.fr}: ${c.count}`);
    pdf.moveDown(0.5);
  }

  if (doc.municipalities) {
    ensure(80);
    pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(13);
    text('Per gemeente / Par commune');
    pdf.moveDown(0.3);
    for (const r of doc.municipalities.rows) {
      ensure(20 + r.cells.length * 12);
      pdf.font('Helvetica-Bold').fontSize(9);
      text(`${r.labels.nl} / ${r.labels.fr}`);
      pdf.font('Helvetica').fontSize(9);
      for (const c of r.cells) {
        const name = municipalityName(c.municipality);
        text(`  - ${name.nl}: ${municipalityFigure(r.key, c)}`);
      }
      pdf.moveDown(0.3);
    }
  }

  pdf.moveDown(1);
  ensure(60);
  pdf.font('Helvetica').fontSize(8);
  for (const l of legend(doc.minCellSize)) text(`${l.nl} / ${l.fr}`);
  pdf.end();
  return done;
}
