import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { abilityToSqlWhere, Actor, AppAbility, as, toPositional } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { DOSSIER_SQL_FIELDS, DossiersService } from '@kernteam/dossiers';
import { conflict, domainRule, invalidTransition, notAllowed, notVisible, Page, Problem, staleVersion } from '@kernteam/http';
import { OutboxService } from '@kernteam/jobs';
import { TenantDb } from '@kernteam/persistence';
import { acceptedEventTypes, step, WorkflowWriter } from '@kernteam/workflow';
import type { CreateFeedbackSheetDto, FeedbackApprovalDto, FeedbackSheetListQuery, FeedbackSheetTransitionDto, UpdateFeedbackSheetDto } from './feedback-sheet.dto';
import { FEEDBACK_SHEET_USER_EVENTS, FeedbackSheetEvent, feedbackSheetMachine, FeedbackSheetState } from './feedback-sheet.machine';
import { approverPartnersSql, FEEDBACK_SHEET_SQL_FIELDS } from './feedback-sheet.policy';
import { FeedbackSheetView, sheetSubject, SheetRow } from './feedback-sheet.view';

export const SHEET_SELECT = `
  SELECT f.id, f.tenant_id, f.dossier_id, f.agenda_item_id, ai.meeting_id, m.state AS meeting_state, f.state, f.content,
         f.no_secrets_confirmed, f.created_by, f.version, f.created_at, f.updated_at,
         array(${approverPartnersSql('f')} ORDER BY p.id) AS approver_partner_ids
    FROM feedback_sheets f
    JOIN agenda_items ai ON ai.id = f.agenda_item_id
    JOIN meetings m ON m.id = ai.meeting_id`;

/** A sheet is written once the discussion is over and who took part is final. */
const CLOSED_MEETING_STATES = ['AFGEROND', 'VERSLAG_GOEDGEKEURD'];

interface ApprovalRow { partner_id: string; approved: boolean; note: string | null; user_id: string; created_at: Date }

@Injectable()
export class FeedbackSheetsService {
  constructor(
    private readonly db: TenantDb,
    private readonly writer: WorkflowWriter,
    private readonly audit: AuditService,
    private readonly dossiers: DossiersService,
    private readonly outbox: OutboxService,
  ) {}

  async create(actor: Actor, ability: AppAbility, dossierId: string, dto: CreateFeedbackSheetDto): Promise<FeedbackSheetView> {
    return this.db.tx(actor, async (em) => {
      const d = await this.dossiers.visible(em, actor, ability, dossierId);
      if (!ability.can('create', as('FeedbackSheet', { tenantId: actor.tenantId }))) throw notAllowed('Dossier', dossierId);
      if (dto.noSecretsConfirmed !== true) throw this.secretsNotConfirmed();
      const [item]: { id: string; outcome: string | null; meeting_state: string }[] = await em.query(
        `SELECT ai.id, ai.outcome, m.state AS meeting_state FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id
          WHERE ai.id = $1 AND ai.dossier_id = $2`,
        [dto.agendaItemId.toLowerCase(), d.id],
      );
      if (!item) throw domainRule('agendaItemId names no agenda item of this dossier.', [{ field: 'agendaItemId', message: 'not an agenda item of this dossier' }]);
      if (item.outcome !== 'DISCUSSED') throw domainRule('A feedback sheet reports on a discussion; this agenda item was not discussed.');
      if (!CLOSED_MEETING_STATES.includes(item.meeting_state)) {
        throw domainRule('The meeting must be closed first: only then is it final which partners took part and must approve.');
      }
      const [open] = await em.query(
        `SELECT id FROM feedback_sheets WHERE agenda_item_id = $1 AND state IN ('CONCEPT', 'TER_GOEDKEURING')`, [item.id],
      );
      if (open) throw conflict('This discussion already has a feedback sheet in preparation or awaiting approval.');
      const initial = feedbackSheetMachine.config.initial as FeedbackSheetState;
      const [{ id }] = await em.query(
        `INSERT INTO feedback_sheets (tenant_id, dossier_id, agenda_item_id, state, content, no_secrets_confirmed, created_by)
         VALUES ($1, $2, $3, $4, $5, true, $6) RETURNING id`,
        [actor.tenantId, d.id, item.id, initial, dto.content, actor.id],
      );
      await this.writer.created(em, {
        entityType: 'FeedbackSheet', entityId: id, actor, event: 'DRAFT', toState: initial, payload: { dossierId: d.id, agendaItemId: item.id },
      });
      return this.view(em, ability, (await this.byId(em, actor.tenantId, id))!);
    });
  }

