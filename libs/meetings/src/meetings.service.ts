import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { abilityToSqlWhere, Actor, AppAbility, as, toPositional } from '@kernteam/access';
import { AgreementsService } from '@kernteam/agreements';
import { AuditService } from '@kernteam/audit';
import { DOSSIER_SQL_FIELDS, DossiersService } from '@kernteam/dossiers';
import { brusselsDate, conflict, domainRule, FieldError, IdView, invalid, invalidTransition, notAllowed, notVisible, Page, staleVersion } from '@kernteam/http';
import { OutboxService } from '@kernteam/jobs';
import { TenantDb } from '@kernteam/persistence';
import { acceptedEventTypes, step, WorkflowWriter } from '@kernteam/workflow';
import type { AddAgendaItemDto, AttendanceDto, CreateMeetingDto, MeetingListQuery, MeetingTransitionDto, OutcomeDto, UpdateMeetingDto } from './meeting.dto';
import { MeetingEvents } from './meeting-events.service';
import type { MeetingChangeKind } from './meeting-events.view';
import { AGENDA_OPEN_STATES, ATTENDANCE_STATES, MEETING_EVENTS, MeetingEvent, meetingMachine, MeetingState } from './meeting.machine';
import { AGENDA_ITEM_SQL_FIELDS, expectedPartnersSql, MEETING_SQL_FIELDS } from './meeting.policy';
import { AgendaItemView, MeetingRow, MeetingSummaryView, MeetingView, toMeetingSummary } from './meeting.view';

export const MEETING_COLUMNS = `m.id, m.tenant_id, m.scheduled_at, m.location, m.state, m.chair_user_id, m.present_partner_ids,
  m.minutes_approved_at, m.minutes_approved_by, m.version, m.created_at, m.updated_at`;

/** The CASL subject of a meeting (see meeting.policy.ts). */
export interface MeetingSubject {
  tenantId: string;
  state: string;
  chairUserId: string | null;
  presentPartnerIds: string[];
  expectedPartnerIds: string[];
}

interface ItemRow {
  id: string;
  meeting_id: string;
  dossier_id: string;
  reference: string;
  position: number;
  outcome: 'DISCUSSED' | 'POSTPONED' | null;
  summary: string | null;
  shared_agreements: boolean;
  dossier_visible: boolean;
}

@Injectable()
export class MeetingsService {
  constructor(
    private readonly db: TenantDb,
    private readonly writer: WorkflowWriter,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly dossiers: DossiersService,
    private readonly agreements: AgreementsService,
    private readonly events: MeetingEvents,
  ) {}

