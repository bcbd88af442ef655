import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { JobName } from './job-definitions';

/** Side effects are written here in the caller's transaction and dispatched to BullMQ only after commit. */
@Injectable()
export class OutboxService {
  async add(em: EntityManager, tenantId: string | null, job: JobName, payload: Record<string, unknown>): Promise<void> {
    await em.query(`INSERT INTO outbox (tenant_id, job_name, payload) VALUES ($1, $2, $3)`, [tenantId, job, JSON.stringify(payload)]);
  }
}
