import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AppAbility, as } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { dossierMachine, DossiersService, Subject } from '@kernteam/dossiers';
import { brusselsDate, conflict, domainRule, invalid, invalidTransition, notAllowed, notVisible, Page, staleVersion } from '@kernteam/http';
import { OutboxService } from '@kernteam/jobs';
import { TenantDb, TenantSwitch } from '@kernteam/persistence';
import { acceptedEventTypes, step } from '@kernteam/workflow';
import { CreateTransferDto, TransferListQuery, TransferTransitionDto } from './transfer.dto';
import { RECEIVER_EVENTS, SENDER_EVENTS, TransferEvent, transferMachine, TransferState } from './transfer.machine';
import { LivcView, TransferContributionView, TransferEventView, TransferListItem, TransferSubjectView, TransferView } from './transfer.view';

interface TransferRow {
  id: string;
  from_tenant_id: string;
  from_name: string;
  to_tenant_id: string;
  to_name: string;
  from_dossier_id: string;
  to_dossier_id: string | null;
  state: TransferState;
  version: number;
  phenomenon: string;
  summary: string | null;
  subject: TransferSubjectView | null;
  contributions: TransferContributionView[];
  reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT tr.*, f.name AS from_name, t.name AS to_name FROM transfers tr
                  JOIN tenants f ON f.id = tr.from_tenant_id JOIN tenants t ON t.id = tr.to_tenant_id`;

/** What the other LIVC's audit trail says about a step it did not take. */
const OTHER_SIDE_ACTION = { ACCEPT: 'transfer.accepted', REFUSE: 'transfer.refused', WITHDRAW: 'transfer.withdrawn' } as const;

/** Only these contributions may cross: the sending casemanagement's own texts for the whole kernteam. */
const PASSABLE_SQL = `c.visibility = 'KERNTEAM' AND p.type = 'CASEMANAGEMENT'`;

/**
 * The transfer of a dossier to another LIVC of the deployment: the one place where a record belongs to two tenants.
 * The transfer row (`transfers`, `transfer_events`) is reached only here, on the owning connection (`TenantDb.crossing`);
 * everything a tenant's own tables see — reading the sending dossier, creating the receiving one, closing the sending
 * one, each tenant's audit rows — runs as the app role scoped to that tenant, so row-level security holds there.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly db: TenantDb, private readonly dossiers: DossiersService, private readonly audit: AuditService, private readonly outbox: OutboxService,
  ) {}

  /** The step for both LIVCs' jobs (notifications may hang off it), ids and codes only; on the owning connection. */
  private async announce(em: EntityManager, tenantIds: string[], id: string, event: string, fromState: string | null, toState: string, seq: number) {
    for (const tenantId of tenantIds) {
      await this.outbox.add(em, tenantId, 'workflow.transitioned', { entityType: 'Transfer', entityId: id, event, fromState, toState, seq });
    }
  }

  /** The other LIVCs that accept transfers: names and ids only. */
  async destinations(actor: Actor): Promise<LivcView[]> {
    return this.db.system((em) =>
      em.query(`SELECT id, name FROM tenants WHERE accepts_transfers AND id <> $1 ORDER BY name, id`, [actor.tenantId]));
  }

  async propose(actor: Actor, ability: AppAbility, dto: CreateTransferDto): Promise<TransferView> {
    const id = randomUUID();
    const toTenantId = dto.toTenantId.toLowerCase();
    const contributionIds = [...new Set(dto.contributionIds.map((c) => c.toLowerCase()))];
    if (!dto.summary.trim()) throw invalid([{ field: 'summary', message: 'summary must not be blank' }]);
    await this.db.crossing(async (em, to) => {
      await to.as(actor.tenantId);
      const d = await this.dossiers.visible(em, actor, ability, dto.dossierId);
      if (!ability.can('create', as('Transfer', { fromTenantId: actor.tenantId }))) throw notAllowed('Dossier', d.id);
      if (!acceptedEventTypes(dossierMachine, d.state).includes('CLOSE')) {
        throw domainRule(`A dossier in ${d.state} cannot be transferred: only a retained or followed-up dossier (one that can close).`);
      }
      const subject = await em.getRepository(Subject).findOneByOrFail({ dossierId: d.id, tenantId: actor.tenantId });
      if (!subject.firstName || !subject.lastName) throw domainRule('The person has no name (anonymised?); nothing to transfer.');
      const rows: { id: string; text: string | null; created_at: Date; passable: boolean }[] = contributionIds.length
        ? await em.query(
          `SELECT c.id, c.text, c.created_at, (${PASSABLE_SQL}) AS passable FROM contributions c LEFT JOIN partners p ON p.id = c.author_partner_id
            WHERE c.tenant_id = $1 AND c.dossier_id = $2 AND c.id = ANY($3::uuid[]) ORDER BY c.created_at, c.id`,
          [actor.tenantId, d.id, contributionIds])
        : [];
      if (rows.length !== contributionIds.length) {
        throw invalid([{ field: 'contributionIds', message: 'contributionIds names a contribution that is not of this dossier' }]);
      }
      if (rows.some((r) => !r.passable || !r.text)) {
        throw domainRule('Only KERNTEAM contributions of the own casemanagement are passed on (never RESTRICTED ones, never another partner\'s).',
          [{ field: 'contributionIds', message: 'contribution may not be passed on' }]);
      }
      await this.audit.record(em, actor, 'transfer.propose', { type: 'Transfer', id },
        { dossierId: d.id, toTenantId, contributions: rows.length });

      await to.system();
      const [dest] = await em.query(`SELECT 1 FROM tenants WHERE id = $1 AND accepts_transfers AND id <> $2`, [toTenantId, actor.tenantId]);
      if (!dest) throw invalid([{ field: 'toTenantId', message: 'toTenantId is not a LIVC that accepts transfers' }]);
      const [open] = await em.query(`SELECT 1 FROM transfers WHERE from_dossier_id = $1 AND state = 'VOORGESTELD'`, [d.id]);
      if (open) throw conflict('This dossier has an open transfer proposal already; withdraw it first.');
      const payloadSubject: TransferSubjectView = {
        firstName: subject.firstName, lastName: subject.lastName, birthDate: subject.birthDate, gender: subject.gender, municipality: subject.municipality,
      };
      const payloadContributions: TransferContributionView[] = rows.map((r) => ({ text: r.text!, writtenAt: new Date(r.created_at).toISOString() }));
      await em.query(
        `INSERT INTO transfers (id, from_tenant_id, to_tenant_id, from_dossier_id, state, phenomenon, summary, subject, contributions, proposed_by)
         VALUES ($1, $2, $3, $4, 'VOORGESTELD', $5, $6, $7, $8, $9)`,
        [id, actor.tenantId, toTenantId, d.id, d.phenomenon, dto.summary.trim(), JSON.stringify(payloadSubject), JSON.stringify(payloadContributions), actor.id],
      );
      await em.query(
        `INSERT INTO transfer_events (transfer_id, seq, event, from_state, to_state, actor_tenant_id, actor_id) VALUES ($1, 1, 'PROPOSE', NULL, 'VOORGESTELD', $2, $3)`,
        [id, actor.tenantId, actor.id],
      );
      await to.as(toTenantId);
      await this.audit.append(em, {
        tenantId: toTenantId, actorId: null, action: 'transfer.received', entityType: 'Transfer', entityId: id, outcome: 'ALLOWED', ip: null,
        details: { fromTenantId: actor.tenantId },
      });
      await to.system();
      await this.announce(em, [actor.tenantId, toTenantId], id, 'PROPOSE', null, 'VOORGESTELD', 1);
    });
    return this.get(actor, ability, id);
  }

  async list(actor: Actor, ability: AppAbility, q: TransferListQuery): Promise<Page<TransferListItem>> {
    const side = q.direction === 'incoming' ? 'tr.to_tenant_id' : 'tr.from_tenant_id';
    const params: unknown[] = [actor.tenantId];
    const filters = [`${side} = $1`];
    if (q.state) filters.push(`tr.state = $${params.push(q.state)}`);
    if (q.dossierId) filters.push(`(tr.from_dossier_id = $${params.push(q.dossierId.toLowerCase())} AND tr.from_tenant_id = $1)`);
    return this.db.crossing(async (em, to) => {
      const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM transfers tr WHERE ${filters.join(' AND ')}`, params);
      const rows: TransferRow[] = await em.query(
        `${SELECT} WHERE ${filters.join(' AND ')} ORDER BY tr.created_at DESC, tr.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params);
      const items = rows.filter((r) => ability.can('read', as('Transfer', this.subjectOf(r)))).map((r) => this.listItem(actor, r));
      await to.as(actor.tenantId);
      await this.audit.record(em, actor, 'transfer.list', null, { direction: q.direction, returned: items.length, total });
      return { items, total, page: q.page, pageSize: q.pageSize };
    });
  }

  async get(actor: Actor, ability: AppAbility, id: string): Promise<TransferView> {
    return this.db.crossing(async (em, to) => {
      const r = await this.visible(em, actor, ability, id);
      const history = await this.history(em, r);
      await to.as(actor.tenantId);
      await this.audit.record(em, actor, 'transfer.read', { type: 'Transfer', id }, { identity: r.subject !== null });
      return this.view(actor, ability, r, history);
    });
  }

  async transition(actor: Actor, ability: AppAbility, id: string, dto: TransferTransitionDto): Promise<TransferView> {
    await this.db.crossing(async (em, to) => {
      const r = await this.visible(em, actor, ability, id, true);
      const receiver = r.to_tenant_id === actor.tenantId;
      const own = receiver ? RECEIVER_EVENTS : SENDER_EVENTS;
      if (!own.includes(dto.event) || !ability.can('transition', as('Transfer', this.subjectOf(r)))) {
        throw notAllowed('Transfer', id, receiver ? 'The receiving LIVC accepts or refuses.' : 'The sending LIVC can only withdraw its proposal.');
      }
      if (dto.version !== Number(r.version)) throw staleVersion();
      const reason = dto.reason?.trim() || null;
      if (dto.event === 'ACCEPT' && dto.reason !== undefined) throw invalid([{ field: 'reason', message: 'ACCEPT takes no reason' }]);
      const result = step(transferMachine, r.state, {}, { type: dto.event, reason: dto.reason } as TransferEvent & Record<string, unknown>);
      if (!result.ok && result.problem === 'NOT_ACCEPTED') throw invalidTransition(dto.event, r.state);
      if (!result.ok) throw invalid([{ field: 'reason', message: `reason is required for ${dto.event}` }]);

      let toDossierId: string | null = null;
      if (dto.event === 'ACCEPT') toDossierId = await this.accept(em, to, actor, r);
      const other = receiver ? r.from_tenant_id : r.to_tenant_id;
      const action = { ACCEPT: 'accept', REFUSE: 'refuse', WITHDRAW: 'withdraw' }[dto.event];
      await to.as(actor.tenantId);
      await this.audit.record(em, actor, `transfer.${action}`, { type: 'Transfer', id }, toDossierId ? { dossierId: toDossierId } : { toState: result.state });
      await to.as(other);
      await this.audit.append(em, {
        tenantId: other, actorId: null, action: OTHER_SIDE_ACTION[dto.event], entityType: 'Transfer', entityId: id, outcome: 'ALLOWED',
        ip: null, details: { toState: result.state, byTenantId: actor.tenantId },
      });

      await to.system();
      // The payload lives on only where it belongs now: the new dossier (accepted) or the sending one alone.
      const [rows]: [{ version: number }[], number] = await em.query(
        `UPDATE transfers SET state = $3, version = version + 1, updated_at = now(), decided_by = $4, reason = $5, to_dossier_id = $6,
                summary = NULL, subject = NULL, contributions = '[]'
          WHERE id = $1 AND version = $2 AND state = 'VOORGESTELD' RETURNING version`,
        [id, r.version, result.state, actor.id, reason, toDossierId],
      );
      if (rows.length !== 1) throw staleVersion();
      const [{ seq }]: { seq: number }[] = await em.query(
        `INSERT INTO transfer_events (transfer_id, seq, event, from_state, to_state, actor_tenant_id, actor_id, reason)
         SELECT $1, max(seq) + 1, $2, $3, $4, $5, $6, $7 FROM transfer_events WHERE transfer_id = $1 RETURNING seq`,
        [id, dto.event, r.state, result.state, actor.tenantId, actor.id, reason],
      );
      await this.announce(em, [r.from_tenant_id, r.to_tenant_id], id, dto.event, r.state, result.state, Number(seq));
    });
    return this.get(actor, ability, id);
  }

  /**
   * The receiving LIVC opens its own dossier (new reference, the subject and the texts that were sent), and the sending
   * dossier closes with OVERGEDRAGEN through its machine (open agreements lapse), naming the transfer. Returns the new id.
   */
  private async accept(em: EntityManager, to: TenantSwitch, actor: Actor, r: TransferRow): Promise<string> {
    await to.as(actor.tenantId);
    const partnerId = actor.partnerId ?? (await em.query(
      `SELECT id FROM partners WHERE tenant_id = $1 AND type = 'CASEMANAGEMENT' AND active ORDER BY created_at LIMIT 1`, [actor.tenantId]))[0]?.id;
    if (!partnerId) throw domainRule('This LIVC has no casemanagement partner to register the dossier under.');
    const s = r.subject!;
    const dossierId = await this.dossiers.register(em, actor, {
      phenomenon: r.phenomenon, referringPartnerId: partnerId, receivedOn: brusselsDate(), summary: r.summary, casemanagerId: actor.id,
      subject: { firstName: s.firstName, lastName: s.lastName, birthDate: s.birthDate, gender: s.gender, municipality: s.municipality },
    }, { transferId: r.id });
    for (const c of r.contributions) {
      await em.query(
        `INSERT INTO contributions (tenant_id, dossier_id, author_id, author_partner_id, visibility, text) VALUES ($1, $2, $3, $4, 'KERNTEAM', $5)`,
        [actor.tenantId, dossierId, actor.id, partnerId, `[${r.from_name}, ${c.writtenAt.slice(0, 10)}] ${c.text}`],
      );
    }
    await to.as(r.from_tenant_id);
    const sending = await this.dossiers.byId(em, r.from_tenant_id, r.from_dossier_id);
    if (!acceptedEventTypes(dossierMachine, sending.state).includes('CLOSE')) {
      throw domainRule(`The sending dossier is ${sending.state} now and cannot close; the sending LIVC must bring it back first (or withdraw).`);
    }
    await this.dossiers.apply(em, { id: null as unknown as string, tenantId: r.from_tenant_id, ip: null }, sending,
      { type: 'CLOSE', reason: 'OVERGEDRAGEN' }, { transferId: r.id });
    return dossierId;
  }

  /** A transfer of which the caller's LIVC is one side and the rules let them read, else 404. On the owning connection. */
  private async visible(em: EntityManager, actor: Actor, ability: AppAbility, id: string, lock = false): Promise<TransferRow> {
    const [r]: TransferRow[] = await em.query(
      `${SELECT} WHERE tr.id = $1 AND (tr.from_tenant_id = $2 OR tr.to_tenant_id = $2)${lock ? ' FOR UPDATE OF tr' : ''}`, [id, actor.tenantId]);
    if (!r || !ability.can('read', as('Transfer', this.subjectOf(r)))) throw notVisible('Transfer', id);
    return r;
  }

  private async history(em: EntityManager, r: TransferRow): Promise<TransferEventView[]> {
    const rows: { seq: number; event: string; to_state: string; actor_tenant_id: string; at: Date }[] = await em.query(
      `SELECT seq, event, to_state, actor_tenant_id, at FROM transfer_events WHERE transfer_id = $1 ORDER BY seq`, [r.id]);
    return rows.map((e) => ({
      seq: Number(e.seq), event: e.event, toState: e.to_state, by: e.actor_tenant_id === r.from_tenant_id ? 'SENDER' : 'RECEIVER', at: new Date(e.at).toISOString(),
    }));
  }

  private subjectOf(r: TransferRow) {
    return { fromTenantId: r.from_tenant_id, toTenantId: r.to_tenant_id };
  }

  private listItem(actor: Actor, r: TransferRow): TransferListItem {
    const incoming = r.to_tenant_id === actor.tenantId;
    return {
      id: r.id, state: r.state, direction: incoming ? 'incoming' : 'outgoing',
      from: { id: r.from_tenant_id, name: r.from_name }, to: { id: r.to_tenant_id, name: r.to_name }, phenomenon: r.phenomenon,
      // Never the other LIVC's dossier id.
      dossierId: incoming ? r.to_dossier_id : r.from_dossier_id,
      createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
    };
  }

  private view(actor: Actor, ability: AppAbility, r: TransferRow, history: TransferEventView[]): TransferView {
    const incoming = r.to_tenant_id === actor.tenantId;
    const accepted = acceptedEventTypes(transferMachine, r.state);
    const allowedEvents = ability.can('transition', as('Transfer', this.subjectOf(r)))
      ? (incoming ? RECEIVER_EVENTS : SENDER_EVENTS).filter((e) => accepted.includes(e))
      : [];
    return {
      ...this.listItem(actor, r), version: Number(r.version), summary: r.summary, subject: r.subject, contributions: r.contributions ?? [],
      reason: r.reason, allowedEvents, history,
    };
  }
}
