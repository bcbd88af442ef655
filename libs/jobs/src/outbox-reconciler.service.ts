import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TenantDb } from '@kernteam/persistence';
import type { JobName } from './job-definitions';
import { QueueRegistry } from './queue-registry.service';

const BATCH = 200;

interface Incomplete { id: string; tenant_id: string | null; job_name: JobName; payload: Record<string, unknown>; redispatches: number }

export interface ReconcileResult {
  checked: number;
  /** Re-added because the queue no longer had them (a flushed or restarted Redis). */
  redispatched: number;
  /** Ran to the end in the queue, but the worker died before writing completion. */
  completed: number;
  /** Failed in the queue (exhausted retries, stalled too often) and run again. */
  rerun: number;
}

/**
 * PostgreSQL is the record of what must happen; the queue may forget. Periodically, and whenever the queue connection
 * becomes ready again, outbox rows dispatched more than a grace period ago and still not completed are looked up in
 * the queue by their stable job id (`outbox-<id>`): a missing job is added again (a duplicate add collapses on the
 * id, handlers are idempotent), a completed one is marked complete, a failed one is run again a bounded number of times.
 */
@Injectable()
export class OutboxReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxReconciler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private readonly graceMs = Number(process.env.OUTBOX_RECONCILE_GRACE_MS || 60_000);
  private readonly everyMs = Number(process.env.OUTBOX_RECONCILE_MS || 30_000);
  private readonly maxReruns = Number(process.env.OUTBOX_MAX_RERUNS || 3);

  constructor(private readonly db: TenantDb, private readonly queues: QueueRegistry) {}

  onApplicationBootstrap(): void {
    this.queues.connection.onReady(() => this.kick());
    this.schedule(this.everyMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Runs a pass now (after a reconnect), unless one is running. */
  kick(): void {
    if (this.stopped || this.running) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.reconcileOnce()
        .catch((e) => this.logger.warn(`reconcile pass failed: ${e instanceof Error ? e.message : e}`))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.everyMs);
        });
    }, ms);
    this.timer.unref();
  }

  async reconcileOnce(graceMs = this.graceMs): Promise<ReconcileResult> {
    const rows: Incomplete[] = await this.db.system((em) => em.query(
      `SELECT id, tenant_id, job_name, payload, redispatches FROM outbox
        WHERE sent_at IS NOT NULL AND completed_at IS NULL AND sent_at < now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY id LIMIT ${BATCH}`,
      [graceMs],
    ));
    const result: ReconcileResult = { checked: rows.length, redispatched: 0, completed: 0, rerun: 0 };
    for (const row of rows) {
      const jobId = `outbox-${row.id}`;
      const state = await this.queues.state(row.job_name, jobId);
      if (state === 'completed') {
        await this.db.system((em) => em.query(`UPDATE outbox SET completed_at = now() WHERE id = $1 AND completed_at IS NULL`, [row.id]));
        result.completed++;
        continue;
      }
      if (state === 'failed') {
        if (row.redispatches >= this.maxReruns) continue; // left for an operator; the failure is in the queue and the log
        await this.queues.remove(row.job_name, jobId);
      } else if (state !== 'unknown') {
        continue; // waiting, delayed, active: the queue still has it
      }
      await this.queues.add(row.job_name, { ...row.payload, tenantId: row.tenant_id, outboxId: Number(row.id) }, jobId);
      await this.db.system((em) => em.query(
        `UPDATE outbox SET sent_at = now(), redispatches = redispatches + 1, last_error = $2 WHERE id = $1`,
        [row.id, state === 'failed' ? 'job failed in the queue; run again' : 'job missing from the queue; dispatched again'],
      ));
      if (state === 'failed') result.rerun++;
      else result.redispatched++;
    }
    if (result.redispatched || result.rerun || result.completed) {
      this.logger.warn(`outbox reconciled: ${result.redispatched} lost jobs dispatched again, ${result.rerun} failed jobs run again, ${result.completed} completions recorded`);
    }
    return result;
  }
}
