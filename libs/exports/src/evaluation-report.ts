import { Injectable, StreamableFile } from '@nestjs/common';
import type { Actor } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { invalid } from '@kernteam/http';
import { currentYearInBrussels, IndicatorKey, INDICATORS, IndicatorsService, monthOf, Operator, yearPeriod } from '@kernteam/indicators';
import { readRuntimeConfig, TenantDb } from '@kernteam/persistence';
import { CommentView, NODE_KIND_LABELS, PlanReport, PlansService, ReportNode } from '@kernteam/plans';
import { buildExportDocument, ExportDocument, ExportPlanIndicator, ExportPlanNode } from './export-document';
import { municipalityFigure, municipalityName, openPdf, readable, WITHHELD, winAnsi } from './export-renderers';
import { lessThan, SECONDARY_MARK } from './suppression';

export type ReportLanguage = 'nl' | 'fr';

/** One year of the plan as the report shows it: the anonymised document, and each plan indicator's figures by node. */
interface YearFigures { year: number; doc: ExportDocument; byNode: Map<string, ExportPlanIndicator> }

/** The protected indicator of every node of `report`, matched with the document built from it (same tree, same order). */
function indicatorsByNode(report: PlanReport, doc: ExportDocument): Map<string, ExportPlanIndicator> {
  const out = new Map<string, ExportPlanIndicator>();
  const walk = (r: ReportNode, e: ExportPlanNode) => {
    if (r.indicator && e.indicator) out.set(r.indicator.nodeId, e.indicator);
    r.children.forEach((c, i) => walk(c, e.children[i]));
  };
  report.nodes.forEach((n, i) => walk(n, doc.plan!.nodes[i]));
  return out;
}

/**
 * `GET /api/plans/:id/report.pdf?year=`: the yearly (PDCA) evaluation report of a plan. Everything in it comes from the
 * anonymised export document (buildExportDocument: the same small-cell suppression, nothing finer than a month, no
 * reference, name or free text of a dossier); the evaluator's comments are the only text added.
 */
@Injectable()
export class EvaluationReportService {
  constructor(
    private readonly db: TenantDb,
    private readonly audit: AuditService,
    private readonly plans: PlansService,
    private readonly indicators: IndicatorsService,
  ) {}

  async render(actor: Actor, planId: string, year: number, lang: ReportLanguage | undefined, now: Date = new Date()): Promise<StreamableFile> {
    const k = readRuntimeConfig().exportMinCellSize;
    const { bytes, fileName } = await this.db.tx(actor, async (em) => {
      const plan = await this.plans.planOf(em, actor.tenantId, planId);
      const first = Number(plan.periodFrom.slice(0, 4));
      const last = Number(plan.periodTo.slice(0, 4));
      if (year < first || year > last) throw invalid([{ field: 'year', message: `year must be within the plan period (${first}–${last})` }]);
      const [{ default_language: tenantLanguage }] = await em.query(`SELECT default_language FROM tenants WHERE id = $1`, [actor.tenantId]);
      const language: ReportLanguage = lang ?? (tenantLanguage === 'fr-BE' ? 'fr' : 'nl');
      const joint = (await this.indicators.municipalities(em, actor.tenantId)).length > 1;
      // The trend: every plan year up to the current one (a later year has no figures yet), the chosen one included.
      const years: YearFigures[] = [];
      let chosen: { report: PlanReport; figures: YearFigures } | null = null;
      for (let y = first; y <= Math.max(year, Math.min(last, currentYearInBrussels(now))); y++) {
        const period = yearPeriod(y);
        const stored = await this.plans.reportFor(em, actor.tenantId, planId, period);
        const indicators = stored.indicators ?? (await this.indicators.computeAll(em, actor.tenantId, period));
        let byMunicipality = stored.byMunicipality;
        if (y === year && joint && !stored.indicators) byMunicipality = await this.indicators.computeByMunicipality(em, actor.tenantId, period);
        const doc = buildExportDocument({ period, generatedAt: now, minCellSize: k, indicators, plan: stored.report, ...(y === year ? { byMunicipality } : {}) });
        const figures = { year: y, doc, byNode: indicatorsByNode(stored.report, doc) };
        years.push(figures);
        if (y === year) chosen = { report: stored.report, figures };
      }
      const comments = await this.plans.commentsFor(em, actor.tenantId, planId, year);
      await this.audit.record(em, actor, 'plan.report.pdf', { type: 'Plan', id: planId }, { year, lang: language, source: chosen!.report.source });
      const bytes = await renderEvaluationReport({ language, year, report: chosen!.report, current: chosen!.figures, years, comments, now });
      return { bytes, fileName: `evaluatierapport_${year}.pdf` };
    });
    return new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length, disposition: `attachment; filename="${fileName}"` });
  }
}

