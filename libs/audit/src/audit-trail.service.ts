import { Injectable, Logger } from '@nestjs/common';
import { abilityToSqlWhere, Actor, AppAbility } from '@kernteam/access';
import { invalid, notFound, Page } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { isCalendarDate } from '@kernteam/http';
import { OnJob } from '@kernteam/jobs';
import { ChainCheck, ChainVerifier, StoredAuditRow } from './audit-chain';
import { NO_TENANT_CHAIN } from './audit-event';
import { AccessLogQuery, AuditQuery } from './audit-query.dto';
import { AuditService } from './audit.service';
import { AccessLogEntryView, AuditActorView, AuditEventView, AuditVerifyView } from './audit.view';

const PAGE = 1_000;

/** Reading and verifying the trail (the DPO's view), and the nightly verification job. */
@Injectable()
export class AuditTrailService {
  private readonly logger = new Logger('AuditTrail');

  constructor(private readonly db: TenantDb, private readonly audit: AuditService) {}

  async list(actor: Actor, ability: AppAbility, q: AuditQuery): Promise<Page<AuditEventView>> {
    const where = abilityToSqlWhere(ability, 'read', 'AuditEvent', { tenantId: 'a.tenant_id' });
    return this.db.tx(actor, async (em) => {
      // The actor's name and e-mail come along: the auditor may not read users, yet must see who acted.
      const qb = em.createQueryBuilder().from('audit_events', 'a').leftJoin('users', 'u', 'u.id = a.actor_id AND u.tenant_id = a.tenant_id')
        .where(where.sql, where.params);
      if (q.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: q.entityType });
      if (q.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: q.entityId });
      if (q.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: q.actorId });
      if (q.action) qb.andWhere('a.action = :action', { action: q.action });
      if (q.outcome) qb.andWhere('a.outcome = :outcome', { outcome: q.outcome });
      if (q.from) qb.andWhere(`a.at >= ${this.bound(':from', q.from, 'from')}`, { from: q.from });
      if (q.to) qb.andWhere(`a.at ${isCalendarDate(q.to) ? '<' : '<='} ${this.bound(':to', q.to, 'to')}`, { to: q.to });
      const { n } = (await qb.clone().select('count(*)::int', 'n').getRawOne()) as { n: number };
      const rows = await qb.select(['a.id AS id', 'a.at AS at', 'a.actor_id AS actor_id', 'u.name AS actor_name',
        'u.email AS actor_email', 'a.action AS action', 'a.entity_type AS entity_type',
        'a.entity_id AS entity_id', 'a.outcome AS outcome', 'a.ip AS ip', 'a.hash AS hash', 'a.prev_hash AS prev_hash'])
        .orderBy('a.seq', 'DESC').offset((q.page - 1) * q.pageSize).limit(q.pageSize).getRawMany();
      await this.audit.record(em, actor, 'audit.read', null, { returned: rows.length });
      return {
        total: n, page: q.page, pageSize: q.pageSize,
        items: rows.map((r) => ({
          id: String(r.id), at: new Date(r.at).toISOString(), actorId: r.actor_id, actorName: r.actor_name ?? null,
          actorEmail: r.actor_email ?? null, action: r.action, entityType: r.entity_type,
          entityId: r.entity_id, outcome: r.outcome, ip: r.ip, hash: r.hash, prevHash: r.prev_hash,
        })),
      };
    });
  }

  /** Everyone who appears in the trail (by name), for the actor filter; no one else. */
  async actors(actor: Actor, ability: AppAbility): Promise<AuditActorView[]> {
    const where = abilityToSqlWhere(ability, 'read', 'AuditEvent', { tenantId: 'a.tenant_id' });
    return this.db.tx(actor, async (em) => {
      const rows: { id: string; name: string; email: string }[] = await em.createQueryBuilder()
        .from('users', 'u')
        .select(['u.id AS id', 'u.name AS name', 'u.email AS email'])
        .where('u.tenant_id = :tenantId', { tenantId: actor.tenantId })
        .andWhere((sub) => `EXISTS ${sub.subQuery().select('1').from('audit_events', 'a').where('a.actor_id = u.id').andWhere(where.sql, where.params).getQuery()}`)
        .orderBy('u.name', 'ASC').addOrderBy('u.id', 'ASC')
        .getRawMany();
      await this.audit.record(em, actor, 'audit.actors', null, { returned: rows.length });
      return rows.map((r) => ({ id: r.id, name: r.name, email: r.email }));
    });
  }

  /**
   * Who saw (or tried to change) one dossier, and when: the trail's rows on it, found by its pseudonymous reference.
   * The auditor never reads the dossier: only the id behind the reference is looked up, nothing of its content.
   */
  async accessLog(actor: Actor, ability: AppAbility, q: AccessLogQuery): Promise<Page<AccessLogEntryView>> {
    const where = abilityToSqlWhere(ability, 'read', 'AuditEvent', { tenantId: 'a.tenant_id' });
    return this.db.tx(actor, async (em) => {
      const [dossier] = await em.query(`SELECT id FROM dossiers WHERE tenant_id = $1 AND reference = $2`, [actor.tenantId, q.reference]);
      if (!dossier) throw notFound('dossier with that reference');
      const qb = em.createQueryBuilder().from('audit_events', 'a')
        .leftJoin('users', 'u', 'u.id = a.actor_id AND u.tenant_id = a.tenant_id')
        .leftJoin('partners', 'p', 'p.id = u.partner_id AND p.tenant_id = a.tenant_id')
        .where(where.sql, where.params)
        .andWhere(`a.entity_type = 'Dossier' AND a.entity_id = :id`, { id: dossier.id });
      const { n } = (await qb.clone().select('count(*)::int', 'n').getRawOne()) as { n: number };
      const rows = await qb.select(['a.id AS id', 'a.at AS at', 'a.actor_id AS actor_id', 'u.name AS actor_name', 'p.name AS partner_name',
        'a.action AS action', 'a.outcome AS outcome'])
        .orderBy('a.seq', 'DESC').offset((q.page - 1) * q.pageSize).limit(q.pageSize).getRawMany();
      await this.audit.record(em, actor, 'audit.access-log', { type: 'Dossier', id: dossier.id }, { returned: rows.length });
      return {
        total: n, page: q.page, pageSize: q.pageSize,
        items: rows.map((r) => ({
          id: String(r.id), at: new Date(r.at).toISOString(), actorId: r.actor_id, actorName: r.actor_name ?? null,
          partnerName: r.partner_name ?? null, action: r.action, outcome: r.outcome,
        })),
      };
    });
  }

  /**
   * The deployment-level trail: rows that belong to no tenant (sign-in refusals for addresses no one tenant owns,
   * throttled attempts, tenant choices), newest first, with its chain check. No tenant role can read it over the API;
   * the deployment's operator reads it with `npm run cli -- deployment-audit`.
   */
  async deploymentTrail(limit: number): Promise<{ items: (AuditEventView & { details: Record<string, unknown> })[]; chain: ChainCheck }> {
    const rows = await this.db.system((em) => em.query(
      `SELECT id, at, actor_id, action, entity_type, entity_id, outcome, ip, details, hash, prev_hash FROM audit_events
        WHERE tenant_id IS NULL ORDER BY seq DESC LIMIT $1`, [limit]));
    return {
      items: rows.map((r: Record<string, string>) => ({
        id: String(r.id), at: new Date(r.at).toISOString(), actorId: r.actor_id, action: r.action, entityType: r.entity_type,
        entityId: r.entity_id, outcome: r.outcome as AuditEventView['outcome'], ip: r.ip, hash: r.hash, prevHash: r.prev_hash,
        details: r.details as unknown as Record<string, unknown>,
      })),
      chain: await this.verify(null),
    };
  }

  /** A date means the whole day in Europe/Brussels; an instant is taken as given. */
  private bound(placeholder: string, value: string, which: 'from' | 'to'): string {
    if (isCalendarDate(value)) {
      const day = which === 'from' ? `${placeholder}::date` : `(${placeholder}::date + 1)`;
      return `(${day}::timestamp AT TIME ZONE 'Europe/Brussels')`;
    }
    if (Number.isNaN(Date.parse(value))) throw invalid([{ field: which, message: `${which} is not a valid instant` }]);
    return `${placeholder}::timestamptz`;
  }

  /** Verifies one tenant's chain (the whole chain, page by page). */
  async verify(tenantId: string | null): Promise<ChainCheck> {
    const key = tenantId ?? NO_TENANT_CHAIN;
    return this.db.system(async (em) => {
      // Repeatable view of the chain while it is read page by page.
      await em.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const verifier = new ChainVerifier();
      let after = 0;
      for (;;) {
        const rows: StoredAuditRow[] = await em.query(
          `SELECT tenant_id, seq, at, actor_id, action, entity_type, entity_id, outcome, ip, details, prev_hash, hash, hash_format FROM audit_events
            WHERE coalesce(tenant_id, '${NO_TENANT_CHAIN}'::uuid) = $1 AND seq > $2 ORDER BY seq LIMIT ${PAGE}`,
          [key, after],
        );
        verifier.feed(rows);
        if (rows.length < PAGE) break;
        after = Number(rows[rows.length - 1].seq);
      }
      const [head] = await em.query(`SELECT last_seq, last_hash FROM audit_chain_heads WHERE chain_key = $1`, [key]);
      return verifier.finish(head);
    });
  }

  async verifyFor(actor: Actor): Promise<AuditVerifyView> {
    const { valid, checked, brokenAt } = await this.verify(actor.tenantId);
    await this.audit.allowed(actor, 'audit.verify', undefined, undefined, { valid, checked });
    return { valid, checked, ...(brokenAt !== undefined ? { brokenAt } : {}) };
  }

  /** Nightly: every tenant's chain; a broken chain raises a notification to that tenant's auditors. */
  @OnJob('audit.verify-chains')
  async verifyAllChains(): Promise<{ tenants: number; broken: number }> {
    const tenants: { id: string }[] = await this.db.system((em) => em.query(`SELECT id FROM tenants ORDER BY id`));
    let broken = 0;
    for (const { id } of tenants) {
      const result = await this.verify(id);
      if (result.valid) continue;
      broken++;
      this.logger.error(`audit chain of tenant ${id} is broken at seq ${result.brokenAt}`);
      const day = new Date().toISOString().slice(0, 10);
      await this.db.system((em) =>
        em.query(
          `INSERT INTO notifications (tenant_id, user_id, kind, entity_type, data, dedupe_key)
           SELECT tenant_id, id, 'AUDIT_CHAIN_BROKEN', 'AuditEvent', jsonb_build_object('brokenAt', $2::bigint), 'audit-chain:' || $3
             FROM users WHERE tenant_id = $1 AND role = 'auditor' AND active
           ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
          [id, result.brokenAt ?? 0, day],
        ),
      );
    }
    const orphan = await this.verify(null);
    if (!orphan.valid) this.logger.error(`audit chain of sign-ins without a tenant is broken at seq ${orphan.brokenAt}`);
    return { tenants: tenants.length, broken: broken + (orphan.valid ? 0 : 1) };
  }
}
