import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TenantDb } from '@kernteam/persistence';
import type { JobName } from './job-definitions';
import { QueueRegistry } from './queue-registry.service';

const BATCH = 100;

/**
 * Moves committed outbox rows to BullMQ and marks them sent. Rows are locked with SKIP LOCKED so several workers
 * share the work; the job id is derived from the row id so a crash between enqueue and commit cannot duplicate a job.
 * While the queue is unreachable nothing is marked sent, and the relay catches up when it returns.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private wasDown = false;

  constructor(private readonly db: TenantDb, private readonly queues: QueueRegistry) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.relayOnce()
        .then((n) => this.schedule(n === BATCH ? 0 : Number(process.env.OUTBOX_POLL_MS || 500)))
        .catch((e) => {
          this.logger.warn(`relay pass failed: ${e instanceof Error ? e.message : e}`);
          this.schedule(2_000);
        });
    }, ms);
  }

  /** One pass; returns how many rows were sent. */
  async relayOnce(): Promise<number> {
    return this.db.system(async (em) => {
      const rows: { id: string; tenant_id: string | null; job_name: JobName; payload: Record<string, unknown> }[] = await em.query(
        `SELECT id, tenant_id, job_name, payload FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      const sent: string[] = [];
      for (const row of rows) {
        try {
          await this.queues.add(row.job_name, { ...row.payload, tenantId: row.tenant_id, outboxId: Number(row.id) }, `outbox-${row.id}`);
          sent.push(row.id);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          await em.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [row.id, message.slice(0, 500)]);
          if (!this.wasDown) this.logger.warn(`queue unavailable, outbox rows wait: ${message}`);
          this.wasDown = true;
          break; // keep order; retry the rest on the next pass
        }
      }
      if (sent.length) {
        await em.query(`UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])`, [sent]);
        if (this.wasDown) this.logger.log('queue reachable again, outbox catching up');
        this.wasDown = false;
      }
      return sent.length;
    });
  }
}