// ─── Rendering (pdfkit, vector graphics only) ───────────────────────────────────────────────────────────────────────

const T = {
  title: { nl: 'Evaluatierapport', fr: "Rapport d'évaluation" },
  subtitle: { nl: 'Kernteam radicalisering - jaarlijkse evaluatie van het SVPP', fr: 'Cellule radicalisme - évaluation annuelle du PSSP' },
  plan: { nl: 'Plan', fr: 'Plan' },
  period: { nl: 'Planperiode', fr: 'Période du plan' },
  year: { nl: 'Rapporteringsjaar', fr: 'Année de rapportage' },
  closed: { nl: 'afgesloten jaar: de gerapporteerde (bevroren) cijfers', fr: 'année clôturée : les chiffres rapportés (figés)' },
  live: { nl: 'berekend bij het opmaken van dit rapport', fr: "calculé lors de l'établissement de ce rapport" },
  made: { nl: 'Opgemaakt', fr: 'Établi' },
  anonymised: {
    nl: (k: number) => `Geanonimiseerd: alleen geaggregeerde aantallen; aantallen van 1 tot ${k - 1} worden getoond als ${lessThan(k)}.`,
    fr: (k: number) => `Anonymisé : nombres agrégés uniquement ; les nombres de 1 à ${k - 1} sont affichés comme ${lessThan(k)}.`,
  },
  activity: { nl: 'Activiteit van het kernteam', fr: 'Activité de la cellule' },
  tree: { nl: 'Fenomenen en doelstellingen', fr: 'Phénomènes et objectifs' },
  value: { nl: 'Waarde', fr: 'Valeur' },
  target: { nl: 'Doel', fr: 'Cible' },
  met: { nl: 'gehaald', fr: 'atteint' },
  notMet: { nl: 'niet gehaald', fr: 'non atteint' },
  manual: { nl: 'manueel ingevoerd', fr: 'saisi manuellement' },
  comment: { nl: 'Commentaar van de evaluator', fr: "Commentaire de l'évaluateur" },
  noComment: { nl: 'Geen commentaar.', fr: 'Pas de commentaire.' },
  trend: { nl: 'Verloop over de planjaren', fr: 'Évolution sur les années du plan' },
  perMunicipality: { nl: 'Per gemeente', fr: 'Par commune' },
  yes: { nl: 'ja', fr: 'oui' },
  no: { nl: 'nee', fr: 'non' },
  discussed: { nl: 'Besproken dossiers', fr: 'Dossiers discutés' },
  secondary: {
    nl: `${SECONDARY_MARK}: niet getoond zodat een klein aantal niet uit de totalen af te leiden is.`,
    fr: `${SECONDARY_MARK} : non affiché pour qu'un petit nombre ne puisse être déduit des totaux.`,
  },
  withheld: {
    nl: `${WITHHELD.nl}: een aandeel of mediaan van een niet getoond aantal.`,
    fr: `${WITHHELD.fr} : une proportion ou médiane d'un nombre non affiché.`,
  },
  joint: {
    nl: 'Vergaderingen en deelnames zijn die van het gezamenlijke kernteam en worden niet per gemeente gesplitst.',
    fr: 'Les réunions et participations sont celles de la cellule commune et ne sont pas ventilées par commune.',
  },
} as const;

const ACTIVITY: { key: IndicatorKey; field: 'value' | 'denominator'; label?: keyof typeof T }[] = [
  { key: 'MEETINGS_HELD', field: 'value' },
  { key: 'SHARED_AGREEMENTS', field: 'denominator', label: 'discussed' },
  { key: 'DOSSIERS_REGISTERED', field: 'value' },
  { key: 'DOSSIERS_RETAINED', field: 'value' },
  { key: 'DOSSIERS_NOT_RETAINED', field: 'value' },
  { key: 'DOSSIERS_CLOSED', field: 'value' },
  { key: 'PARTICIPATIONS', field: 'value' },
];

