import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { abilityToSqlWhere, Actor, AppAbility, as, toPositional } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { DossiersService } from '@kernteam/dossiers';
import { brusselsDate, conflict, invalid, invalidTransition, notAllowed, notVisible, Page, staleVersion } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { acceptedEventTypes, step, WorkflowWriter } from '@kernteam/workflow';
import type { AgreementListQuery, AgreementTransitionDto } from './agreement.dto';
import { AGREEMENT_EVENTS, AGREEMENT_OPEN_STATES, AgreementEvent, agreementMachine, AgreementState } from './agreement.machine';
import { AGREEMENT_SQL_FIELDS } from './agreement.policy';
import { agreementSubject, AgreementRow, AgreementView, toAgreementView } from './agreement.view';

/** Still to be carried out and past its due date (Brussels): one definition for the list's column and its filter. */
const OVERDUE_SQL = `(a.state IN (${AGREEMENT_OPEN_STATES.map((s) => `'${s}'`).join(', ')}) AND a.due_on < (now() AT TIME ZONE 'Europe/Brussels')::date)`;

/** An agreement's row with its dossier and agenda item; `overdue` is derived in SQL from the Brussels date. */
export const AGREEMENT_SELECT = `
  SELECT a.id, a.tenant_id, a.agenda_item_id, a.dossier_id, a.description, a.responsible_partner_id, a.due_on::text AS due_on,
         a.state, a.note, a.done_on::text AS done_on, a.version, a.created_at, a.updated_at,
         ${OVERDUE_SQL} AS overdue,
         ai.meeting_id, d.reference AS dossier_reference, d.state AS dossier_state,
         d.referring_partner_id AS dossier_referring_partner_id, d.involved_partner_ids AS dossier_involved_partner_ids
    FROM agreements a
    JOIN dossiers d ON d.id = a.dossier_id
    JOIN agenda_items ai ON ai.id = a.agenda_item_id`;

export interface AgreementSpec {
  description: string;
  responsiblePartnerId: string;
  dueOn: string;
}

type SystemActor = Pick<Actor, 'id' | 'tenantId' | 'ip'>;

@Injectable()
export class AgreementsService implements OnModuleInit {
  constructor(
    private readonly db: TenantDb,
    private readonly writer: WorkflowWriter,
    private readonly audit: AuditService,
    private readonly dossiers: DossiersService,
  ) {}

  onModuleInit(): void {
    this.dossiers.onClose((em, actor, d) => this.lapseForDossier(em, actor, d.id, d.closureReason).then(() => undefined));
  }