  async list(actor: Actor, ability: AppAbility, dossierId: string, page: number, pageSize: number): Promise<Page<FeedbackSheetView>> {
    const where = toPositional(abilityToSqlWhere(ability, 'read', 'FeedbackSheet', FEEDBACK_SHEET_SQL_FIELDS), 3);
    return this.db.tx(actor, async (em) => {
      await this.dossiers.visible(em, actor, ability, dossierId);
      const { items, total } = await this.page(em, ability, {
        filter: `f.tenant_id = $1 AND f.dossier_id = $2 AND ${where.sql}`, params: [actor.tenantId, dossierId, ...where.values],
        order: 'f.created_at DESC, f.id', page, pageSize,
      });
      await this.audit.append(em, {
        tenantId: actor.tenantId, actorId: actor.id, action: 'feedback_sheet.list', entityType: 'Dossier', entityId: dossierId, outcome: 'ALLOWED',
        ip: actor.ip, details: { returned: items.length },
      });
      return { items, total, page, pageSize };
    });
  }

  /**
   * Every sheet of the tenant the caller may read, e.g. those waiting for approval: filtered in SQL by the sheet rules
   * and by the rules of its dossier (a sheet is never seen without its dossier), newest change first.
   */
  async listAll(actor: Actor, ability: AppAbility, q: FeedbackSheetListQuery): Promise<Page<FeedbackSheetView>> {
    const sheetWhere = toPositional(abilityToSqlWhere(ability, 'read', 'FeedbackSheet', FEEDBACK_SHEET_SQL_FIELDS, 'sheet'), 2);
    const dossierWhere = toPositional(abilityToSqlWhere(ability, 'read', 'Dossier', DOSSIER_SQL_FIELDS, 'dossier'), 2 + sheetWhere.values.length);
    const params: unknown[] = [actor.tenantId, ...sheetWhere.values, ...dossierWhere.values];
    // The dossier's rules, or (an approver present at the discussion without access to the dossier) the approver's own partner.
    const dossierOrApprover = actor.partnerId
      ? `(${dossierWhere.sql} OR $${params.push(actor.partnerId)}::uuid IN (${approverPartnersSql('f')}))` : dossierWhere.sql;
    const filters = ['f.tenant_id = $1', sheetWhere.sql, dossierOrApprover];
    if (q.state) filters.push(`f.state = $${params.push(q.state)}`);
    if (q.awaitingMyDecision) {
      // Awaiting the caller's partner: the endorse rules allow it (TER_GOEDKEURING, partner an approver) and it has not decided.
      const endorse = toPositional(abilityToSqlWhere(ability, 'endorse', 'FeedbackSheet', FEEDBACK_SHEET_SQL_FIELDS, 'endorse'), params.length + 1);
      params.push(...endorse.values);
      const awaiting = actor.partnerId
        ? `(${endorse.sql} AND NOT EXISTS (SELECT 1 FROM feedback_sheet_approvals a WHERE a.sheet_id = f.id AND a.partner_id = $${params.push(actor.partnerId)}::uuid))`
        : 'false';
      filters.push(q.awaitingMyDecision === 'true' ? awaiting : `NOT ${awaiting}`);
    }
    return this.db.tx(actor, async (em) => {
      const { items, total } = await this.page(em, ability, {
        join: 'JOIN dossiers d ON d.id = f.dossier_id', filter: filters.join(' AND '), params, order: 'f.updated_at DESC, f.id', page: q.page, pageSize: q.pageSize,
      });
      await this.audit.record(em, actor, 'feedback_sheet.list', null, { returned: items.length, total });
      return { items, total, page: q.page, pageSize: q.pageSize };
    });
  }

  /** One page of sheets and their count; the approvals of the whole page in one query. */
  private async page(
    em: EntityManager, ability: AppAbility, q: { join?: string; filter: string; params: unknown[]; order: string; page: number; pageSize: number },
  ): Promise<{ items: FeedbackSheetView[]; total: number }> {
    const from = `${q.join ?? ''} WHERE ${q.filter}`;
    const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM feedback_sheets f ${from}`, q.params);
    const rows: SheetRow[] = await em.query(
      `${SHEET_SELECT} ${from} ORDER BY ${q.order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, q.params,
    );
    const approvals = await this.approvalsOf(em, rows.map((r) => r.id));
    return { items: rows.map((r) => this.toView(ability, r, approvals.get(r.id) ?? [])), total };
  }

  async get(actor: Actor, ability: AppAbility, id: string): Promise<FeedbackSheetView> {
    return this.db.tx(actor, async (em) => {
      const row = await this.visible(em, actor, ability, id);
      await this.audit.record(em, actor, 'feedback_sheet.read', { type: 'FeedbackSheet', id: id }, { state: row.state });
      return this.view(em, ability, row);
    });
  }