const OP: Record<Operator, string> = { GTE: '>=', LTE: '<=', EQ: '=', YES_NO: '' };

interface RenderInput {
  language: ReportLanguage;
  year: number;
  report: PlanReport;
  current: YearFigures;
  years: YearFigures[];
  comments: Map<string, CommentView>;
  now: Date;
}

export async function renderEvaluationReport(input: RenderInput): Promise<Buffer> {
  const { language: l, year, report, current, years, comments } = input;
  const k = current.doc.minCellSize;
  const { pdf, done, text, left, width, ensure } = openPdf({ Title: `${T.title[l]} ${year} - ${report.title}`, Subject: `${T.year[l]} ${year}` });
  const isShare = (key: IndicatorKey | null) => key !== null && INDICATORS[key].measure === 'RATIO';
  const targetText = (r: ExportPlanIndicator) => {
    if (r.operator === null || r.target === null) return '–';
    if (r.operator === 'YES_NO') return r.target ? T.yes[l] : T.no[l];
    return `${OP[r.operator]} ${readable(r.definitionKey, r.target, l)}`;
  };
  const valueText = (r: ExportPlanIndicator) => {
    if (r.suppressed) return WITHHELD[l];
    if (r.operator === 'YES_NO' && typeof r.value === 'number') return r.value ? T.yes[l] : T.no[l];
    return readable(r.definitionKey, r.value, l);
  };

  // Title page block.
  pdf.font('Helvetica-Bold').fontSize(18);
  text(`${T.title[l]} ${year}`);
  pdf.font('Helvetica').fontSize(11);
  text(T.subtitle[l]);
  pdf.moveDown(0.5).fontSize(10);
  text(`${T.plan[l]}: ${report.title}`);
  text(`${T.period[l]}: ${monthOf(report.periodFrom)} – ${monthOf(report.periodTo)}    ${T.year[l]}: ${year} (${report.source === 'CLOSED' ? T.closed[l] : T.live[l]})`);
  text(`${T.made[l]}: ${monthOf(input.now.toISOString().slice(0, 10))}`);
  pdf.fontSize(9);
  text(T.anonymised[l](k));

  // Activity figures of the year.
  pdf.moveDown(1).font('Helvetica-Bold').fontSize(13);
  text(T.activity[l]);
  pdf.font('Helvetica').fontSize(10).moveDown(0.3);
  for (const a of ACTIVITY) {
    const i = current.doc.indicators.find((x) => x.key === a.key);
    if (!i) continue;
    const label = a.label ? (T[a.label] as { nl: string; fr: string })[l] : INDICATORS[a.key].labels[l];
    text(`${label}: ${i[a.field] ?? '–'}`);
    if (a.key === 'PARTICIPATIONS') {
      for (const c of i.breakdown ?? []) text(`    - ${c.labels[l]}: ${c.count}`);
    }
  }

  // The plan tree: per phenomenon and objective, each indicator with value, target, met, trend and comment.
  pdf.moveDown(1).font('Helvetica-Bold').fontSize(13);
  text(T.tree[l]);
  pdf.moveDown(0.3);
  const walk = (n: ReportNode, depth: number) => {
    const indent = Math.min(depth, 4) * 12;
    const kind = NODE_KIND_LABELS[n.kind][l];
    if (!n.indicator) {
      ensure(40);
      pdf.font('Helvetica-Bold').fontSize(depth === 0 ? 12 : 10);
      text(`${kind}: ${n.title}`, { indent, width: width - indent });
      pdf.moveDown(0.2);
    } else {
      const r = current.byNode.get(n.indicator.nodeId);
      ensure(150);
      pdf.font('Helvetica-Oblique').fontSize(10);
      text(`${kind}: ${n.title}`, { indent, width: width - indent });
      if (r) {
        pdf.font('Helvetica').fontSize(9);
        const met = r.met === null ? '–' : r.met ? T.met[l] : T.notMet[l];
        text(`${T.value[l]}: ${valueText(r)}    ${T.target[l]}: ${targetText(r)}    ${met}${r.source === 'MANUAL' ? `    (${T.manual[l]})` : ''}`, { indent });
        chart(n.indicator.nodeId, r, left + indent, Math.min(360, width - indent));
      }
      const c = comments.get(n.indicator.nodeId);
      pdf.font('Helvetica-Bold').fontSize(9);
      text(`${T.comment[l]}:`, { indent });
      pdf.font('Helvetica').fontSize(9);
      text(c?.text ? c.text : T.noComment[l], { indent, width: width - indent });
      pdf.moveDown(0.5);
    }
    n.children.forEach((ch) => walk(ch, depth + 1));
  };

  /**
   * The trend over the plan's years as a bar chart: one bar per year (its value as published, so a hidden count has no
   * bar, only its mark), a dashed line at the target, the chosen year darker.
   */
  const chart = (nodeId: string, r: ExportPlanIndicator, x: number, w: number) => {
    const points = years.map((y) => ({ year: y.year, figure: y.byNode.get(nodeId) ?? null }));
    const numbers = points.map((p) => (p.figure && !p.figure.suppressed && typeof p.figure.value === 'number' ? p.figure.value : null));
    const share = isShare(r.definitionKey);
    const target = r.operator !== null && r.operator !== 'YES_NO' ? r.target : null;
    const max = share ? 1 : Math.max(1, target ?? 0, ...numbers.map((v) => v ?? 0)) * 1.15;
    const h = 60;
    pdf.font('Helvetica').fontSize(8);
    text(T.trend[l], { indent: x - left });
    const top = pdf.y + 10;
    const base = top + h;
    pdf.save();
    pdf.lineWidth(0.5).moveTo(x, base).lineTo(x + w, base).stroke('#555555');
    pdf.moveTo(x, top).lineTo(x, base).stroke('#555555');
    const slot = w / Math.max(points.length, 1);
    const bw = Math.min(36, slot * 0.6);
    points.forEach((p, i) => {
      const cx = x + slot * i + slot / 2;
      const v = numbers[i];
      if (v !== null) {
        const bh = (Math.min(v, max) / max) * h;
        pdf.rect(cx - bw / 2, base - bh, bw, bh).fill(p.year === year ? '#1f4e79' : '#8fb3d9');
      }
      const label = p.figure ? (p.figure.suppressed ? '–' : valueText(p.figure)) : '';
      pdf.fillColor('#000000').fontSize(7);
      pdf.text(winAnsi(label), cx - slot / 2, v !== null ? base - (Math.min(v, max) / max) * h - 9 : base - 9, { width: slot, align: 'center', lineBreak: false });
      pdf.text(String(p.year), cx - slot / 2, base + 2, { width: slot, align: 'center', lineBreak: false });
    });
    if (target !== null) {
      const ty = base - (Math.min(target, max) / max) * h;
      pdf.dash(3, { space: 2 }).lineWidth(1).moveTo(x, ty).lineTo(x + w, ty).stroke('#c0392b').undash();
      pdf.fillColor('#c0392b').fontSize(7).text(winAnsi(`${T.target[l]} ${targetText(r)}`), x + w + 2, ty - 3, { lineBreak: false });
    }
    pdf.restore();
    pdf.fillColor('#000000');
    pdf.x = left;
    pdf.y = base + 14;
  };
  report.nodes.forEach((n) => walk(n, 0));

  // A joint LIVC: every dossier indicator per municipality.
  const mu = current.doc.municipalities;
  if (mu) {
    pdf.addPage();
    pdf.font('Helvetica-Bold').fontSize(13);
    text(T.perMunicipality[l]);
    pdf.font('Helvetica').fontSize(8);
    text(T.joint[l]);
    pdf.moveDown(0.5);
    for (const row of mu.rows) {
      ensure(20 + row.cells.length * 12);
      pdf.font('Helvetica-Bold').fontSize(9);
      text(INDICATORS[row.key].labels[l]);
      pdf.font('Helvetica').fontSize(9);
      for (const c of row.cells) text(`  - ${municipalityName(c.municipality)[l]}: ${municipalityFigure(row.key, c, l)}`);
      pdf.moveDown(0.3);
    }
  }

  pdf.moveDown(1);
  ensure(40);
  pdf.font('Helvetica').fontSize(8);
  text(T.anonymised[l](k));
  text(T.secondary[l]);
  text(T.withheld[l]);
  pdf.end();
  return done;
}
