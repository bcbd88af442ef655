import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlLiteral, TenantDb } from '@kernteam/persistence';
import { AuditEntry, bodyDigest } from './audit-event';

/** All entries of a transaction in one call; the function chains them in order (migration 1766200000000). */
const renderAppend = (entries: unknown[]): string => `SELECT audit_append(${sqlLiteral(JSON.stringify(entries))}::jsonb)`;

interface ActorLike { id: string; tenantId: string; ip: string | null }

/** Appends to the per-tenant hash chain. Writes join the caller's transaction, so a rolled-back change leaves no row. */
@Injectable()
export class AuditService {
  constructor(private readonly db: TenantDb) {}

  /**
   * Appends to the chain of the entry's tenant, in the caller's transaction. In a transaction of {@link TenantDb} the
   * entry is sent with its COMMIT (one `audit_append` call for all of its entries), so the chain head's row lock is held
   * only for the commit and appends of one tenant do not queue behind each other's requests; anywhere else at once.
   */
  async append(em: EntityManager, entry: AuditEntry): Promise<void> {
    const at = new Date().toISOString();
    const row = {
      tenantId: entry.tenantId, at, actorId: entry.actorId, action: entry.action, entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null, outcome: entry.outcome, ip: entry.ip ?? null,
      // As jsonb will give it back (keys holding undefined dropped), so the digest is of what is stored.
      details: entry.details ? (JSON.parse(JSON.stringify(entry.details)) as AuditEntry['details']) : {},
    };
    const queued = { ...row, bodyDigest: bodyDigest(row) };
    if (TenantDb.atCommit(em, 'audit', queued, renderAppend)) return;
    await em.query(`SELECT audit_append($1::jsonb)`, [JSON.stringify([queued])]);
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