  async update(actor: Actor, ability: AppAbility, id: string, dto: UpdateFeedbackSheetDto): Promise<FeedbackSheetView> {
    return this.db.tx(actor, async (em) => {
      const row = await this.visible(em, actor, ability, id, true);
      if (!ability.can('update', as('FeedbackSheet', sheetSubject(row)))) throw notAllowed('FeedbackSheet', id);
      if (dto.version !== Number(row.version)) throw staleVersion();
      if (row.state !== 'CONCEPT') throw conflict(`Only a sheet in CONCEPT can be edited; this one is ${row.state}.`);
      if (dto.content !== undefined && dto.noSecretsConfirmed !== true) throw this.secretsNotConfirmed();
      await em.query(
        `UPDATE feedback_sheets SET content = $2, no_secrets_confirmed = $3, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, dto.content ?? row.content, dto.noSecretsConfirmed ?? row.no_secrets_confirmed],
      );
      await this.audit.record(em, actor, 'feedback_sheet.update', { type: 'FeedbackSheet', id: id }, { fields: Object.keys(dto).filter((k) => k !== 'version').join(',') });
      return this.view(em, ability, (await this.byId(em, actor.tenantId, id))!);
    });
  }

  async transition(actor: Actor, ability: AppAbility, id: string, dto: FeedbackSheetTransitionDto): Promise<FeedbackSheetView> {
    return this.db.tx(actor, async (em) => {
      const row = await this.visible(em, actor, ability, id, true);
      if (!ability.can('transition', as('FeedbackSheet', sheetSubject(row)))) throw notAllowed('FeedbackSheet', id);
      if (dto.version !== Number(row.version)) throw staleVersion();
      const event: FeedbackSheetEvent = {
        type: 'SUBMIT', noSecretsConfirmed: row.no_secrets_confirmed, hasContent: !!row.content?.trim(), approverCount: row.approver_partner_ids.length,
      };
      const result = step(feedbackSheetMachine, row.state, {}, event as FeedbackSheetEvent & Record<string, unknown>);
      if (!result.ok && result.problem === 'NOT_ACCEPTED') throw invalidTransition(dto.event, row.state);
      if (!result.ok) {
        if (!row.no_secrets_confirmed) throw this.secretsNotConfirmed();
        if (!row.approver_partner_ids.length) throw domainRule('No partner other than the police took part in the discussion, so nobody can approve the sheet.');
        throw domainRule('The sheet has no content.');
      }
      await this.writer.persist(em, {
        table: 'feedback_sheets', entityType: 'FeedbackSheet', entityId: id, actor, version: dto.version, event: dto.event,
        fromState: row.state, toState: result.state, payload: { dossierId: row.dossier_id, approvers: row.approver_partner_ids.length },
      });
      await this.outbox.add(em, actor.tenantId, 'feedback.request-approval', { sheetId: id });
      return this.view(em, ability, (await this.byId(em, actor.tenantId, id))!);
    });
  }

  /**
   * A partner's decision, given by one of its users. Any rejection makes the sheet AFGEWEZEN at once; it becomes
   * GOEDGEKEURD when the last approver approves (unanimity). Each partner decides once.
   */
  async approve(actor: Actor, ability: AppAbility, id: string, dto: FeedbackApprovalDto): Promise<FeedbackSheetView> {
    return this.db.tx(actor, async (em) => {
      const row = await this.visible(em, actor, ability, id, true);
      if (row.state !== 'TER_GOEDKEURING') throw conflict(`The sheet is not awaiting approval; it is ${row.state}.`);
      if (!actor.partnerId || !ability.can('endorse', as('FeedbackSheet', sheetSubject(row)))) {
        throw notAllowed('FeedbackSheet', id, 'Only a partner present at the discussion approves its feedback sheet.');
      }
      const [already] = await em.query(`SELECT id FROM feedback_sheet_approvals WHERE sheet_id = $1 AND partner_id = $2`, [id, actor.partnerId]);
      if (already) throw conflict('Your partner has already decided on this sheet.');
      await em.query(
        `INSERT INTO feedback_sheet_approvals (tenant_id, sheet_id, partner_id, approved, note, user_id) VALUES ($1, $2, $3, $4, $5, $6)`,
        [actor.tenantId, id, actor.partnerId, dto.approved, dto.note?.trim() || null, actor.id],
      );
      await this.audit.append(em, {
        tenantId: actor.tenantId, actorId: actor.id, action: 'feedback_sheet.approval', entityType: 'FeedbackSheet', entityId: id, outcome: 'ALLOWED',
        ip: actor.ip, details: { partnerId: actor.partnerId, approved: dto.approved },
      });
      const decided: { partner_id: string }[] = await em.query(`SELECT partner_id FROM feedback_sheet_approvals WHERE sheet_id = $1 AND approved`, [id]);
      const pending = row.approver_partner_ids.filter((p) => !decided.some((d) => d.partner_id === p)).length;
      const event: FeedbackSheetEvent | null = !dto.approved ? { type: 'REJECT' } : pending === 0 ? { type: 'APPROVE', pendingApprovals: 0 } : null;
      if (event) {
        const result = step(feedbackSheetMachine, row.state, {}, event as FeedbackSheetEvent & Record<string, unknown>);
        if (!result.ok) throw invalidTransition(event.type, row.state);
        await this.writer.persist(em, {
          table: 'feedback_sheets', entityType: 'FeedbackSheet', entityId: id, actor, version: Number(row.version), event: event.type,
          fromState: row.state, toState: result.state, payload: { dossierId: row.dossier_id },
        });
        // The police, its addressee, may read it from now on: tell its members (in-app), in this same transaction.
        if (result.state === 'GOEDGEKEURD') await this.outbox.add(em, actor.tenantId, 'feedback.approved', { sheetId: id });
      } else {
        await em.query(`UPDATE feedback_sheets SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      }
      return this.view(em, ability, (await this.byId(em, actor.tenantId, id))!);
    });
  }

