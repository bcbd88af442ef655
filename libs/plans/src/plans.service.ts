import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import type { Actor } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { brusselsDate, conflict, domainRule, FieldError, invalid, notVisible, Page, staleVersion } from '@kernteam/http';
import {
  currentYearInBrussels, IndicatorResult, IndicatorsService, isWholeYear, meets, parsePeriod, Period, singleYearOf, withTarget, yearPeriod,
} from '@kernteam/indicators';
import { TenantDb } from '@kernteam/persistence';
import { demoPlanStructure, DEMO_PLAN_TITLE } from './demo-plan';
import {
  CloseYearDto, CommentDto, CreateNodeDto, CreatePlanDto, ImportPlanDto, ManualValueDto, PlanListQuery, ReopenYearDto, ReportQuery, UpdateNodeDto, UpdatePlanDto,
} from './plan.dto';
import { IndicatorSnapshot, Plan, PlanIndicatorValue, PlanNode, PlanNodeComment } from './plan.entity';
import { buildTree, flattenStructure, NodeKind, nodeProblems, PlanStructure, StructureInput, toStructure, TreeNode } from './plan-structure';
import {
  CommentView, ManualValueView, PlanNodeView, PlanReport, PlanStructureView, PlanSummaryView, PlanView, ReportFigures, ReportIndicator, ReportNode, SnapshotContent, SnapshotView,
  toCommentView, toManualValueView, toNodeView, toPlanSummary, toPlanView, toSnapshotView,
} from './plan.view';

/** Who does the work: a signed-in evaluator, or the system (demo seeding, the nightly job). */
type Who = { id: string | null; tenantId: string; ip: string | null };

const MAX_NODES = 2_000;
const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

@Injectable()
export class PlansService {
  private readonly logger = new Logger('Plans');

  constructor(private readonly db: TenantDb, private readonly audit: AuditService, private readonly indicators: IndicatorsService) {}

  // ─── Plans ────────────────────────────────────────────────────────────────────────────────────────────────────────