  async list(actor: Actor, ability: AppAbility, q: AgreementListQuery): Promise<Page<AgreementView>> {
    const where = toPositional(abilityToSqlWhere(ability, 'read', 'Agreement', AGREEMENT_SQL_FIELDS), 2);
    const params: unknown[] = [actor.tenantId, ...where.values];
    const filters = [`a.tenant_id = $1`, where.sql];
    const add = (sql: (n: number) => string, value: unknown) => filters.push(sql(params.push(value)));
    if (q.state) add((n) => `a.state = $${n}`, q.state);
    if (q.responsiblePartnerId) add((n) => `a.responsible_partner_id = $${n}`, q.responsiblePartnerId.toLowerCase());
    if (q.dossierId) add((n) => `a.dossier_id = $${n}`, q.dossierId.toLowerCase());
    if (q.dueBefore) add((n) => `a.due_on < $${n}::date`, q.dueBefore);
    if (q.overdue === 'true') filters.push(OVERDUE_SQL);
    if (q.overdue === 'false') filters.push(`NOT ${OVERDUE_SQL}`);
    const whereSql = filters.join(' AND ');
    return this.db.tx(actor, async (em) => {
      const [{ total }] = await em.query(
        `SELECT count(*)::int AS total FROM agreements a JOIN dossiers d ON d.id = a.dossier_id WHERE ${whereSql}`, params,
      );
      const rows: AgreementRow[] = await em.query(
        `${AGREEMENT_SELECT} WHERE ${whereSql} ORDER BY a.due_on, a.created_at, a.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
        params,
      );
      await this.audit.record(em, actor, 'agreement.list', null, { returned: rows.length, total });
      return { items: rows.map((r) => toAgreementView(r, this.allowedEvents(ability, r))), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async get(actor: Actor, ability: AppAbility, id: string): Promise<AgreementView> {
    return this.db.tx(actor, async (em) => {
      const row = await this.visible(em, actor, ability, id);
      await this.audit.record(em, actor, 'agreement.read', { type: 'Agreement', id: id });
      return toAgreementView(row, this.allowedEvents(ability, row));
    });
  }

  async transition(actor: Actor, ability: AppAbility, id: string, dto: AgreementTransitionDto): Promise<AgreementView> {
    return this.db.tx(actor, async (em) => {
      const row = await this.visible(em, actor, ability, id);
      if (!ability.can('transition', as('Agreement', agreementSubject(row)))) {
        throw notAllowed('Agreement', id, 'Only the casemanager and the responsible partner move an agreement.');
      }
      if (dto.version !== Number(row.version)) throw staleVersion();
      const today = brusselsDate();
      if (dto.doneOn !== undefined && dto.event !== 'COMPLETE') throw invalid([{ field: 'doneOn', message: 'doneOn is given with COMPLETE only' }]);
      if (dto.doneOn !== undefined && dto.doneOn > today) throw invalid([{ field: 'doneOn', message: 'doneOn must not be in the future' }]);
      const event = { type: dto.event, note: dto.note } as AgreementEvent;
      const result = step(agreementMachine, row.state, {}, event as AgreementEvent & Record<string, unknown>);
      if (!result.ok && result.problem === 'NOT_ACCEPTED') throw invalidTransition(dto.event, row.state);
      if (!result.ok) throw invalid([{ field: 'note', message: `note (the reason) is required for ${dto.event}` }]);
      const note = dto.note?.trim() ? dto.note.trim() : null;
      const set: Record<string, unknown> = {};
      if (note !== null) set.note = note;
      if (dto.event === 'COMPLETE') set.done_on = dto.doneOn ?? today;
      await this.writer.persist(em, {
        table: 'agreements', entityType: 'Agreement', entityId: id, actor, version: dto.version, event: dto.event,
        fromState: row.state, toState: result.state, reason: dto.event === 'FAIL' ? note : null, set,
        payload: { dossierId: row.dossier_id },
      });
      const after = await this.byId(em, actor.tenantId, id);
      return toAgreementView(after!, this.allowedEvents(ability, after!));
    });
  }

  /**
   * Closing a dossier lapses its agreements still open (VERVALLEN, the closure reason as the event's reason), in the
   * closing transaction: each through the machine, with its event, audit and outbox rows.
   */
  async lapseForDossier(em: EntityManager, actor: SystemActor, dossierId: string, closureReason: string | null): Promise<number> {
    const rows: { id: string; state: AgreementState; version: number }[] = await em.query(
      `SELECT id, state, version FROM agreements WHERE dossier_id = $1 AND tenant_id = $2 AND state = ANY($3::text[]) ORDER BY created_at, id FOR UPDATE`,
      [dossierId, actor.tenantId, [...AGREEMENT_OPEN_STATES]],
    );
    for (const r of rows) {
      const result = step(agreementMachine, r.state, {}, { type: 'LAPSE' });
      if (!result.ok) throw invalidTransition('LAPSE', r.state);
      await this.writer.persist(em, {
        table: 'agreements', entityType: 'Agreement', entityId: r.id, actor, version: Number(r.version), event: 'LAPSE',
        fromState: r.state, toState: result.state, reason: closureReason, payload: { dossierId },
      });
    }
    return rows.length;
  }

  /** Records the agreements of a discussion inside the meeting's transaction, each as the first event of its lifecycle. */
  async recordForItem(em: EntityManager, actor: SystemActor, item: { id: string; dossierId: string }, specs: AgreementSpec[]): Promise<string[]> {
    const initial = agreementMachine.config.initial as AgreementState;
    const ids: string[] = [];
    for (const s of specs) {
      const [{ id }] = await em.query(
        // clock_timestamp: agreements recorded together keep the order in which they were given.
        `INSERT INTO agreements (tenant_id, agenda_item_id, dossier_id, description, responsible_partner_id, due_on, state, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp()) RETURNING id`,
        [actor.tenantId, item.id, item.dossierId, s.description.trim(), s.responsiblePartnerId, s.dueOn, initial],
      );
      await this.writer.created(em, {
        entityType: 'Agreement', entityId: id, actor, event: 'AGREE', toState: initial,
        payload: { dossierId: item.dossierId, agendaItemId: item.id, responsiblePartnerId: s.responsiblePartnerId },
      });
      ids.push(id);
    }
    return ids;
  }

  /**
   * Removes the agreements of an agenda item so that a corrected outcome can replace them. Refused (409) once one of
   * them has been started or closed: follow-up that already happened is never rewritten.
   */
  async removeForItem(em: EntityManager, actor: SystemActor, agendaItemId: string): Promise<number> {
    const rows: { id: string; state: string; version: number }[] = await em.query(
      `SELECT id, state, version FROM agreements WHERE agenda_item_id = $1 AND tenant_id = $2 FOR UPDATE`, [agendaItemId, actor.tenantId],
    );
    if (rows.some((r) => r.state !== agreementMachine.config.initial || Number(r.version) !== 1)) {
      throw conflict('An agreement of this item is already being carried out; its outcome can no longer be replaced.');
    }
    if (!rows.length) return 0;
    await em.query(`DELETE FROM agreements WHERE agenda_item_id = $1 AND tenant_id = $2`, [agendaItemId, actor.tenantId]);
    for (const r of rows) {
      await this.audit.record(em, actor, 'agreement.delete', { type: 'Agreement', id: r.id }, { agendaItemId, reason: 'OUTCOME_REPLACED' });
    }
    return rows.length;
  }

  /** The agreements of some agenda items, for the meeting and minutes views (the caller already checked the meeting). */
  async forItems(em: EntityManager, ability: AppAbility, itemIds: string[]): Promise<Map<string, AgreementView[]>> {
    const byItem = new Map<string, AgreementView[]>();
    if (!itemIds.length) return byItem;
    const rows: AgreementRow[] = await em.query(`${AGREEMENT_SELECT} WHERE a.agenda_item_id = ANY($1::uuid[]) ORDER BY a.created_at, a.id`, [itemIds]);
    for (const r of rows) {
      const list = byItem.get(r.agenda_item_id) ?? [];
      list.push(toAgreementView(r, this.allowedEvents(ability, r)));
      byItem.set(r.agenda_item_id, list);
    }
    return byItem;
  }

  async byId(em: EntityManager, tenantId: string, id: string): Promise<AgreementRow | undefined> {
    const [row] = await em.query(`${AGREEMENT_SELECT} WHERE a.id = $1 AND a.tenant_id = $2`, [id, tenantId]);
    return row;
  }

  /** An agreement the caller may read, else 404 (also for one that exists but is not theirs to see). */
  private async visible(em: EntityManager, actor: Actor, ability: AppAbility, id: string): Promise<AgreementRow> {
    const row = await this.byId(em, actor.tenantId, id);
    if (!row || !ability.can('read', as('Agreement', agreementSubject(row)))) throw notVisible('Agreement', id);
    return row;
  }

  private allowedEvents(ability: AppAbility, r: AgreementRow): string[] {
    if (!ability.can('transition', as('Agreement', agreementSubject(r)))) return [];
    const accepted = acceptedEventTypes(agreementMachine, r.state);
    return AGREEMENT_EVENTS.filter((e) => accepted.includes(e));
  }
}
