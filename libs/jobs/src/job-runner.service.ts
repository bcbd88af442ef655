import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { JOBS, JobName, QueueName, SCHEDULE_TIMEZONE, SCHEDULES } from './job-definitions';
import { ON_JOB } from './on-job.decorator';
import { QueueRegistry } from './queue-registry.service';

type Handler = (payload: Record<string, unknown>, job: Job) => Promise<unknown>;

const SCHEDULE_UPSERT_TIMEOUT_MS = 10_000;
const SCHEDULE_RETRY_MS = 30_000;

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });

/** Finds every `@OnJob` method and runs one BullMQ worker per queue that has handlers. */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly workers: Worker[] = [];
  readonly handlers = new Map<JobName, Handler>();
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly queues: QueueRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
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
    // In the background: a queue that is down must not hold up the worker's start (the outbox relay must run).
    this.registerSchedules(Object.keys(SCHEDULES));
    this.logger.log(`running ${this.handlers.size} job handlers on ${byQueue.size} queues (${this.queues.connection.kind}), ${Object.keys(SCHEDULES).length} schedules`);
  }

  /** Upserts the schedules (idempotent); those that fail are tried again a little later until they succeed. */
  private registerSchedules(ids: string[], attempt = 0): void {
    if (this.stopped || !ids.length) return;
    const failed: string[] = [];
    const pending = ids.map((id) => {
      const schedule = SCHEDULES[id];
      const def = JOBS[schedule.job];
      const upsert = this.queues.queue(def.queue).upsertJobScheduler(id, { pattern: schedule.pattern, tz: SCHEDULE_TIMEZONE }, {
        name: schedule.job, data: { tenantId: null, schedule: id }, opts: def.options,
      });
      return withTimeout(upsert, SCHEDULE_UPSERT_TIMEOUT_MS).catch((e: Error) => {
        failed.push(id);
        if (attempt === 0) this.logger.warn(`schedule ${id} not registered yet (${e.message}); retrying`);
      });
    });
    void Promise.all(pending).then(() => {
      if (failed.length && !this.stopped) this.retry = setTimeout(() => this.registerSchedules(failed, attempt + 1), SCHEDULE_RETRY_MS);
    });
  }

  private async process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler(job.data as Record<string, unknown>, job);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
  }
}
