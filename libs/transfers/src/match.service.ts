import { Injectable } from '@nestjs/common';
import { Actor, AppAbility, as } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { DossiersService, matchSecret, Subject, subjectMatchKey } from '@kernteam/dossiers';
import { audited, domainRule, invalid, notAllowed, Problem } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { CreateMatchQueryDto } from './transfer.dto';
import { MatchResultView } from './transfer.view';

/** Queries per casemanager and per LIVC within 24 hours (against enumeration; see docs/domain.md, threat model). */
export const MATCH_LIMIT_PER_USER = 20;
export const MATCH_LIMIT_PER_TENANT = 100;

// A setting of the deployment, not a passing fault: 422 (a 5xx would say "try again later", which never helps).
export const matchNotConfigured = () =>
  new Problem(422, 'The "known in another LIVC" query is not configured on this deployment (MATCH_SECRET is not set).', 'urn:kernteam:problem:not-configured');

/**
 * "Is this person known in another LIVC?": compares the keyed hash of the dossier's subject with the keys the other
 * tenants keep of theirs (`subjects.match_key`). The comparison across tenants is the one statement here on the owning
 * connection; it reads only the key and the tenant, and answers with LIVC names only. Both sides' audit trails record it.
 */
@Injectable()
export class MatchService {
  constructor(private readonly db: TenantDb, private readonly dossiers: DossiersService, private readonly audit: AuditService) {}

  async query(actor: Actor, ability: AppAbility, dto: CreateMatchQueryDto): Promise<MatchResultView> {
    const secret = matchSecret();
    if (!secret) throw matchNotConfigured();
    const reason = dto.reason.trim();
    if (!reason) throw invalid([{ field: 'reason', message: 'reason must not be blank' }]);
    return this.db.crossing(async (em, to) => {
      await to.as(actor.tenantId);
      const d = await this.dossiers.visible(em, actor, ability, dto.dossierId);
      if (!ability.can('create', as('MatchQuery', { tenantId: actor.tenantId }))) throw notAllowed('Dossier', d.id);
      const subject = await em.getRepository(Subject).findOneBy({ dossierId: d.id, tenantId: actor.tenantId });
      const key = subject ? subjectMatchKey(secret, subject) : null;
      if (!key) {
        throw domainRule('The query needs the person\'s first name, last name and birth date.',
          [{ field: 'subject.birthDate', message: 'first name, last name and birth date are needed' }]);
      }
      // Serialises one tenant's queries, so the limit holds under concurrent requests.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('kernteam.match-queries'), hashtext($1))`, [actor.tenantId]);
      const [used] = await em.query(
        `SELECT count(*) FILTER (WHERE user_id = $2)::int AS mine, count(*)::int AS all FROM match_queries
          WHERE tenant_id = $1 AND at > now() - interval '24 hours'`, [actor.tenantId, actor.id]);
      if (used.mine >= MATCH_LIMIT_PER_USER || used.all >= MATCH_LIMIT_PER_TENANT) {
        // Refused, and kept: a run of queries past the limit is what an enumeration looks like to the DPO.
        throw audited(new Problem(429, `At most ${MATCH_LIMIT_PER_USER} queries per casemanager and ${MATCH_LIMIT_PER_TENANT} per LIVC within 24 hours.`,
          'urn:kernteam:problem:throttled'), 'Dossier', d.id);
      }

      await to.system();
      const hits: { tenant_id: string; name: string; dossier_id: string }[] = await em.query(
        `SELECT DISTINCT ON (s.tenant_id) s.tenant_id, t.name, s.dossier_id FROM subjects s JOIN tenants t ON t.id = s.tenant_id
          WHERE s.match_key = $1 AND s.tenant_id <> $2 ORDER BY s.tenant_id, s.dossier_id`,
        [key, actor.tenantId],
      );
      for (const h of hits) {
        // The other LIVC learns that one of its subjects was asked about, and by which LIVC; not who the asker's subject is.
        await to.as(h.tenant_id);
        await this.audit.append(em, {
          tenantId: h.tenant_id, actorId: null, action: 'match.hit', entityType: 'Dossier', entityId: h.dossier_id, outcome: 'ALLOWED', ip: null,
          details: { askingTenantId: actor.tenantId },
        });
      }

      await to.as(actor.tenantId);
      const result = hits.length ? 'HIT' : 'NO_HIT';
      await em.query(`INSERT INTO match_queries (tenant_id, user_id, dossier_id, reason, result) VALUES ($1, $2, $3, $4, $5)`,
        [actor.tenantId, actor.id, d.id, reason, result]);
      await this.audit.record(em, actor, 'match.query', { type: 'Dossier', id: d.id }, { result, livcs: hits.length });
      return hits.length
        ? { result, livcs: hits.map((h) => ({ name: h.name, contact: 'casemanagement' as const })).sort((a, b) => a.name.localeCompare(b.name)) }
        : { result };
    });
  }

  /**
   * Recomputes every subject's key with the current MATCH_SECRET (operator command `match-keys`): after the secret is set
   * on a deployment with data, or changed. Runs per tenant as that tenant's app role; audited per tenant, counts only.
   */
  async rekeyAll(): Promise<{ tenants: number; keyed: number; cleared: number }> {
    const secret = matchSecret();
    if (!secret) throw new Error('MATCH_SECRET is not set');
    const tenants: { id: string }[] = await this.db.system((em) => em.query(`SELECT id FROM tenants ORDER BY id`));
    let keyed = 0;
    let cleared = 0;
    for (const { id: tenantId } of tenants) {
      await this.db.tx({ tenantId }, async (em) => {
        const rows: { id: string; first_name: string | null; last_name: string | null; birth_date: string | null }[] = await em.query(
          `SELECT id, first_name, last_name, birth_date::text AS birth_date FROM subjects WHERE tenant_id = $1 FOR UPDATE`, [tenantId]);
        let k = 0;
        let c = 0;
        for (const r of rows) {
          const key = subjectMatchKey(secret, { firstName: r.first_name, lastName: r.last_name, birthDate: r.birth_date });
          await em.query(`UPDATE subjects SET match_key = $2 WHERE id = $1 AND match_key IS DISTINCT FROM $2`, [r.id, key]);
          if (key) k++; else c++;
        }
        await this.audit.append(em, { tenantId, actorId: null, action: 'match.rekey', outcome: 'ALLOWED', ip: null, details: { keyed: k, withoutKey: c } });
        keyed += k;
        cleared += c;
      });
    }
    return { tenants: tenants.length, keyed, cleared };
  }
}