  async create(actor: Actor, ability: AppAbility, dto: CreateMeetingDto): Promise<MeetingView> {
    return this.db.tx(actor, async (em) => {
      const chairUserId = dto.chairUserId ? dto.chairUserId.toLowerCase() : actor.role === 'chair' ? actor.id : null;
      if (dto.chairUserId) await this.checkChair(em, actor.tenantId, chairUserId!);
      const initial = meetingMachine.config.initial as MeetingState;
      const [{ id }] = await em.query(
        `INSERT INTO meetings (tenant_id, scheduled_at, location, state, chair_user_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [actor.tenantId, dto.scheduledAt, dto.location?.trim() || null, initial, chairUserId],
      );
      await this.writer.created(em, { entityType: 'Meeting', entityId: id, actor, event: 'PLAN', toState: initial });
      const { m, subject } = await this.visible(em, actor, ability, id);
      return this.view(em, ability, m, subject);
    });
  }

  async list(actor: Actor, ability: AppAbility, q: MeetingListQuery): Promise<Page<MeetingSummaryView>> {
    if (q.from && q.to && q.from > q.to) throw invalid([{ field: 'to', message: 'to must not be before from' }]);
    const where = toPositional(abilityToSqlWhere(ability, 'read', 'Meeting', MEETING_SQL_FIELDS), 2);
    const params: unknown[] = [actor.tenantId, ...where.values];
    const filters = ['m.tenant_id = $1', where.sql];
    const brusselsDay = `(m.scheduled_at AT TIME ZONE 'Europe/Brussels')::date`;
    if (q.from) filters.push(`${brusselsDay} >= $${params.push(q.from)}`);
    if (q.to) filters.push(`${brusselsDay} <= $${params.push(q.to)}`);
    if (q.state) filters.push(`m.state = $${params.push(q.state)}`);
    const whereSql = filters.join(' AND ');
    return this.db.tx(actor, async (em) => {
      const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM meetings m WHERE ${whereSql}`, params);
      const rows: MeetingRow[] = await em.query(
        `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE ${whereSql} ORDER BY m.scheduled_at, m.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
        params,
      );
      await this.audit.record(em, actor, 'meeting.list', null, { returned: rows.length, total });
      // Transition rules depend on the tenant only, so the list needs no expected partners to compute allowed events.
      return { items: rows.map((m) => toMeetingSummary(m, this.allowedEvents(ability, this.subjectOf(m, [])))), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async get(actor: Actor, ability: AppAbility, id: string): Promise<MeetingView> {
    return this.db.tx(actor, async (em) => {
      const { m, subject } = await this.visible(em, actor, ability, id);
      const view = await this.view(em, ability, m, subject);
      await this.audit.record(em, actor, 'meeting.read', { type: 'Meeting', id: id }, { items: view.agenda.length });
      return view;
    });
  }

  /** Date, place and chair, while the meeting is only planned (once invitations went out, cancel and plan anew). */
  async update(actor: Actor, ability: AppAbility, id: string, dto: UpdateMeetingDto): Promise<MeetingView> {
    return this.db.tx(actor, async (em) => {
      const { m, subject } = await this.visible(em, actor, ability, id, true);
      this.mayUpdate(ability, subject, id);
      if (dto.version !== Number(m.version)) throw staleVersion();
      if (m.state !== 'GEPLAND') throw conflict(`A meeting in state ${m.state} cannot be rescheduled; participants were invited. Cancel it and plan a new one.`);
      if (dto.chairUserId) await this.checkChair(em, actor.tenantId, dto.chairUserId.toLowerCase());
      await em.query(
        `UPDATE meetings SET scheduled_at = $2, location = $3, chair_user_id = $4, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, dto.scheduledAt ?? m.scheduled_at, dto.location === undefined ? m.location : dto.location?.trim() || null,
          dto.chairUserId === undefined ? m.chair_user_id : dto.chairUserId?.toLowerCase() ?? null],
      );
      await this.events.changed(em, actor.tenantId, id, 'details');
      const fields = Object.keys(dto).filter((k) => k !== 'version');
      await this.audit.record(em, actor, 'meeting.update', { type: 'Meeting', id: id }, { fields: fields.join(',') });
      const after = await this.visible(em, actor, ability, id);
      return this.view(em, ability, after.m, after.subject);
    });
  }

  async addAgendaItem(actor: Actor, ability: AppAbility, id: string, dto: AddAgendaItemDto): Promise<IdView> {
    return this.db.tx(actor, async (em) => {
      const { m, subject } = await this.visible(em, actor, ability, id, true);
      this.mayUpdate(ability, subject, id);
      if (!AGENDA_OPEN_STATES.includes(m.state as MeetingState)) {
        throw conflict(`The agenda of a meeting in state ${m.state} can no longer change.`);
      }
      const d = await this.dossiers.visible(em, actor, ability, dto.dossierId.toLowerCase());
      const [already] = await em.query(`SELECT id FROM agenda_items WHERE meeting_id = $1 AND dossier_id = $2`, [id, d.id]);
      if (already) throw conflict('This dossier is already on the agenda of this meeting.');
      if (d.state === 'GEAGENDEERD') throw conflict('This dossier is already on the agenda of another meeting.');
      if (d.state !== 'WEERHOUDEN' && d.state !== 'IN_OPVOLGING') {
        throw conflict(`Only a dossier in state WEERHOUDEN or IN_OPVOLGING can be put on an agenda; this one is ${d.state}.`);
      }
      const [{ position }] = await em.query(`SELECT coalesce(max(position), 0) + 1 AS position FROM agenda_items WHERE meeting_id = $1`, [id]);
      const [{ id: itemId }] = await em.query(
        `INSERT INTO agenda_items (tenant_id, meeting_id, dossier_id, position) VALUES ($1, $2, $3, $4) RETURNING id`,
        [actor.tenantId, id, d.id, position],
      );
      await this.dossiers.apply(em, actor, d, { type: 'PUT_ON_AGENDA' });
      await this.bump(em, actor, id, 'agenda');
      await this.audit.record(em, actor, 'meeting.agenda.add', { type: 'Meeting', id: id }, { agendaItemId: itemId, dossierId: d.id });
      // Invitations already went out: the job invites the partners this dossier adds (once each; the others are skipped).
      if (m.state === 'AGENDA_VASTGELEGD') await this.outbox.add(em, actor.tenantId, 'meeting.invite', { meetingId: id });
      return { id: itemId };
    });
  }

  async removeAgendaItem(actor: Actor, ability: AppAbility, id: string, itemId: string): Promise<void> {
    await this.db.tx(actor, async (em) => {
      const { m, subject } = await this.visible(em, actor, ability, id, true);
      this.mayUpdate(ability, subject, id);
      const [item] = await em.query(`SELECT id, dossier_id FROM agenda_items WHERE id = $1 AND meeting_id = $2`, [itemId, id]);
      if (!item) throw notVisible('AgendaItem', itemId);
      if (!AGENDA_OPEN_STATES.includes(m.state as MeetingState)) {
        throw conflict(`The agenda of a meeting in state ${m.state} can no longer change.`);
      }
      const d = await this.dossiers.byId(em, actor.tenantId, item.dossier_id);
      if (d.state === 'GEAGENDEERD') await this.dossiers.apply(em, actor, d, { type: 'TAKE_OFF_AGENDA' });
      await em.query(`DELETE FROM agenda_items WHERE id = $1`, [itemId]);
      await this.bump(em, actor, id, 'agenda');
      await this.audit.record(em, actor, 'meeting.agenda.remove', { type: 'Meeting', id: id }, { agendaItemId: itemId, dossierId: item.dossier_id });
    });
  }

  async setAttendance(actor: Actor, ability: AppAbility, id: string, dto: AttendanceDto): Promise<MeetingView> {
    return this.db.tx(actor, async (em) => {
      const { m, subject } = await this.visible(em, actor, ability, id, true);
      this.mayUpdate(ability, subject, id);
      if (!ATTENDANCE_STATES.includes(m.state as MeetingState)) {
        throw conflict(`Attendance of a meeting in state ${m.state} can no longer change.`);
      }
      const ids = [...new Set(dto.presentPartnerIds.map((p) => p.toLowerCase()))];
      await this.checkPartners(em, actor.tenantId, ids, 'presentPartnerIds');
      const removed = (m.present_partner_ids ?? []).filter((p) => !ids.includes(p));
      if (removed.length) {
        const endorsed = await em.query(
          `SELECT DISTINCT e.partner_id FROM endorsements e JOIN agenda_items ai ON ai.id = e.agenda_item_id
            WHERE ai.meeting_id = $1 AND e.partner_id = ANY($2::uuid[])`,
          [id, removed],
        );
        if (endorsed.length) {
          throw domainRule('A partner who already endorsed (or made a reservation on) an agenda item cannot be marked absent.', [
            { field: 'presentPartnerIds', message: `missing partner(s) with endorsements: ${endorsed.map((r: { partner_id: string }) => r.partner_id).join(', ')}` },
          ]);
        }
      }
      await em.query(`UPDATE meetings SET present_partner_ids = $2::uuid[], version = version + 1, updated_at = now() WHERE id = $1`, [id, ids]);
      await this.events.changed(em, actor.tenantId, id, 'attendance');
      await this.audit.record(em, actor, 'meeting.attendance', { type: 'Meeting', id: id }, { present: ids.length });
      const after = await this.visible(em, actor, ability, id);
      return this.view(em, ability, after.m, after.subject);
    });
  }

  /**
   * Records (or corrects) an item's outcome while the meeting is in session.
   *
   * Re-recording is allowed as long as it does not undo a dossier move: POSTPONED → POSTPONED or DISCUSSED, and
   * DISCUSSED → DISCUSSED (correcting agreements and endorsements, replaced as a whole) are accepted; DISCUSSED →
   * POSTPONED is refused (409), because DISCUSSED already moved the dossier to IN_OPVOLGING (its return state is
   * gone and its follow-up may have started), and a dossier's history is never rewritten. A correction is also
   * refused once one of the item's agreements has been started.
   */
  async recordOutcome(actor: Actor, ability: AppAbility, id: string, itemId: string, dto: OutcomeDto): Promise<AgendaItemView> {
    return this.db.tx(actor, async (em) => {
      const { m, subject } = await this.visible(em, actor, ability, id, true);
      this.mayUpdate(ability, subject, id);
      const [item]: { id: string; dossier_id: string; outcome: string | null }[] = await em.query(
        `SELECT id, dossier_id, outcome FROM agenda_items WHERE id = $1 AND meeting_id = $2 FOR UPDATE`, [itemId, id],
      );
      if (!item) throw notVisible('AgendaItem', itemId);
      if (m.state !== 'IN_ZITTING') throw conflict(`An outcome is recorded while the meeting is in session (IN_ZITTING); this meeting is ${m.state}.`);
      const agreements = dto.agreements ?? [];
      const endorsements = dto.endorsements ?? [];
      if (dto.outcome === 'POSTPONED' && (agreements.length || endorsements.length)) {
        throw domainRule('A postponed item records no agreements or endorsements.');
      }
      if (item.outcome === 'DISCUSSED' && dto.outcome === 'POSTPONED') {
        throw conflict('This item was discussed and its dossier moved to follow-up; it can no longer be marked postponed.');
      }
      // An action agreed in a meeting is not due before the day of that meeting (Brussels).
      const meetingDay = brusselsDate(new Date(m.scheduled_at));
      const early = agreements.flatMap((a, i) => (a.dueOn < meetingDay ? [{ field: `agreements.${i}.dueOn`, message: `dueOn must not be before the meeting's date (${meetingDay})` }] : []));
      if (early.length) throw invalid(early);
      this.checkEndorsements(endorsements, m.present_partner_ids ?? []);
      await this.checkPartners(em, actor.tenantId, [...new Set(agreements.map((a) => a.responsiblePartnerId.toLowerCase()))], 'agreements.responsiblePartnerId');

      const replaced = item.outcome !== null;
      let d = await this.dossiers.byId(em, actor.tenantId, item.dossier_id);
      // A correction belongs to the follow-up this discussion started; once the dossier has moved on (closed, or on
      // another agenda) it would give a closed dossier open agreements, so it is refused.
      if (item.outcome === 'DISCUSSED' && d.state !== 'IN_OPVOLGING') {
        throw domainRule(`The dossier has moved on since this discussion (it is now ${d.state}); its outcome can no longer be corrected.`);
      }
      if (item.outcome === 'DISCUSSED') await this.agreements.removeForItem(em, actor, item.id);
      await em.query(`DELETE FROM endorsements WHERE agenda_item_id = $1`, [item.id]);
      await em.query(
        `UPDATE agenda_items SET outcome = $2, summary = $3, outcome_recorded_at = now(), updated_at = now() WHERE id = $1`,
        [item.id, dto.outcome, dto.summary?.trim() || null],
      );
      if (dto.outcome === 'DISCUSSED') {
        await this.agreements.recordForItem(em, actor, { id: item.id, dossierId: item.dossier_id },
          agreements.map((a) => ({ description: a.description, responsiblePartnerId: a.responsiblePartnerId.toLowerCase(), dueOn: a.dueOn })));
        for (const e of endorsements) {
          await em.query(
            `INSERT INTO endorsements (tenant_id, agenda_item_id, partner_id, endorsed, note, created_at) VALUES ($1, $2, $3, $4, $5, clock_timestamp())`,
            [actor.tenantId, item.id, e.partnerId.toLowerCase(), e.endorsed, e.note?.trim() || null],
          );
        }
        if (item.outcome !== 'DISCUSSED') d = await this.dossiers.apply(em, actor, d, { type: 'DISCUSS' });
        // Responsible partners are involved in the dossier from now on, so they can see the work they were given.
        await this.dossiers.involve(em, actor, d, agreements.map((a) => a.responsiblePartnerId.toLowerCase()));
      }
      await this.bump(em, actor, id, 'outcome');
      await this.audit.record(em, actor, 'meeting.outcome', { type: 'Meeting', id: id }, { agendaItemId: item.id, dossierId: item.dossier_id, outcome: dto.outcome, agreements: agreements.length, endorsements: endorsements.length, replaced });
      const [view] = await this.items(em, ability, id, [item.id]);
      return view;
    });
  }

  async transition(actor: Actor, ability: AppAbility, id: string, dto: MeetingTransitionDto): Promise<MeetingView> {
    return this.db.tx(actor, async (em) => {
      const { m, subject } = await this.visible(em, actor, ability, id, true);
      if (!ability.can('transition', as('Meeting', subject), dto.event)) {
        throw notAllowed('Meeting', id, dto.event === 'APPROVE_MINUTES' ? 'Only the chair approves the minutes.' : undefined);
      }
      if (dto.version !== Number(m.version)) throw staleVersion();
      const items: { id: string; dossier_id: string; outcome: string | null }[] = await em.query(
        `SELECT id, dossier_id, outcome FROM agenda_items WHERE meeting_id = $1 ORDER BY position`, [id],
      );
      const event: MeetingEvent =
        dto.event === 'OPEN' ? { type: 'OPEN', presentCount: (m.present_partner_ids ?? []).length }
        : dto.event === 'CLOSE' ? { type: 'CLOSE', itemsWithoutOutcome: items.filter((i) => i.outcome === null).length }
        : { type: dto.event };
      const result = step(meetingMachine, m.state, {}, event as MeetingEvent & Record<string, unknown>);
      if (!result.ok && result.problem === 'NOT_ACCEPTED') throw invalidTransition(dto.event, m.state);
      if (!result.ok) {
        throw domainRule(event.type === 'OPEN'
          ? 'Record the attendance first: at least one partner must be present to open the session.'
          : `Every agenda item needs an outcome before the meeting closes; ${items.filter((i) => i.outcome === null).length} have none.`);
      }
      const set: Record<string, unknown> = {};
      if (dto.event === 'APPROVE_MINUTES') Object.assign(set, { minutes_approved_at: new Date(), minutes_approved_by: actor.id });
      await this.writer.persist(em, {
        table: 'meetings', entityType: 'Meeting', entityId: id, actor, version: dto.version, event: dto.event,
        fromState: m.state, toState: result.state, set, payload: { agendaItems: items.length },
      });
      await this.events.changed(em, actor.tenantId, id, 'transition');
      if (dto.event === 'FINALIZE_AGENDA') await this.outbox.add(em, actor.tenantId, 'meeting.invite', { meetingId: id });
      // Dossiers that leave the agenda undiscussed go back where they came from.
      const returning = dto.event === 'CANCEL' ? items : dto.event === 'CLOSE' ? items.filter((i) => i.outcome === 'POSTPONED') : [];
      for (const i of returning) {
        const d = await this.dossiers.byId(em, actor.tenantId, i.dossier_id);
        if (d.state === 'GEAGENDEERD') await this.dossiers.apply(em, actor, d, { type: 'TAKE_OFF_AGENDA' });
      }
      if (dto.event === 'CANCEL' && m.state === 'AGENDA_VASTGELEGD') {
        await this.outbox.add(em, actor.tenantId, 'meeting.cancel-notice', { meetingId: id });
      }
      const after = await this.visible(em, actor, ability, id);
      return this.view(em, ability, after.m, after.subject);
    });
  }

  /** The same check as reading the meeting (404 when it is not visible), without reading it: before its event stream opens. */
  async assertVisible(actor: Actor, ability: AppAbility, id: string): Promise<void> {
    await this.db.tx(actor, (em) => this.visible(em, actor, ability, id));
  }

  /** A meeting the caller may read (404 otherwise, also when it exists), optionally locked for a change. */
  async visible(em: EntityManager, actor: Actor, ability: AppAbility, id: string, lock = false): Promise<{ m: MeetingRow; subject: MeetingSubject }> {
    const [m]: MeetingRow[] = await em.query(
      `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.id = $1 AND m.tenant_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, actor.tenantId],
    );
    if (!m) throw notVisible('Meeting', id);
    const subject = this.subjectOf(m, await this.expectedPartnerIds(em, id));
    if (!ability.can('read', as('Meeting', subject))) throw notVisible('Meeting', id);
    return { m, subject };
  }

  /** Partners expected at the meeting: involved in an agenda dossier, or invited to every meeting (active ones). */
  async expectedPartnerIds(em: EntityManager, meetingId: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT e.id FROM meetings m CROSS JOIN LATERAL (${expectedPartnersSql('m')}) e WHERE m.id = $1`, [meetingId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Agenda items with outcome, agreements, endorsements and `sharedAgreements`: those of dossiers the caller may read,
   * and those the caller's partner was present for (what they heard: AgendaItem rules of meeting.policy.ts).
   */
  async items(em: EntityManager, ability: AppAbility, meetingId: string, onlyIds?: string[]): Promise<AgendaItemView[]> {
    const dossierWhere = toPositional(abilityToSqlWhere(ability, 'read', 'Dossier', DOSSIER_SQL_FIELDS), 2);
    const heardWhere = toPositional(abilityToSqlWhere(ability, 'read', 'AgendaItem', AGENDA_ITEM_SQL_FIELDS, 'heard'), 2 + dossierWhere.values.length);
    const params: unknown[] = [meetingId, ...dossierWhere.values, ...heardWhere.values];
    const only = onlyIds ? ` AND ai.id = ANY($${params.push(onlyIds)}::uuid[])` : '';
    // sharedAgreements comes from the `discussions` view, the one definition of DESIGN.md §5 (never restated here).
    const rows: ItemRow[] = await em.query(
      `SELECT ai.id, ai.meeting_id, ai.dossier_id, d.reference, ai.position, ai.outcome, ai.summary,
              coalesce(disc.shared_agreements, false) AS shared_agreements, coalesce(${dossierWhere.sql}, false) AS dossier_visible
         FROM agenda_items ai
         JOIN meetings m ON m.id = ai.meeting_id
         JOIN dossiers d ON d.id = ai.dossier_id
         LEFT JOIN discussions disc ON disc.agenda_item_id = ai.id
        WHERE ai.meeting_id = $1 AND (${dossierWhere.sql} OR ${heardWhere.sql})${only}
        ORDER BY ai.position`,
      params,
    );
    const ids = rows.map((r) => r.id);
    const agreements = await this.agreements.forItems(em, ability, ids);
    const endorsements: { agenda_item_id: string; partner_id: string; endorsed: boolean; note: string | null }[] = ids.length
      ? await em.query(`SELECT agenda_item_id, partner_id, endorsed, note FROM endorsements WHERE agenda_item_id = ANY($1::uuid[]) ORDER BY created_at, partner_id`, [ids])
      : [];
    return rows.map((r) => ({
      id: r.id,
      meetingId: r.meeting_id,
      dossierId: r.dossier_id,
      dossierReference: r.reference,
      position: Number(r.position),
      outcome: r.outcome,
      summary: r.summary,
      agreements: agreements.get(r.id) ?? [],
      endorsements: endorsements.filter((e) => e.agenda_item_id === r.id).map((e) => ({ partnerId: e.partner_id, endorsed: e.endorsed, note: e.note })),
      sharedAgreements: r.shared_agreements === true,
      dossierVisible: r.dossier_visible === true,
    }));
  }

  subjectOf(m: MeetingRow, expectedPartnerIds: string[]): MeetingSubject {
    return {
      tenantId: m.tenant_id, state: m.state, chairUserId: m.chair_user_id, presentPartnerIds: m.present_partner_ids ?? [], expectedPartnerIds,
    };
  }

  private async view(em: EntityManager, ability: AppAbility, m: MeetingRow, subject: MeetingSubject): Promise<MeetingView> {
    return { ...toMeetingSummary(m, this.allowedEvents(ability, subject)), agenda: await this.items(em, ability, m.id) };
  }

  private allowedEvents(ability: AppAbility, subject: MeetingSubject): string[] {
    const accepted = acceptedEventTypes(meetingMachine, subject.state);
    return MEETING_EVENTS.filter((e) => accepted.includes(e) && ability.can('transition', as('Meeting', subject), e));
  }

  private mayUpdate(ability: AppAbility, subject: MeetingSubject, id: string): void {
    if (!ability.can('update', as('Meeting', subject))) throw notAllowed('Meeting', id);
  }

  /** The agenda or an outcome changed: a client holding the old version must reload before a transition; live viewers re-read. */
  private async bump(em: EntityManager, actor: Actor, id: string, kind: MeetingChangeKind): Promise<void> {
    await em.query(`UPDATE meetings SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
    await this.events.changed(em, actor.tenantId, id, kind);
  }

  private checkEndorsements(endorsements: { partnerId: string; endorsed: boolean; note?: string }[], present: string[]): void {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    endorsements.forEach((e, i) => {
      const p = e.partnerId.toLowerCase();
      if (seen.has(p)) errors.push({ field: `endorsements.${i}.partnerId`, message: 'one endorsement per partner' });
      seen.add(p);
      if (!present.includes(p)) errors.push({ field: `endorsements.${i}.partnerId`, message: 'only a partner present at the meeting endorses its agreements' });
      if (!e.endorsed && !e.note?.trim()) errors.push({ field: `endorsements.${i}.note`, message: 'a reservation needs a note saying why' });
    });
    if (errors.length) throw domainRule('The endorsements do not fit the meeting: see errors.', errors);
  }

  private async checkPartners(em: EntityManager, tenantId: string, ids: string[], field: string): Promise<void> {
    if (!ids.length) return;
    const rows: { id: string; active: boolean }[] = await em.query(`SELECT id, active FROM partners WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
    if (rows.length !== ids.length) throw invalid([{ field, message: `${field} names a partner that does not exist in this tenant` }]);
    if (rows.some((r) => !r.active)) throw domainRule('An inactive partner cannot take part.', [{ field, message: 'partner is inactive' }]);
  }

  private async checkChair(em: EntityManager, tenantId: string, userId: string): Promise<void> {
    const ok = await em.query(`SELECT 1 FROM users WHERE id = $1 AND tenant_id = $2 AND role = 'chair' AND active`, [userId, tenantId]);
    if (!ok.length) throw invalid([{ field: 'chairUserId', message: 'chairUserId names no active chair of this tenant' }]);
  }
}