  private async byId(em: EntityManager, tenantId: string, id: string, lock = false): Promise<SheetRow | undefined> {
    if (lock) await em.query(`SELECT 1 FROM feedback_sheets WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [id, tenantId]);
    const [row] = await em.query(`${SHEET_SELECT} WHERE f.id = $1 AND f.tenant_id = $2`, [id, tenantId]);
    return row;
  }

  /** A sheet whose dossier the caller may read and which the caller may read itself, else 404. */
  private async visible(em: EntityManager, actor: Actor, ability: AppAbility, id: string, lock = false): Promise<SheetRow> {
    const row = await this.byId(em, actor.tenantId, id, lock);
    if (!row) throw notVisible('FeedbackSheet', id);
    // An approver's partner was present at the discussion; it may decide without access to the dossier itself.
    const approver = !!actor.partnerId && row.approver_partner_ids.includes(actor.partnerId);
    if (!approver) {
      try {
        await this.dossiers.visible(em, actor, ability, row.dossier_id);
      } catch (e) {
        if (e instanceof Problem && e.httpStatus === 404) throw notVisible('FeedbackSheet', id);
        throw e;
      }
    }
    if (!ability.can('read', as('FeedbackSheet', sheetSubject(row)))) throw notVisible('FeedbackSheet', id);
    return row;
  }

  private async view(em: EntityManager, ability: AppAbility, r: SheetRow): Promise<FeedbackSheetView> {
    return this.toView(ability, r, (await this.approvalsOf(em, [r.id])).get(r.id) ?? []);
  }

  /** The decisions on these sheets, per sheet, in the order they were taken. */
  private async approvalsOf(em: EntityManager, sheetIds: string[]): Promise<Map<string, ApprovalRow[]>> {
    const byId = new Map<string, ApprovalRow[]>();
    if (!sheetIds.length) return byId;
    const rows: (ApprovalRow & { sheet_id: string })[] = await em.query(
      `SELECT sheet_id, partner_id, approved, note, user_id, created_at FROM feedback_sheet_approvals
        WHERE sheet_id = ANY($1::uuid[]) ORDER BY created_at, partner_id`, [sheetIds],
    );
    for (const a of rows) byId.set(a.sheet_id, [...(byId.get(a.sheet_id) ?? []), a]);
    return byId;
  }

  private toView(ability: AppAbility, r: SheetRow, approvals: ApprovalRow[]): FeedbackSheetView {
    const subject = as('FeedbackSheet', sheetSubject(r));
    const deliberation = ability.can('read', subject, 'deliberation');
    const accepted = acceptedEventTypes(feedbackSheetMachine, r.state);
    return {
      id: r.id,
      dossierId: r.dossier_id,
      agendaItemId: r.agenda_item_id,
      meetingId: r.meeting_id,
      state: r.state,
      version: Number(r.version),
      content: r.content,
      noSecretsConfirmed: r.no_secrets_confirmed,
      createdBy: r.created_by,
      approverPartnerIds: r.approver_partner_ids,
      pendingPartnerIds: r.state === 'TER_GOEDKEURING' ? r.approver_partner_ids.filter((p) => !approvals.some((a) => a.partner_id === p)) : [],
      approvals: approvals.map((a) => ({
        partnerId: a.partner_id, approved: a.approved, at: new Date(a.created_at).toISOString(),
        ...(deliberation ? { note: a.note, userId: a.user_id } : {}),
      })),
      allowedEvents: ability.can('transition', subject) ? FEEDBACK_SHEET_USER_EVENTS.filter((e) => accepted.includes(e)) : [],
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  }

  private secretsNotConfirmed(): Problem {
    return domainRule('Confirm that the sheet holds no professional secret shared in the meeting (art. 458ter Sw., GwH 52/2021).', [
      { field: 'noSecretsConfirmed', message: 'must be true' },
    ]);
  }
}