  async list(actor: Actor, q: PlanListQuery): Promise<Page<PlanSummaryView>> {
    return this.db.tx(actor, async (em) => {
      const [rows, total] = await em.getRepository(Plan).findAndCount({
        where: { tenantId: actor.tenantId }, order: { periodFrom: 'DESC', createdAt: 'DESC', id: 'ASC' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize,
      });
      return { items: rows.map(toPlanSummary), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async create(actor: Actor, dto: CreatePlanDto): Promise<PlanView> {
    checkPlanPeriod(dto.periodFrom, dto.periodTo);
    return this.db.tx(actor, async (em) => {
      const [{ id }] = await em.query(
        `INSERT INTO plans (tenant_id, title, period_from, period_to) VALUES ($1, $2, $3, $4) RETURNING id`,
        [actor.tenantId, dto.title.trim(), dto.periodFrom, dto.periodTo],
      );
      await this.audit.record(em, actor, 'plan.create', { type: 'Plan', id: id });
      return this.view(em, actor.tenantId, id);
    });
  }

  async get(actor: Actor, id: string): Promise<PlanView> {
    return this.db.tx(actor, async (em) => {
      await this.plan(em, actor.tenantId, id);
      return this.view(em, actor.tenantId, id);
    });
  }

  async update(actor: Actor, id: string, dto: UpdatePlanDto): Promise<PlanView> {
    return this.db.tx(actor, async (em) => {
      const p = await this.plan(em, actor.tenantId, id);
      if (dto.version !== p.version) throw staleVersion();
      const periodFrom = dto.periodFrom ?? p.periodFrom;
      const periodTo = dto.periodTo ?? p.periodTo;
      checkPlanPeriod(periodFrom, periodTo);
      const res = await em.query(
        `UPDATE plans SET title = $3, period_from = $4, period_to = $5, version = version + 1, updated_at = now()
          WHERE id = $1 AND tenant_id = $2 AND version = $6 RETURNING id`,
        [id, actor.tenantId, dto.title?.trim() ?? p.title, periodFrom, periodTo, dto.version],
      );
      if (!res[0]?.length) throw staleVersion();
      await this.audit.record(em, actor, 'plan.update', { type: 'Plan', id: id }, { fields: Object.keys(dto).filter((k) => k !== 'version').join(',') });
      return this.view(em, actor.tenantId, id);
    });
  }

  /** Removes a plan that has no closed reporting year (what was reported stays, with its plan). */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.tx(actor, async (em) => {
      await this.plan(em, actor.tenantId, id);
      const [{ closed }] = await em.query(`SELECT count(*)::int AS closed FROM indicator_snapshots WHERE plan_id = $1 AND kind = 'CLOSED'`, [id]);
      if (closed > 0) throw domainRule('A plan with a closed reporting year cannot be removed: what was reported stays with its plan.');
      await em.query(`DELETE FROM indicator_snapshots WHERE plan_id = $1 AND kind = 'LIVE'`, [id]);
      await em.query(`DELETE FROM plans WHERE id = $1 AND tenant_id = $2`, [id, actor.tenantId]);
      await this.audit.record(em, actor, 'plan.delete', { type: 'Plan', id: id });
    });
  }

  // ─── Nodes ────────────────────────────────────────────────────────────────────────────────────────────────────────

  async addNode(actor: Actor, planId: string, dto: CreateNodeDto): Promise<PlanNodeView> {
    return this.db.tx(actor, async (em) => {
      await this.plan(em, actor.tenantId, planId);
      let parentKind: NodeKind | null = null;
      if (dto.parentId) {
        const parent = await em.getRepository(PlanNode).findOneBy({ id: dto.parentId.toLowerCase(), planId, tenantId: actor.tenantId });
        if (!parent) throw invalid([{ field: 'parentId', message: 'parentId names no node of this plan' }]);
        parentKind = parent.kind;
      }
      const problems = nodeProblems(dto.kind, parentKind, dto);
      if (problems.length) throw invalid(problems);
      const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM plan_nodes WHERE plan_id = $1`, [planId]);
      if (count >= MAX_NODES) throw domainRule(`A plan has at most ${MAX_NODES} nodes.`);
      const id = await this.insertNode(em, actor.tenantId, planId, dto.parentId?.toLowerCase() ?? null, {
        kind: dto.kind, title: dto.title.trim(), position: dto.position ?? null,
        definitionKey: dto.definitionKey ?? null, operator: dto.operator ?? null, target: dto.target ?? null, partnerType: dto.partnerType ?? null,
      });
      await this.audit.record(em, actor, 'plan.node.create', { type: 'Plan', id: planId }, { nodeId: id, kind: dto.kind });
      return toNodeView(await em.getRepository(PlanNode).findOneByOrFail({ id }));
    });
  }

  async updateNode(actor: Actor, planId: string, nodeId: string, dto: UpdateNodeDto): Promise<PlanNodeView> {
    return this.db.tx(actor, async (em) => {
      await this.plan(em, actor.tenantId, planId);
      const n = await this.node(em, actor.tenantId, planId, nodeId);
      if (dto.version !== n.version) throw staleVersion();
      // A move: the new parent must be a node of this plan one level up (levels are strict, so no cycle can arise).
      const newParentId = dto.parentId?.toLowerCase();
      const moved = newParentId !== undefined && newParentId !== n.parentId;
      let parentKind: NodeKind | null;
      if (moved) {
        const parent = await em.getRepository(PlanNode).findOneBy({ id: newParentId, planId, tenantId: actor.tenantId });
        if (!parent) throw invalid([{ field: 'parentId', message: 'parentId names no node of this plan' }]);
        parentKind = parent.kind;
      } else {
        parentKind = n.parentId ? (await em.getRepository(PlanNode).findOneByOrFail({ id: n.parentId })).kind : null;
      }
      const pick = <K extends 'definitionKey' | 'operator' | 'target' | 'partnerType'>(k: K) => (dto[k] === undefined ? n[k] : dto[k] ?? null);
      const next = { definitionKey: pick('definitionKey'), operator: pick('operator'), target: pick('target'), partnerType: pick('partnerType') };
      const problems = nodeProblems(n.kind, parentKind, next);
      if (problems.length) throw invalid(problems);
      const res = await em.query(
        `UPDATE plan_nodes SET title = $3, definition_key = $5, operator = $6, target = $7, partner_type = $8,
                parent_id = $10::uuid,
                position = coalesce($4, (SELECT coalesce(max(s.position), 0) + 1 FROM plan_nodes s WHERE s.plan_id = $11 AND s.parent_id = $10::uuid)),
                version = version + 1, updated_at = now()
          WHERE id = $1 AND tenant_id = $2 AND version = $9 RETURNING id`,
        [nodeId, actor.tenantId, dto.title?.trim() ?? n.title, dto.position ?? (moved ? null : n.position), next.definitionKey, next.operator, next.target,
          next.partnerType, dto.version, moved ? newParentId : n.parentId, planId],
      );
      if (!res[0]?.length) throw staleVersion();
      await this.audit.record(em, actor, 'plan.node.update', { type: 'Plan', id: planId }, { nodeId, fields: Object.keys(dto).filter((k) => k !== 'version').join(',') });
      return toNodeView(await em.getRepository(PlanNode).findOneByOrFail({ id: nodeId }));
    });
  }

  /** Removes a node and everything under it. */
  async removeNode(actor: Actor, planId: string, nodeId: string): Promise<void> {
    await this.db.tx(actor, async (em) => {
      await this.plan(em, actor.tenantId, planId);
      const n = await this.node(em, actor.tenantId, planId, nodeId);
      await em.query(`DELETE FROM plan_nodes WHERE id = $1 AND tenant_id = $2`, [nodeId, actor.tenantId]);
      await this.audit.record(em, actor, 'plan.node.delete', { type: 'Plan', id: planId }, { nodeId, kind: n.kind });
    });
  }

  /** The value of an indicator entered by hand, for one reporting year (created, or updated with its version). */
  async setManualValue(actor: Actor, planId: string, nodeId: string, year: number, dto: ManualValueDto): Promise<ManualValueView> {
    return this.db.tx(actor, async (em) => {
      await this.plan(em, actor.tenantId, planId);
      const n = await this.node(em, actor.tenantId, planId, nodeId);
      if (n.kind !== 'INDICATOR' || n.definitionKey !== null) throw domainRule('Only an indicator without a computed definition takes a value entered by hand.');
      if (n.operator === 'YES_NO' && dto.value !== 0 && dto.value !== 1) throw invalid([{ field: 'value', message: 'a YES_NO value is 1 (ja) or 0 (nee)' }]);
      if (await this.snapshot(em, planId, year)) throw domainRule(`The reporting year ${year} is closed; its values no longer change.`);
      const current = await em.getRepository(PlanIndicatorValue).findOneBy({ nodeId, year });
      const note = dto.evidenceNote?.trim() || null;
      if (current) {
        if (dto.version !== current.version) throw staleVersion();
        const res = await em.query(
          `UPDATE plan_indicator_values SET value = $3, evidence_note = $4, version = version + 1, updated_by = $5, updated_at = now()
            WHERE node_id = $1 AND year = $2 AND version = $6 RETURNING node_id`,
          [nodeId, year, dto.value, note, actor.id, dto.version],
        );
        if (!res[0]?.length) throw staleVersion();
      } else {
        if (dto.version !== undefined) throw staleVersion();
        try {
          await em.query(
            `INSERT INTO plan_indicator_values (tenant_id, node_id, year, value, evidence_note, updated_by) VALUES ($1, $2, $3, $4, $5, $6)`,
            [actor.tenantId, nodeId, year, dto.value, note, actor.id],
          );
        } catch (e) {
          if (isUniqueViolation(e)) throw staleVersion();
          throw e;
        }
      }
      await this.audit.record(em, actor, 'plan.value.set', { type: 'Plan', id: planId }, { nodeId, year });
      return toManualValueView(await em.getRepository(PlanIndicatorValue).findOneByOrFail({ nodeId, year }));
    });
  }

  /**
   * The evaluator's comment on an indicator for a reporting year (created, or updated with its version). A closed year
   * takes comments too: the evaluation of a year is written after it was closed.
   */
  async setComment(actor: Actor, planId: string, nodeId: string, year: number, dto: CommentDto): Promise<CommentView> {
    return this.db.tx(actor, async (em) => {
      const p = await this.plan(em, actor.tenantId, planId);
      const n = await this.node(em, actor.tenantId, planId, nodeId);
      if (n.kind !== 'INDICATOR') throw domainRule('Comments are made on an indicator.');
      if (`${year}-12-31` < p.periodFrom || `${year}-01-01` > p.periodTo) {
        throw domainRule(`The year ${year} is outside the plan period ${p.periodFrom} – ${p.periodTo}.`, [{ field: 'year', message: 'year outside the plan period' }]);
      }
      const text = dto.text.trim();
      const current = await em.getRepository(PlanNodeComment).findOneBy({ nodeId, year });
      if (current) {
        if (dto.version !== current.version) throw staleVersion();
        const res = await em.query(
          `UPDATE plan_node_comments SET text = $3, version = version + 1, updated_by = $4, updated_at = now()
            WHERE node_id = $1 AND year = $2 AND version = $5 RETURNING node_id`,
          [nodeId, year, text, actor.id, dto.version],
        );
        if (!res[0]?.length) throw staleVersion();
      } else {
        if (dto.version !== undefined) throw staleVersion();
        try {
          await em.query(`INSERT INTO plan_node_comments (tenant_id, node_id, year, text, updated_by) VALUES ($1, $2, $3, $4, $5)`, [actor.tenantId, nodeId, year, text, actor.id]);
        } catch (e) {
          if (isUniqueViolation(e)) throw staleVersion();
          throw e;
        }
      }
      await this.audit.record(em, actor, 'plan.comment.set', { type: 'Plan', id: planId }, { nodeId, year });
      return toCommentView(await em.getRepository(PlanNodeComment).findOneByOrFail({ nodeId, year }));
    });
  }

  /** The comments of a plan's indicators for a year, by node id. */
  async commentsFor(em: EntityManager, tenantId: string, planId: string, year: number): Promise<Map<string, CommentView>> {
    const rows: PlanNodeComment[] = await em.query(
      `SELECT c.node_id AS "nodeId", c.year, c.text, c.version, c.updated_at AS "updatedAt" FROM plan_node_comments c JOIN plan_nodes n ON n.id = c.node_id
        WHERE n.plan_id = $1 AND c.tenant_id = $2 AND c.year = $3`,
      [planId, tenantId, year],
    );
    return new Map(rows.map((r) => [r.nodeId, toCommentView(r)]));
  }

  // ─── Structure (import / export) ──────────────────────────────────────────────────────────────────────────────────

  async structure(actor: Actor, id: string): Promise<PlanStructureView> {
    return this.db.tx(actor, async (em) => {
      const p = await this.plan(em, actor.tenantId, id);
      return toStructure(p, await this.nodes(em, id));
    });
  }

  async importStructure(actor: Actor, dto: ImportPlanDto): Promise<PlanView> {
    return this.db.tx(actor, (em) => this.createFromStructure(em, actor, dto));
  }

  private async createFromStructure(em: EntityManager, who: Who, s: StructureInput): Promise<PlanView> {
    checkPlanPeriod(s.periodFrom, s.periodTo);
    const flat = flattenStructure(s);
    if (flat.length > MAX_NODES) throw invalid([{ field: 'phenomena', message: `a plan has at most ${MAX_NODES} nodes` }]);
    const problems: FieldError[] = [];
    const paths = structurePaths(s);
    for (const n of flat) {
      if (n.kind === 'INDICATOR') problems.push(...nodeProblems('INDICATOR', 'EXPECTED_RESULT', n, `${paths[n.index]}.`));
    }
    if (problems.length) throw invalid(problems);
    const [{ id: planId }] = await em.query(
      `INSERT INTO plans (tenant_id, title, period_from, period_to) VALUES ($1, $2, $3, $4) RETURNING id`,
      [who.tenantId, s.title.trim(), s.periodFrom, s.periodTo],
    );
    const ids: string[] = [];
    for (const n of flat) {
      ids[n.index] = await this.insertNode(em, who.tenantId, planId, n.parentIndex === null ? null : ids[n.parentIndex], { ...n, title: n.title.trim() });
    }
    await this.audit.append(em, { tenantId: who.tenantId, actorId: who.id, action: 'plan.import', entityType: 'Plan', entityId: planId, outcome: 'ALLOWED', ip: who.ip, details: { nodes: flat.length } });
    return this.view(em, who.tenantId, planId);
  }

  /** The demo tenant's plan (Gent plan change of 25 March 2016, Molenbeek LIVC participation); idempotent. */
  async seedDemoPlan(tenantId: string, now: Date = new Date()): Promise<{ planId: string; created: boolean }> {
    return this.db.tx({ tenantId }, async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('kernteam.demo-plan'), hashtext($1))`, [tenantId]);
      const [existing] = await em.query(`SELECT id FROM plans WHERE tenant_id = $1 AND title = $2`, [tenantId, DEMO_PLAN_TITLE]);
      if (existing) return { planId: existing.id as string, created: false };
      const view = await this.createFromStructure(em, { id: null, tenantId, ip: null }, demoPlanStructure(currentYearInBrussels(now)));
      return { planId: view.id, created: true };
    });
  }

  // ─── Report and snapshots ─────────────────────────────────────────────────────────────────────────────────────────

  /**
   * `?year=` or `?from=&to=`: a closed year shows what was reported, with today's figures beside it (`current`) where
   * they differ; a reopened year is computed now, with what was last reported beside it (`reported`) where it differs;
   * anything else is computed now.
   */
  async report(actor: Actor, id: string, q: ReportQuery): Promise<PlanReport> {
    const { period, year } = parseReportPeriod(q);
    return this.db.tx(actor, async (em) => {
      const p = await this.plan(em, actor.tenantId, id);
      const wholeYear = isWholeYear(period);
      // The year's latest closing: in force unless it was reopened, then only what was last reported.
      const last = wholeYear === null ? null
        : await em.getRepository(IndicatorSnapshot).findOne({ where: { planId: id, year: wholeYear, kind: 'CLOSED' }, order: { revision: 'DESC' } });
      const now = await this.computeReport(em, actor.tenantId, p, period, year);
      let report = now;
      if (last && !last.reopenedAt) {
        report = (last.report as SnapshotContent).report;
        besides(report, now, 'current');
      } else if (last) besides(report, (last.report as SnapshotContent).report, 'reported');
      if (wholeYear !== null) withComments(report, await this.commentsFor(em, actor.tenantId, id, wholeYear));
      await this.audit.record(em, actor, 'plan.report', { type: 'Plan', id: id }, { from: period.from, to: period.to, source: report.source });
      return report;
    });
  }

  /** The report as stored for a closed year, or computed now (used by exports, in the caller's transaction). */
  async reportFor(em: EntityManager, tenantId: string, planId: string, period: Period): Promise<{
    report: PlanReport; indicators: IndicatorResult[] | null; byMunicipality?: SnapshotContent['byMunicipality'];
  }> {
    const p = await this.plan(em, tenantId, planId);
    const wholeYear = isWholeYear(period);
    const closed = wholeYear === null ? null : await this.snapshot(em, planId, wholeYear);
    if (closed) return closed.report as SnapshotContent;
    return { report: await this.computeReport(em, tenantId, p, period, wholeYear), indicators: null };
  }

  /** The plan of the tenant (for a caller in its own transaction), else 404. */
  planOf(em: EntityManager, tenantId: string, id: string): Promise<Plan> {
    return this.plan(em, tenantId, id);
  }

  /**
   * Closes a reporting year once it has ended in Europe/Brussels: the plan report and every computed indicator of that
   * year are stored and never change. After a reopening, closing again stores the next revision.
   */
  async closeYear(actor: Actor, id: string, dto: CloseYearDto, now: Date = new Date()): Promise<SnapshotView> {
    return this.db.tx(actor, async (em) => {
      const p = await this.plan(em, actor.tenantId, id);
      await em.query(`SELECT id FROM plans WHERE id = $1 FOR UPDATE`, [id]);
      if (brusselsDate(now) <= `${dto.year}-12-31`) {
        throw domainRule(
          `The reporting year ${dto.year} ends on 31 December ${dto.year} (Europe/Brussels); it can be closed from 1 January ${dto.year + 1}.`,
          [{ field: 'year', message: 'the year has not ended yet' }],
        );
      }
      if (`${dto.year}-12-31` < p.periodFrom || `${dto.year}-01-01` > p.periodTo) {
        throw domainRule(`The year ${dto.year} is outside the plan period ${p.periodFrom} – ${p.periodTo}.`, [{ field: 'year', message: 'year outside the plan period' }]);
      }
      if (await this.snapshot(em, id, dto.year)) throw conflict(`The reporting year ${dto.year} is already closed.`);
      const content = await this.snapshotContent(em, actor.tenantId, p, dto.year, 'CLOSED', now);
      await em.query(`DELETE FROM indicator_snapshots WHERE plan_id = $1 AND year = $2 AND kind = 'LIVE'`, [id, dto.year]);
      const [{ id: snapshotId, revision }] = await em.query(
        `INSERT INTO indicator_snapshots (tenant_id, plan_id, year, kind, computed_at, closed_by, report, revision)
         SELECT $1, $2, $3, 'CLOSED', $4, $5, $6, coalesce(max(revision), 0) + 1 FROM indicator_snapshots WHERE plan_id = $2 AND year = $3 AND kind = 'CLOSED'
         RETURNING id, revision`,
        [actor.tenantId, id, dto.year, now, actor.id, JSON.stringify(content)],
      );
      await this.audit.record(em, actor, 'plan.year.close', { type: 'Plan', id: id }, { year: dto.year, snapshotId, ...(revision > 1 ? { revision } : {}) });
      return toSnapshotView(await em.getRepository(IndicatorSnapshot).findOneByOrFail({ id: snapshotId }));
    });
  }

  /**
   * Reopens a closed year (the evaluator, with a reason): the closed snapshot is not edited but marked reopened (the
   * database allows that one change, once), so its figures stay as reported; the reason stays with it, not in the audit.
   */
  async reopenYear(actor: Actor, id: string, year: number, dto: ReopenYearDto): Promise<SnapshotView> {
    const reason = dto.reason.trim();
    if (!reason) throw invalid([{ field: 'reason', message: 'reason is required to reopen a closed year' }]);
    return this.db.tx(actor, async (em) => {
      await this.plan(em, actor.tenantId, id);
      await em.query(`SELECT id FROM plans WHERE id = $1 FOR UPDATE`, [id]);
      const closed = await this.snapshot(em, id, year);
      if (!closed) throw conflict(`The reporting year ${year} is not closed.`);
      await em.query(`UPDATE indicator_snapshots SET reopened_at = now(), reopened_by = $2, reopen_reason = $3 WHERE id = $1`, [closed.id, actor.id, reason]);
      await this.audit.record(em, actor, 'plan.year.reopen', { type: 'Plan', id }, { year, snapshotId: closed.id });
      return toSnapshotView(await em.getRepository(IndicatorSnapshot).findOneByOrFail({ id: closed.id }));
    });
  }

  async listSnapshots(actor: Actor, id: string): Promise<SnapshotView[]> {
    return this.db.tx(actor, async (em) => {
      await this.plan(em, actor.tenantId, id);
      const rows = await em.getRepository(IndicatorSnapshot).find({
        where: { planId: id }, order: { year: 'DESC', kind: 'ASC', revision: 'DESC' },
        select: { id: true, planId: true, year: true, kind: true, computedAt: true, closedBy: true, revision: true, reopenedAt: true, reopenedBy: true, reopenReason: true },
      });
      return rows.map(toSnapshotView);
    });
  }

  /**
   * Nightly: for every plan whose period covers the current year (Brussels) and whose year is not closed, the LIVE
   * snapshot of that year is computed again and replaced. Closed snapshots are never touched. Returns how many were written.
   */
  async refreshLiveSnapshots(now: Date = new Date()): Promise<number> {
    const year = currentYearInBrussels(now);
    const plans: { id: string; tenant_id: string }[] = await this.db.system((em) =>
      em.query(
        `SELECT p.id, p.tenant_id FROM plans p
          WHERE p.period_from <= $2::date AND p.period_to >= $1::date
            AND NOT EXISTS (SELECT 1 FROM indicator_snapshots s WHERE s.plan_id = p.id AND s.year = $3 AND s.kind = 'CLOSED' AND s.reopened_at IS NULL)
          ORDER BY p.tenant_id, p.id`,
        [`${year}-01-01`, `${year}-12-31`, year],
      ),
    );
    let written = 0;
    for (const row of plans) {
      try {
        await this.db.tx({ tenantId: row.tenant_id }, async (em) => {
          const p = await em.getRepository(Plan).findOneBy({ id: row.id, tenantId: row.tenant_id });
          if (!p) return;
          const content = await this.snapshotContent(em, row.tenant_id, p, year, 'LIVE', now);
          await em.query(
            `INSERT INTO indicator_snapshots (tenant_id, plan_id, year, kind, computed_at, report) VALUES ($1, $2, $3, 'LIVE', $4, $5)
             ON CONFLICT (plan_id, year, kind, revision) DO UPDATE SET computed_at = EXCLUDED.computed_at, report = EXCLUDED.report`,
            [row.tenant_id, row.id, year, now, JSON.stringify(content)],
          );
        });
        written++;
      } catch (e) {
        // One tenant's failure must not stop the others; ids only in the log.
        this.logger.warn(`live snapshot of plan ${row.id} failed: ${e instanceof Error ? e.message : e}`);
      }
    }
    return written;
  }

  private async snapshotContent(em: EntityManager, tenantId: string, p: Plan, year: number, kind: 'LIVE' | 'CLOSED', now: Date): Promise<SnapshotContent> {
    const period = yearPeriod(year);
    const report = await this.computeReport(em, tenantId, p, period, year);
    if (kind === 'CLOSED') Object.assign(report, { source: 'CLOSED', closedAt: now.toISOString(), computedAt: now.toISOString() });
    const municipalities = await this.indicators.municipalities(em, tenantId);
    return {
      report, indicators: await this.indicators.computeAll(em, tenantId, period),
      ...(municipalities.length > 1 ? { byMunicipality: await this.indicators.computeByMunicipality(em, tenantId, period) } : {}),
    };
  }

  /** Every indicator of the plan for a period: computed ones by the engine (one statement each), manual ones as entered. */
  private async computeReport(em: EntityManager, tenantId: string, p: Plan, period: Period, year: number | null): Promise<PlanReport> {
    const nodes = await this.nodes(em, p.id);
    const tree = buildTree(nodes);
    const valueYear = year ?? singleYearOf(period);
    const manual = new Map<string, PlanIndicatorValue>();
    if (valueYear !== null) {
      for (const v of await em.getRepository(PlanIndicatorValue).findBy({ tenantId, year: valueYear })) manual.set(v.nodeId, v);
    }
    const computed = new Map<string, IndicatorResult>();
    const indicators: ReportIndicator[] = [];
    const walk = async (n: TreeNode<PlanNode>, path: string[]): Promise<ReportNode> => {
      const out: ReportNode = { id: n.id, kind: n.kind, title: n.title, children: [] };
      if (n.kind === 'INDICATOR') {
        let r: ReportIndicator;
        if (n.definitionKey) {
          const cacheKey = `${n.definitionKey}:${n.partnerType ?? ''}`;
          let result = computed.get(cacheKey);
          if (!result) {
            result = await this.indicators.compute(em, tenantId, n.definitionKey, period, { partnerType: n.partnerType });
            computed.set(cacheKey, result);
          }
          const judged = withTarget(result, n.operator, n.target);
          r = {
            nodeId: n.id, title: n.title, path, source: 'COMPUTED', definitionKey: n.definitionKey, partnerType: n.partnerType, operator: n.operator,
            target: n.target, numerator: judged.numerator, denominator: judged.denominator, value: judged.value, met: judged.met, evidenceNote: null,
            ...(judged.breakdown ? { breakdown: judged.breakdown } : {}),
          };
        } else {
          const v = manual.get(n.id);
          const value = v ? v.value : null;
          r = {
            nodeId: n.id, title: n.title, path, source: 'MANUAL', definitionKey: null, partnerType: null, operator: n.operator, target: n.target,
            numerator: null, denominator: null, value, met: meets(n.operator, value, n.target), evidenceNote: v?.evidenceNote ?? null,
            ...(v ? { valueVersion: v.version } : {}),
          };
        }
        out.indicator = r;
        indicators.push(r);
      }
      for (const c of n.children) out.children.push(await walk(c, [...path, n.title]));
      return out;
    };
    const roots: ReportNode[] = [];
    for (const n of tree) roots.push(await walk(n, []));
    return {
      planId: p.id, title: p.title, periodFrom: p.periodFrom, periodTo: p.periodTo, from: period.from, to: period.to, year: isWholeYear(period),
      source: 'LIVE', computedAt: new Date().toISOString(), closedAt: null, nodes: roots, indicators,
    };
  }

  // ─── Helpers ──────────────────────────────────────────────────────────────────────────────────────────────────────

  /** A plan of the tenant, else 404 (audited as DENIED). */
  private async plan(em: EntityManager, tenantId: string, id: string): Promise<Plan> {
    const p = await em.getRepository(Plan).findOneBy({ id, tenantId });
    if (!p) throw notVisible('Plan', id);
    return p;
  }

  private async node(em: EntityManager, tenantId: string, planId: string, id: string): Promise<PlanNode> {
    const n = await em.getRepository(PlanNode).findOneBy({ id, planId, tenantId });
    if (!n) throw notVisible('PlanNode', id);
    return n;
  }

  private nodes(em: EntityManager, planId: string): Promise<PlanNode[]> {
    return em.getRepository(PlanNode).find({ where: { planId }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  /** The closed snapshot of a year in force (not reopened), if any. */
  private async snapshot(em: EntityManager, planId: string, year: number): Promise<IndicatorSnapshot | null> {
    return em.getRepository(IndicatorSnapshot).findOneBy({ planId, year, kind: 'CLOSED', reopenedAt: IsNull() });
  }

  private async view(em: EntityManager, tenantId: string, id: string): Promise<PlanView> {
    return toPlanView(await this.plan(em, tenantId, id), await this.nodes(em, id));
  }

  private async insertNode(
    em: EntityManager, tenantId: string, planId: string, parentId: string | null,
    n: { kind: NodeKind; title: string; position: number | null; definitionKey: string | null; operator: string | null; target: number | null; partnerType: string | null },
  ): Promise<string> {
    const [{ id }] = await em.query(
      `INSERT INTO plan_nodes (tenant_id, plan_id, parent_id, kind, position, title, definition_key, operator, target, partner_type)
       VALUES ($1, $2, $3, $4,
               coalesce($5, (SELECT coalesce(max(position), 0) + 1 FROM plan_nodes WHERE plan_id = $2 AND parent_id IS NOT DISTINCT FROM $3::uuid)),
               $6, $7, $8, $9, $10)
       RETURNING id`,
      [tenantId, planId, parentId, n.kind, n.position, n.title, n.definitionKey, n.operator, n.target, n.partnerType],
    );
    return id;
  }
}

const figures = (r: ReportIndicator): ReportFigures => ({ numerator: r.numerator, denominator: r.denominator, value: r.value, target: r.target, met: r.met });

/** Puts the other report's figures beside each indicator of `report` (matched by node) where they differ. */
function besides(report: PlanReport, other: PlanReport, as: 'current' | 'reported'): void {
  const theirs = new Map(other.indicators.map((r) => [r.nodeId, figures(r)]));
  const ours: ReportIndicator[] = [...report.indicators];
  const walk = (n: ReportNode) => {
    if (n.indicator) ours.push(n.indicator);
    n.children.forEach(walk);
  };
  report.nodes.forEach(walk); // a stored report's tree holds its own copies of the indicators
  for (const r of ours) {
    const f = theirs.get(r.nodeId);
    if (f && JSON.stringify(f) !== JSON.stringify(figures(r))) r[as] = f;
  }
}

/** Puts each indicator's comment for the year beside it, in the list and in the tree (a stored report has its own copies). */
export function withComments(report: PlanReport, comments: Map<string, CommentView>): void {
  const put = (r: ReportIndicator) => {
    const c = comments.get(r.nodeId);
    if (c) r.comment = c;
  };
  report.indicators.forEach(put);
  const walk = (n: ReportNode) => {
    if (n.indicator) put(n.indicator);
    n.children.forEach(walk);
  };
  report.nodes.forEach(walk);
}

function checkPlanPeriod(from: string, to: string): void {
  if (from > to) throw invalid([{ field: 'periodTo', message: 'periodTo must not be before periodFrom' }]);
}

/** `?year=` (a calendar year) or `?from=&to=` (a period), exactly one of the two. */
export function parseReportPeriod(q: ReportQuery): { period: Period; year: number | null } {
  if (q.year !== undefined) {
    if (q.from !== undefined || q.to !== undefined) throw invalid([{ field: 'year', message: 'give either year or from and to' }]);
    if (!/^\d{4}$/.test(q.year) || Number(q.year) < 1900 || Number(q.year) > 2200) throw invalid([{ field: 'year', message: 'year must be a year like 2026' }]);
    const year = Number(q.year);
    return { period: yearPeriod(year), year };
  }
  if (q.from === undefined && q.to === undefined) throw invalid([{ field: 'year', message: 'give year, or from and to' }]);
  const period = parsePeriod(q);
  return { period, year: isWholeYear(period) };
}

/** Field paths of a structure's nodes (`phenomena[0].strategicObjectives[1]…`), by flattened index. */
function structurePaths(s: Pick<StructureInput, 'phenomena'>): string[] {
  const out: string[] = [];
  s.phenomena.forEach((p, i) => {
    const a = `phenomena[${i}]`;
    out.push(a);
    p.strategicObjectives.forEach((so, j) => {
      const b = `${a}.strategicObjectives[${j}]`;
      out.push(b);
      so.operationalObjectives.forEach((oo, k) => {
        const c = `${b}.operationalObjectives[${k}]`;
        out.push(c);
        oo.expectedResults.forEach((r, l) => {
          const d = `${c}.expectedResults[${l}]`;
          out.push(d);
          r.indicators.forEach((_, m) => out.push(`${d}.indicators[${m}]`));
        });
      });
    });
  });
  return out;
}
