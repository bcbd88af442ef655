import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import { TenantDb } from '@kernteam/persistence';
import { JOBS, JobName, QueueName, SCHEDULE_TIMEZONE, SCHEDULES } from './job-definitions';
import { ON_JOB } from './on-job.decorator';
import { OutboxService } from './outbox.service';
import { QueueRegistry } from './queue-registry.service';

type Handler = (payload: Record<string, unknown>, job: Job) => Promise<unknown>;

/**
 * Finds every `@OnJob` method and runs one BullMQ worker per queue that has handlers. A job that came from the outbox
 * is complete when its handler returns: the runner writes `completed_at` then (handlers that write data do it in
 * their own transaction already). Schedules are registered at start, again whenever the queue connection becomes
 * ready, and checked every SCHEDULE_CHECK_MS against the queue's own list.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly workers: Worker[] = [];
  readonly handlers = new Map<JobName, Handler>();
  private stopped = false;
  private registering?: Promise<unknown>;
  private checkTimer?: NodeJS.Timeout;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly queues: QueueRegistry,
    private readonly db: TenantDb,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const name = this.reflector.get<JobName | undefined>(ON_JOB, proto[method]);
        if (!name) continue;
        if (this.handlers.has(name)) throw new Error(`job ${name} has two handlers`);
        this.handlers.set(name, (proto[method] as Handler).bind(instance));
      }
    }
    const byQueue = new Set<QueueName>([...this.handlers.keys()].map((n) => JOBS[n].queue));
    for (const queue of byQueue) {
      const worker = this.queues.connection.makeWorker(queue, (job) => this.process(job), {
        concurrency: Number(process.env.WORKER_CONCURRENCY || 4),
        // How soon a job of a worker that died is noticed and run again (BullMQ's defaults: 30 s each).
        lockDuration: Number(process.env.WORKER_LOCK_MS || 30_000),
        stalledInterval: Number(process.env.WORKER_STALLED_INTERVAL_MS || 30_000),
      });
      worker.on('failed', (job, err) => this.logger.warn(`${job?.name ?? '?'} #${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`));
      worker.on('error', () => undefined);
      this.workers.push(worker);
    }
    // In the background: a queue that is down at start must not keep the worker from starting.
    this.ensureSchedulesInBackground();
    this.queues.connection.onReady(() => this.ensureSchedulesInBackground());
    const every = Number(process.env.SCHEDULE_CHECK_MS || 60_000);
    this.checkTimer = setInterval(() => this.ensureSchedulesInBackground(), every);
    this.checkTimer.unref();
    this.logger.log(`running ${this.handlers.size} job handlers on ${byQueue.size} queues (${this.queues.connection.kind}), ${Object.keys(SCHEDULES).length} schedules`);
  }

  private ensureSchedulesInBackground(): void {
    if (this.stopped || this.registering) return;
    this.registering = this.registerSchedules().finally(() => (this.registering = undefined));
  }

  /**
   * Upserts every schedule the queues do not have (or have with another pattern), retrying while the backend is
   * unreachable; returns the ids it (re-)registered. Idempotent: upserting an existing schedule changes nothing.
   */
  async registerSchedules(): Promise<string[]> {
    const registered: string[] = [];
    for (;;) {
      try {
        const missing = await this.missingSchedules();
        for (const id of missing) {
          const schedule = SCHEDULES[id];
          const def = JOBS[schedule.job];
          await this.queues.queue(def.queue).upsertJobScheduler(id, { pattern: schedule.pattern, tz: SCHEDULE_TIMEZONE }, {
            name: schedule.job, data: { tenantId: null, schedule: id }, opts: def.options,
          });
          registered.push(id);
        }
        if (registered.length && this.registeredOnce) this.logger.warn(`schedules missing from the queue, registered again: ${registered.join(', ')}`);
        this.registeredOnce = true;
        return registered;
      } catch (e) {
        this.logger.warn(`schedules not checked yet: ${e instanceof Error ? e.message : e}`);
        if (this.stopped) return registered;
        await new Promise((r) => setTimeout(r, 5_000).unref());
      }
    }
  }
  private registeredOnce = false;

  /** The expected schedules (SCHEDULES) the queues' `getJobSchedulers()` lack or hold with another pattern. */
  async missingSchedules(): Promise<string[]> {
    const byQueue = new Map<QueueName, Map<string, string | undefined>>();
    for (const schedule of Object.values(SCHEDULES)) {
      const queue = JOBS[schedule.job].queue;
      if (byQueue.has(queue)) continue;
      const list = await this.queues.queue(queue).getJobSchedulers(0, -1);
      byQueue.set(queue, new Map(list.map((j) => [j.key, j.pattern ?? undefined])));
    }
    return Object.entries(SCHEDULES)
      .filter(([id, s]) => byQueue.get(JOBS[s.job].queue)?.get(id) !== s.pattern)
      .map(([id]) => id);
  }

  private async process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    const result = await handler(job.data as Record<string, unknown>, job);
    const outboxId = (job.data as Record<string, unknown>).outboxId;
    if (outboxId !== undefined) await this.db.system((em) => this.outbox.completeAsSystem(em, outboxId));
    return result;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.checkTimer);
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
  }
}
