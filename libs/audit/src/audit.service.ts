import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantDb } from '@kernteam/persistence';
import { auditHash, AuditEntry, GENESIS_HASH, NO_TENANT_CHAIN } from './audit-event';

interface ActorLike { id: string; tenantId: string; ip: string | null }

/** Appends to the per-tenant hash chain. Writes join the caller's transaction, so a rolled-back change leaves no row. */
@Injectable()
export class AuditService {
  constructor(private readonly db: TenantDb) {}

  async append(em: EntityManager, entry: AuditEntry): Promise<void> {
    const chainKey = entry.tenantId ?? NO_TENANT_CHAIN;
    await em.query(
      `INSERT INTO audit_chain_heads (chain_key, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT (chain_key) DO NOTHING`,
      [chainKey, GENESIS_HASH],
    );
    // The row lock on the chain head orders concurrent appends of one tenant.
    const [head] = await em.query(`SELECT last_seq, last_hash FROM audit_chain_heads WHERE chain_key = $1 FOR UPDATE`, [chainKey]);
    const seq = Number(head.last_seq) + 1;
    const at = new Date().toISOString();
    const chained = { ...entry, seq, at, prevHash: head.last_hash as string };
    const hash = auditHash(chained);
    await em.query(
      `INSERT INTO audit_events (tenant_id, seq, at, actor_id, action, entity_type, entity_id, outcome, ip, details, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [entry.tenantId, seq, at, entry.actorId, entry.action, entry.entityType ?? null, entry.entityId ?? null, entry.outcome,
        entry.ip ?? null, JSON.stringify(entry.details ?? {}), chained.prevHash, hash],
    );
    await em.query(`UPDATE audit_chain_heads SET last_seq = $2, last_hash = $3 WHERE chain_key = $1`, [chainKey, seq, hash]);
  }

  /** An allowed action of a signed-in user, in the caller's transaction. */
  async record(
    em: EntityManager, actor: ActorLike, action: string, entity?: { type: string; id: string } | null, details?: AuditEntry['details'],
  ): Promise<void> {
    await this.append(em, {
      tenantId: actor.tenantId, actorId: actor.id, action, entityType: entity?.type ?? null, entityId: entity?.id ?? null, outcome: 'ALLOWED',
      ip: actor.ip, details,
    });
  }

  /** A refused attempt, in its own transaction: the request's own work is rolled back, the refusal must stay. */
  async denied(actor: ActorLike, action: string, entityType?: string, entityId?: string | null, details?: AuditEntry['details']): Promise<void> {
    await this.db.tx({ tenantId: actor.tenantId }, (em) =>
      this.append(em, { tenantId: actor.tenantId, actorId: actor.id, action, entityType, entityId, outcome: 'DENIED', ip: actor.ip, details }),
    );
  }

  /** An allowed action recorded in a transaction of its own (reads, logins). */
  async allowed(actor: ActorLike, action: string, entityType?: string, entityId?: string, details?: AuditEntry['details']): Promise<void> {
    await this.db.tx({ tenantId: actor.tenantId }, (em) =>
      this.append(em, { tenantId: actor.tenantId, actorId: actor.id, action, entityType, entityId, outcome: 'ALLOWED', ip: actor.ip, details }),
    );
  }
}
