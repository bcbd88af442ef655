import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { abilityToSqlWhere, Actor, AppAbility, as, toPositional } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { brusselsDate, domainRule, FieldError, invalid, invalidTransition, notAllowed, notVisible, Page, staleVersion } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { acceptedEventTypes, step, WorkflowWriter } from '@kernteam/workflow';
import { CreateContributionDto, CreateDossierDto, DossierListQuery, DossierTransitionDto, SetPartnersDto, UpdateDossierDto } from './dossier.dto';
import { Contribution, Dossier, Subject } from './dossier.entity';
import { DOSSIER_REASON_EVENTS, DOSSIER_STATES, DOSSIER_USER_EVENTS, DossierEvent, dossierMachine, DossierState, ReferredTo } from './dossier.machine';
import { CONTRIBUTION_SQL_FIELDS, DOSSIER_SQL_FIELDS } from './dossier.policy';
import { matchSecret, subjectMatchKey } from './subject-match-key';
import { SCREENING_QUESTIONS, screeningAnswersOf, screeningComplete, screeningSummary, ScreeningSummary } from './screening';
import { ContributionView, DossierView, HistoryEntry, toContributionView, toDossierView, toHistoryEntry } from './dossier.view';

/** Sort columns of the list; states sort in lifecycle order, not alphabetically. */
const DOSSIER_SORT_SQL = {
  reference: 'd.reference',
  receivedOn: 'd.received_on',
  state: `array_position(ARRAY[${DOSSIER_STATES.map((st) => `'${st}'`).join(',')}]::text[], d.state::text)`,
  updatedAt: 'd.updated_at',
} as const;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The columns of a dossier as the entity names them, for the reads on every request's path (get, list), which take
 * their SQL as written instead of building it each time (dates as text, like the entity's date columns).
 */
const DOSSIER_COLUMNS = `d.id, d.tenant_id AS "tenantId", d.reference, d.phenomenon, d.state, d.return_state AS "returnState",
  d.referring_partner_id AS "referringPartnerId", d.received_on::text AS "receivedOn", d.summary, d.casemanager_id AS "casemanagerId",
  d.involved_partner_ids AS "involvedPartnerIds", d.closure_reason AS "closureReason", d.municipality, d.version,
  d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.anonymised_at AS "anonymisedAt"`;

/** A dossier with its subject's columns (prefixed `s_`), in one statement. */
const DOSSIER_WITH_SUBJECT = `SELECT ${DOSSIER_COLUMNS}, s.id AS "s_id", s.first_name AS "s_firstName", s.last_name AS "s_lastName",
    s.birth_date::text AS "s_birthDate", s.gender AS "s_gender", s.municipality AS "s_municipality"
  FROM dossiers d LEFT JOIN subjects s ON s.dossier_id = d.id AND s.tenant_id = d.tenant_id
 WHERE d.id = $1 AND d.tenant_id = $2`;

type DossierWithSubjectRow = Dossier & { s_id: string | null; s_firstName: string | null; s_lastName: string | null; s_birthDate: string | null;
  s_gender: Subject['gender']; s_municipality: string | null };

function splitSubject(row: DossierWithSubjectRow): { dossier: Dossier; subject: Subject | null } {
  const { s_id, s_firstName, s_lastName, s_birthDate, s_gender, s_municipality, ...dossier } = row;
  const subject = s_id === null ? null : { id: s_id, tenantId: dossier.tenantId, dossierId: dossier.id, firstName: s_firstName, lastName: s_lastName,
    birthDate: s_birthDate, gender: s_gender, municipality: s_municipality };
  return { dossier: dossier as Dossier, subject };
}

type SystemActor = Pick<Actor, 'id' | 'tenantId' | 'ip'>;

/** The user events a state accepts: a fact of the machine, worked out once per state (a list of 50 asks it 50 times). */
const USER_EVENTS_BY_STATE = new Map<string, string[]>();
function userEventsIn(state: DossierState): string[] {
  let events = USER_EVENTS_BY_STATE.get(state);
  if (!events) {
    const accepted = acceptedEventTypes(dossierMachine, state);
    events = DOSSIER_USER_EVENTS.filter((e) => accepted.includes(e));
    USER_EVENTS_BY_STATE.set(state, events);
  }
  return [...events];
}

/**
 * Whether the caller may read every dossier of the tenant: a rule on the tenant alone and no rule that takes any away
 * (the casemanager's and the chair's), so the tenant's counts are the caller's.
 */
function seesWholeTenant(ability: AppAbility, tenantId: string): boolean {
  const rules = ability.rulesFor('read', 'Dossier');
  return !rules.some((r) => r.inverted || r.fields) && rules.some((r) => {
    const c = r.conditions as Record<string, unknown> | undefined;
    return !!c && Object.keys(c).length === 1 && c.tenantId === tenantId;
  });
}

/** A person is born before the signal about them came in (field named as the client sent it). */
const birthDateProblems = (birthDate: string | null | undefined, receivedOn: string): FieldError[] =>
  birthDate && birthDate >= receivedOn ? [{ field: 'subject.birthDate', message: `birthDate must be before receivedOn (${receivedOn})` }] : [];

/** Runs inside the transaction that closes `d` (already in AFGESLOTEN, with its new version). */
export type DossierCloseListener = (em: EntityManager, actor: SystemActor, d: Dossier) => Promise<void>;

@Injectable()
export class DossiersService {
  private readonly closeListeners: DossierCloseListener[] = [];

  constructor(private readonly db: TenantDb, private readonly writer: WorkflowWriter, private readonly audit: AuditService) {}

  async create(actor: Actor, ability: AppAbility, dto: CreateDossierDto): Promise<DossierView> {
    if (!ability.can('create', as('Dossier', { tenantId: actor.tenantId, referringPartnerId: dto.referringPartnerId }))) {
      // Audited as a refused Dossier without an id: the partner named is not the record that was refused.
      throw notAllowed('Dossier', null, 'A member registers a signal for their own partner only.');
    }
    const today = brusselsDate();
    const problems = birthDateProblems(dto.subject.birthDate, dto.receivedOn);
    if (dto.receivedOn > today) problems.unshift({ field: 'receivedOn', message: `receivedOn must not be after today (${today}, Europe/Brussels)` });
    if (problems.length) throw invalid(problems);
    return this.db.tx(actor, async (em) => {
      await this.checkPartners(em, actor.tenantId, [dto.referringPartnerId], 'referringPartnerId');
      const municipality = await this.checkMunicipality(em, actor.tenantId, dto.municipality, true);
      const id = await this.register(em, actor, {
        phenomenon: dto.phenomenon, referringPartnerId: dto.referringPartnerId, receivedOn: dto.receivedOn, summary: dto.summary,
        casemanagerId: actor.role === 'casemanager' ? actor.id : null, subject: dto.subject, municipality,
      });
      return this.view(em, ability, await this.byId(em, actor.tenantId, id));
    });
  }

  /**
   * Inserts a dossier with its subject (and the subject's match key) and records REGISTER, in the caller's transaction
   * and tenant. Used by POST /api/dossiers and by an accepted transfer (which names the transfer in `payload`).
   */
  async register(
    em: EntityManager, actor: SystemActor,
    // `municipality`: the dossier's, of the tenant's list (checked by the caller); a transferred dossier comes without one.
    f: { phenomenon: string; referringPartnerId: string; receivedOn: string; summary: string | null; casemanagerId: string | null; municipality?: string | null;
      subject: { firstName: string; lastName: string; birthDate?: string | null; gender?: string | null; municipality?: string | null } },
    payload: Record<string, string> = {},
  ): Promise<string> {
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(new Date()));
    const [{ last_value: n }] = await em.query(
      `INSERT INTO dossier_reference_counters (tenant_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = dossier_reference_counters.last_value + 1 RETURNING last_value`,
      [actor.tenantId, year],
    );
    const reference = `LIVC-${year}-${String(n).padStart(4, '0')}`;
    const initial = dossierMachine.config.initial as DossierState;
    const [{ id }] = await em.query(
      `INSERT INTO dossiers (tenant_id, reference, phenomenon, state, referring_partner_id, received_on, summary, casemanager_id, involved_partner_ids, municipality)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ARRAY[$5]::uuid[], $9) RETURNING id`,
      [actor.tenantId, reference, f.phenomenon, initial, f.referringPartnerId, f.receivedOn, f.summary, f.casemanagerId, f.municipality ?? null],
    );
    const s = { ...f.subject, firstName: f.subject.firstName.trim(), lastName: f.subject.lastName.trim() };
    await em.query(
      `INSERT INTO subjects (tenant_id, dossier_id, first_name, last_name, birth_date, gender, municipality, match_key) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [actor.tenantId, id, s.firstName, s.lastName, s.birthDate ?? null, s.gender ?? null, s.municipality?.trim() ?? null, subjectMatchKey(matchSecret(), s)],
    );
    await this.writer.created(em, { entityType: 'Dossier', entityId: id, actor, event: 'REGISTER', toState: initial, payload: { phenomenon: f.phenomenon, ...payload } });
    return id;
  }

  async list(actor: Actor, ability: AppAbility, q: DossierListQuery): Promise<Page<DossierView>> {
    const where = abilityToSqlWhere(ability, 'read', 'Dossier', DOSSIER_SQL_FIELDS);
    const scoped = toPositional(where, 2);
    const values: unknown[] = [actor.tenantId, ...scoped.values];
    const param = (v: unknown) => `$${values.push(v)}`;
    const conditions = ['d.tenant_id = $1', `(${scoped.sql})`];
    if (q.state) conditions.push(`d.state = ${param(q.state)}`);
    if (q.phenomenon) conditions.push(`d.phenomenon = ${param(q.phenomenon)}`);
    if (q.q?.trim()) {
      const like = param(`%${escapeLike(q.q.trim())}%`);
      // Names are searched only for callers who may see identities; the dossier filter above still applies.
      const byName = ability.can('read', 'Subject')
        ? ` OR EXISTS (SELECT 1 FROM subjects s WHERE s.dossier_id = d.id AND (s.first_name || ' ' || s.last_name) ILIKE ${like})`
        : '';
      conditions.push(`(d.reference ILIKE ${like}${byName})`);
    }
    if (q.casemanagerId) conditions.push(`d.casemanager_id = ${param(q.casemanagerId.toLowerCase())}`);
    if (q.involvedPartnerId) conditions.push(`${param(q.involvedPartnerId.toLowerCase())} = ANY(d.involved_partner_ids)`);
    const sort = q.sort ?? '-updatedAt';
    const [column, direction] = [DOSSIER_SORT_SQL[sort.replace(/^-/, '') as keyof typeof DOSSIER_SORT_SQL], sort.startsWith('-') ? 'DESC' : 'ASC'] as const;
    const filter = conditions.join(' AND ');
    const filterValues = [...values];
    // Whether each row may be moved on, by the same rules evaluated in SQL as the read filter above: a list would
    // otherwise run CASL's condition matching once per row.
    const movable = toPositional(abilityToSqlWhere(ability, 'transition', 'Dossier', DOSSIER_SQL_FIELDS, 'transition'), values.length + 1);
    values.push(...movable.values);
    return this.db.tx(actor, async (em) => {
      // No joins, so plain OFFSET/LIMIT; the id makes the order total, so paging never repeats or skips a row. With the
      // index on (tenant_id, updated_at DESC, id DESC), page 1 of the default order reads its rows, not the tenant.
      const rows: (Dossier & { movable: boolean })[] = await em.query(
        `SELECT ${DOSSIER_COLUMNS}, coalesce((${movable.sql}), false) AS movable FROM dossiers d WHERE ${filter}
          ORDER BY ${column} ${direction}, d.id ${direction} OFFSET ${param((q.page - 1) * q.pageSize)} LIMIT ${param(q.pageSize)}`,
        values,
      );
      const total = await this.total(em, actor, ability, q, filter, filterValues, rows.length);
      await this.audit.record(em, actor, 'dossier.list', null, { returned: rows.length, total });
      return { items: rows.map((d) => toDossierView(d, d.movable ? userEventsIn(d.state) : [])), total, page: q.page, pageSize: q.pageSize };
    });
  }

  /**
   * The list's total. A first page that is not full is the total. A caller who sees the whole tenant, filtering on
   * nothing but the state, reads the kept counts (`dossier_counts`): the same figure, without counting the tenant's rows.
   * Anything else counts the matching rows.
   */
  private async total(em: EntityManager, actor: Actor, ability: AppAbility, q: DossierListQuery, filter: string, values: unknown[], returned: number): Promise<number> {
    if (q.page === 1 && returned < q.pageSize) return returned;
    if (!q.phenomenon && !q.q?.trim() && !q.casemanagerId && !q.involvedPartnerId && seesWholeTenant(ability, actor.tenantId)) {
      const [{ n }]: { n: number }[] = await em.query(
        `SELECT coalesce(sum(n), 0)::int AS n FROM dossier_counts WHERE tenant_id = $1 AND ($2::text IS NULL OR state = $2)`, [actor.tenantId, q.state ?? null]);
      return n;
    }
    const [{ n }]: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM dossiers d WHERE ${filter}`, values);
    return n;
  }

  async get(actor: Actor, ability: AppAbility, id: string): Promise<DossierView> {
    return this.db.tx(actor, async (em) => {
      const { dossier: d, subject } = await this.visibleWithSubject(em, actor, ability, id);
      const view = this.viewWith(ability, d, subject);
      await this.audit.record(em, actor, 'dossier.read', { type: 'Dossier', id }, { identity: view.subject !== undefined });
      return view;
    });
  }

  async update(actor: Actor, ability: AppAbility, id: string, dto: UpdateDossierDto): Promise<DossierView> {
    return this.db.tx(actor, async (em) => {
      const d = await this.visible(em, actor, ability, id);
      if (!ability.can('update', as('Dossier', d))) throw notAllowed('Dossier', id);
      if (dto.subject && !ability.can('update', as('Subject', d))) throw notAllowed('Dossier', id);
      if (dto.version !== d.version) throw staleVersion();
      if (d.state === 'GEANONIMISEERD') throw domainRule('An anonymised dossier cannot be changed.');
      const problems = birthDateProblems(dto.subject?.birthDate, d.receivedOn);
      if (problems.length) throw invalid(problems);
      if (dto.casemanagerId) {
        const ok = await em.query(`SELECT 1 FROM users WHERE id = $1 AND tenant_id = $2 AND role = 'casemanager' AND active`, [dto.casemanagerId, actor.tenantId]);
        if (!ok.length) throw invalid([{ field: 'casemanagerId', message: 'casemanagerId names no active casemanager of this tenant' }]);
      }
      const municipality = dto.municipality === undefined ? d.municipality : await this.checkMunicipality(em, actor.tenantId, dto.municipality, false);
      const res = await em.query(
        `UPDATE dossiers SET summary = $3, phenomenon = $4, casemanager_id = $5, municipality = $7, version = version + 1, updated_at = now()
          WHERE id = $1 AND tenant_id = $2 AND version = $6 RETURNING id`,
        [id, actor.tenantId, dto.summary ?? d.summary, dto.phenomenon ?? d.phenomenon, dto.casemanagerId === undefined ? d.casemanagerId : dto.casemanagerId, dto.version, municipality],
      );
      if (!res[0]?.length) throw staleVersion();
      if (dto.subject) {
        const current = await em.getRepository(Subject).findOneByOrFail({ dossierId: id });
        const sent = Object.fromEntries(Object.entries(dto.subject).filter(([, v]) => v !== undefined));
        const s = { ...current, ...sent } as Subject;
        await em.query(
          `UPDATE subjects SET first_name = $2, last_name = $3, birth_date = $4, gender = $5, municipality = $6, match_key = $7, updated_at = now()
            WHERE dossier_id = $1`,
          [id, s.firstName?.trim(), s.lastName?.trim(), s.birthDate, s.gender, s.municipality?.trim() ?? null,
            subjectMatchKey(matchSecret(), { firstName: s.firstName?.trim(), lastName: s.lastName?.trim(), birthDate: s.birthDate })],
        );
      }
      const fields = Object.keys(dto).filter((k) => k !== 'version');
      await this.audit.record(em, actor, 'dossier.update', { type: 'Dossier', id }, { fields: fields.join(',') });
      return this.view(em, ability, await this.byId(em, actor.tenantId, id));
    });
  }

  async setPartners(actor: Actor, ability: AppAbility, id: string, dto: SetPartnersDto): Promise<DossierView> {
    return this.db.tx(actor, async (em) => {
      const d = await this.visible(em, actor, ability, id);
      if (!ability.can('update', as('Dossier', d))) throw notAllowed('Dossier', id);
      if (dto.version !== d.version) throw staleVersion();
      if (d.state === 'GEANONIMISEERD') throw domainRule('An anonymised dossier cannot be changed.');
      const ids = [...new Set(dto.partnerIds.map((p) => p.toLowerCase()))];
      await this.checkPartners(em, actor.tenantId, ids, 'partnerIds');
      const res = await em.query(
        `UPDATE dossiers SET involved_partner_ids = $3::uuid[], version = version + 1, updated_at = now() WHERE id = $1 AND tenant_id = $2 AND version = $4 RETURNING id`,
        [id, actor.tenantId, ids, dto.version],
      );
      if (!res[0]?.length) throw staleVersion();
      await this.audit.record(em, actor, 'dossier.partners', { type: 'Dossier', id }, { partners: ids.length });
      return this.view(em, ability, await this.byId(em, actor.tenantId, id));
    });
  }

  async transition(actor: Actor, ability: AppAbility, id: string, dto: DossierTransitionDto): Promise<DossierView> {
    return this.db.tx(actor, async (em) => {
      const { dossier: d, subject } = await this.visibleWithSubject(em, actor, ability, id);
      if (!ability.can('transition', as('Dossier', d))) throw notAllowed('Dossier', id);
      if (dto.version !== d.version) throw staleVersion();
      if (dto.reason !== undefined && !DOSSIER_REASON_EVENTS.includes(dto.event)) {
        throw invalid([{ field: 'reason', message: `${dto.event} takes no reason` }]);
      }
      const referredTo = await this.referral(em, actor.tenantId, dto);
      const screening = dto.event === 'RETAIN' || dto.event === 'REJECT' ? await this.screened(em, actor.tenantId, d) : undefined;
      // The dossier as the UPDATE left it (a close listener may change more: then it is read again).
      const after = await this.apply(em, actor, d, { type: dto.event, reason: dto.reason, ...(referredTo ? { referredTo } : {}), ...(screening ? { screening } : {}) } as DossierEvent);
      if (dto.event === 'CLOSE') return this.view(em, ability, await this.byId(em, actor.tenantId, id));
      return this.viewWith(ability, after, subject);
    });
  }

  /**
   * Moves a dossier through its machine inside the caller's transaction. Used by the transitions route and by the
   * meeting workflow (agenda, discussion) and the retention job, so every move is guarded and recorded the same way.
   */
  async apply(em: EntityManager, actor: SystemActor, d: Dossier, event: DossierEvent, extraDetails?: Record<string, unknown>): Promise<Dossier> {
    const result = step(dossierMachine, d.state, { returnState: d.returnState }, event as DossierEvent & Record<string, unknown>);
    if (!result.ok && result.problem === 'NOT_ACCEPTED') throw invalidTransition(event.type, d.state);
    if (!result.ok) {
      const message = event.type === 'CLOSE' ? 'reason must be one of the closure reasons' : `reason is required for ${event.type}`;
      throw invalid([{ field: 'reason', message }]);
    }
    // Reasons of user events are kept in the history (RETAIN's is optional); system events carry none.
    const reason = 'reason' in event && event.reason?.trim() ? event.reason.trim() : null;
    const set: Record<string, unknown> = { return_state: result.context.returnState };
    if (event.type === 'CLOSE') set.closure_reason = reason;
    if (event.type === 'REOPEN') set.closure_reason = null;
    const referredTo = event.type === 'REJECT' ? event.referredTo : undefined;
    const screening = event.type === 'RETAIN' || event.type === 'REJECT' ? event.screening : undefined;
    const details = referredTo || screening ? { ...(referredTo ? { referredTo } : {}), ...(screening ? { screening } : {}) } : undefined;
    const { version, updatedAt } = await this.writer.persist(em, {
      table: 'dossiers', entityType: 'Dossier', entityId: d.id, actor, version: d.version, event: event.type,
      fromState: d.state, toState: result.state, reason, set,
      details: details || extraDetails ? { ...details, ...extraDetails } : undefined,
    });
    const closureReason = event.type === 'CLOSE' ? reason : event.type === 'REOPEN' ? null : d.closureReason;
    const after = Object.assign(d, { state: result.state, version, updatedAt, returnState: result.context.returnState, closureReason });
    if (event.type === 'CLOSE') for (const listener of this.closeListeners) await listener(em, actor, after);
    return after;
  }

  /**
   * Adds partners to the involved ones inside the caller's transaction (a partner made responsible for an agreement is
   * involved from then on): a version bump, an INVOLVE_PARTNERS event (state unchanged), its audit and outbox rows.
   * Returns the dossier as it is now; nothing is written when every partner is involved already.
   */
  async involve(em: EntityManager, actor: SystemActor, d: Dossier, partnerIds: string[]): Promise<Dossier> {
    const added = [...new Set(partnerIds)].filter((p) => !d.involvedPartnerIds.includes(p));
    if (!added.length) return d;
    const involved = [...d.involvedPartnerIds, ...added];
    const { version } = await this.writer.persist(em, {
      table: 'dossiers', entityType: 'Dossier', entityId: d.id, actor, version: d.version, event: 'INVOLVE_PARTNERS',
      fromState: d.state, toState: d.state, set: { involved_partner_ids: involved }, payload: { added: added.length },
    });
    return Object.assign(d, { involvedPartnerIds: involved, version });
  }

  /**
   * Work that must happen in the transaction that closes a dossier (its open agreements lapse). Registered by the
   * modules that own that work, so this library does not depend on them.
   */
  onClose(listener: DossierCloseListener): void {
    this.closeListeners.push(listener);
  }

  /**
   * The screening summary a RETAIN / REJECT is decided on: all four questions answered, else 422. The dossier row is
   * locked first, so no screening save slips in between reading the answers and moving the dossier.
   */
  private async screened(em: EntityManager, tenantId: string, d: Dossier): Promise<ScreeningSummary | undefined> {
    if (d.state !== 'SCREENING') return undefined; // the machine refuses the event (409)
    await em.query(`SELECT 1 FROM dossiers WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [d.id, tenantId]);
    const answers = await screeningAnswersOf(em, tenantId, d.id);
    if (!screeningComplete(answers)) {
      const missing = SCREENING_QUESTIONS.filter((q) => !answers.some((a) => a.question === q));
      throw domainRule('Complete the screening (answer all four questions) before retaining or rejecting the signal.',
        [{ field: 'screening', message: `unanswered: ${missing.join(', ')}` }]);
    }
    return screeningSummary(answers);
  }

  /** `referredTo` of a REJECT, checked: exactly one of a partner of this tenant or an outside service's name. */
  private async referral(em: EntityManager, tenantId: string, dto: DossierTransitionDto): Promise<ReferredTo | undefined> {
    const r = dto.referredTo;
    if (!r) return undefined;
    if (dto.event !== 'REJECT') throw invalid([{ field: 'referredTo', message: 'referredTo is given with REJECT only' }]);
    const name = r.name?.trim();
    if ((r.partnerId === undefined) === (r.name === undefined)) {
      throw invalid([{ field: 'referredTo', message: 'referredTo names either a partner (partnerId) or an outside service (name)' }]);
    }
    if (r.partnerId) {
      const partnerId = r.partnerId.toLowerCase();
      await this.checkPartners(em, tenantId, [partnerId], 'referredTo.partnerId');
      return { partnerId };
    }
    if (!name) throw invalid([{ field: 'referredTo.name', message: 'name must not be empty' }]);
    return { name };
  }

  async history(actor: Actor, ability: AppAbility, id: string): Promise<HistoryEntry[]> {
    return this.db.tx(actor, async (em) => {
      await this.visible(em, actor, ability, id);
      const rows = await em.query(
        `SELECT seq, event, from_state, to_state, actor_id, at, reason, details FROM workflow_events
          WHERE entity_type = 'Dossier' AND entity_id = $1 AND tenant_id = $2 ORDER BY seq`,
        [id, actor.tenantId],
      );
      // The history holds reasons (free text): read like the dossier itself, so audited like it.
      await this.audit.record(em, actor, 'dossier.history', { type: 'Dossier', id }, { returned: rows.length });
      return rows.map((r: Record<string, unknown>) => toHistoryEntry(r));
    });
  }

  async addContribution(actor: Actor, ability: AppAbility, id: string, dto: CreateContributionDto): Promise<ContributionView> {
    return this.db.tx(actor, async (em) => {
      const d = await this.visible(em, actor, ability, id);
      if (!ability.can('create', as('Contribution', { tenantId: actor.tenantId, authorPartnerId: actor.partnerId, visibility: dto.visibility }))) {
        throw notAllowed('Dossier', id);
      }
      if (d.state === 'GEANONIMISEERD') throw domainRule('An anonymised dossier takes no contributions.');
      const [{ id: cid }] = await em.query(
        `INSERT INTO contributions (tenant_id, dossier_id, author_id, author_partner_id, visibility, text) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
        [actor.tenantId, id, actor.id, actor.partnerId, dto.visibility, dto.text],
      );
      await this.audit.record(em, actor, 'contribution.create', { type: 'Contribution', id: cid }, { dossierId: id, visibility: dto.visibility });
      return toContributionView(await em.getRepository(Contribution).findOneByOrFail({ id: cid }));
    });
  }

  async listContributions(actor: Actor, ability: AppAbility, id: string, page: number, pageSize: number): Promise<Page<ContributionView>> {
    const where = abilityToSqlWhere(ability, 'read', 'Contribution', CONTRIBUTION_SQL_FIELDS);
    return this.db.tx(actor, async (em) => {
      await this.visible(em, actor, ability, id);
      const [rows, total] = await em.getRepository(Contribution).createQueryBuilder('c')
        .where(where.sql, where.params).andWhere('c.dossier_id = :id', { id })
        .orderBy('c.created_at', 'ASC').addOrderBy('c.id').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
      await this.audit.record(em, actor, 'contribution.list', { type: 'Dossier', id }, { returned: rows.length });
      return { items: rows.map(toContributionView), total, page, pageSize };
    });
  }

  /** A dossier the caller may read, else 404 (also for one that exists but is not theirs to see). */
  async visible(em: EntityManager, actor: Actor, ability: AppAbility, id: string): Promise<Dossier> {
    const [d]: Dossier[] = await em.query(`SELECT ${DOSSIER_COLUMNS} FROM dossiers d WHERE d.id = $1 AND d.tenant_id = $2`, [id, actor.tenantId]);
    if (!d || !ability.can('read', as('Dossier', d))) throw notVisible('Dossier', id);
    return d;
  }

  /** {@link visible} with the dossier's subject, in one read; the caller shows the subject only to who may see identities. */
  private async visibleWithSubject(em: EntityManager, actor: Actor, ability: AppAbility, id: string): Promise<{ dossier: Dossier; subject: Subject | null }> {
    const [row]: DossierWithSubjectRow[] = await em.query(DOSSIER_WITH_SUBJECT, [id, actor.tenantId]);
    const found = row ? splitSubject(row) : undefined;
    if (!found || !ability.can('read', as('Dossier', found.dossier))) throw notVisible('Dossier', id);
    return found;
  }

  async byId(em: EntityManager, tenantId: string, id: string): Promise<Dossier> {
    return em.getRepository(Dossier).findOneByOrFail({ id, tenantId });
  }

  private allowedEvents(ability: AppAbility, d: Dossier): string[] {
    if (!ability.can('transition', as('Dossier', d))) return [];
    return userEventsIn(d.state);
  }

  private async view(em: EntityManager, ability: AppAbility, d: Dossier): Promise<DossierView> {
    const subject = ability.can('read', as('Subject', d)) ? await em.getRepository(Subject).findOneBy({ dossierId: d.id }) : null;
    return this.viewWith(ability, d, subject);
  }

  /** The view of a dossier whose subject was read already; the subject only for who may see identities. */
  private viewWith(ability: AppAbility, d: Dossier, subject: Subject | null): DossierView {
    return toDossierView(d, this.allowedEvents(ability, d), subject && ability.can('read', as('Subject', d)) ? subject : undefined);
  }

  /**
   * A joint LIVC (more than one municipality in the settings): the dossier names one of them, required on registration.
   * A single municipality: that one (or none when the list is empty). A name outside the list is a 400.
   */
  private async checkMunicipality(em: EntityManager, tenantId: string, given: string | undefined, registering: boolean): Promise<string | null> {
    const [t]: { municipalities: string[] }[] = await em.query(`SELECT municipalities FROM tenants WHERE id = $1`, [tenantId]);
    const list = t?.municipalities ?? [];
    const name = given?.trim();
    if (!name) {
      if (list.length > 1) throw invalid([{ field: 'municipality', message: `municipality is required: one of ${list.join(', ')}` }]);
      if (!registering && given !== undefined) throw invalid([{ field: 'municipality', message: 'municipality must not be blank' }]);
      return list[0] ?? null;
    }
    const found = list.find((m) => m.toLocaleLowerCase('nl-BE') === name.toLocaleLowerCase('nl-BE'));
    if (!found) throw invalid([{ field: 'municipality', message: list.length ? `municipality must be one of ${list.join(', ')}` : 'this LIVC has no list of municipalities' }]);
    return found;
  }

  private async checkPartners(em: EntityManager, tenantId: string, ids: string[], field: string): Promise<void> {
    if (!ids.length) return;
    const rows: { id: string; active: boolean }[] = await em.query(`SELECT id, active FROM partners WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
    if (rows.length !== ids.length) throw invalid([{ field, message: `${field} names a partner that does not exist in this tenant` }]);
    if (rows.some((r) => !r.active)) throw domainRule('An inactive partner cannot be involved in a dossier.', [{ field, message: 'partner is inactive' }]);
  }
}
