import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { JobName } from './job-definitions';

/**
 * Side effects are written here in the caller's transaction and dispatched to BullMQ only after commit. PostgreSQL is
 * the record of what must happen: a row is done when its handler wrote `completed_at`, not when it reached the queue.
 */
@Injectable()
export class OutboxService {
  async add(em: EntityManager, tenantId: string | null, job: JobName, payload: Record<string, unknown>): Promise<void> {
    await em.query(`INSERT INTO outbox (tenant_id, job_name, payload) VALUES ($1, $2, $3)`, [tenantId, job, JSON.stringify(payload)]);
  }

  /**
   * Marks the outbox row a job came from done, in the handler's own transaction (so its data and its completion commit
   * together). Jobs without a row (schedules, manual runs) pass no id; marking twice keeps the first time.
   */
  async complete(em: EntityManager, outboxId: unknown): Promise<void> {
    const id = Number(outboxId);
    if (!Number.isSafeInteger(id) || id <= 0) return;
    // A function, so the app role (tenant transactions) needs no right to read or change the outbox itself.
    await em.query(`SELECT complete_outbox($1)`, [id]);
  }

  /** The same outside a tenant's transaction (`TenantDb.system`: the job runner, the reconciler). */
  async completeAsSystem(em: EntityManager, outboxId: unknown): Promise<void> {
    const id = Number(outboxId);
    if (!Number.isSafeInteger(id) || id <= 0) return;
    await em.query(`UPDATE outbox SET completed_at = now() WHERE id = $1 AND completed_at IS NULL`, [id]);
  }
}
