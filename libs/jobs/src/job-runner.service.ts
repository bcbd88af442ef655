import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { JOBS, JobName, QueueName, SCHEDULE_TIMEZONE, SCHEDULES } from './job-definitions';
import { ON_JOB } from './on-job.decorator';
import { QueueRegistry } from './queue-registry.service';

type Handler = (payload: Record<string, unknown>, job: Job) => Promise<unknown>;

/** Finds every `@OnJob` method and runs one BullMQ worker per queue that has handlers. */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly workers: Worker[] = [];
  readonly handlers = new Map<JobName, Handler>();
  private stopped = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly queues: QueueRegistry,
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
    void this.registerSchedules();
    this.logger.log(`running ${this.handlers.size} job handlers on ${byQueue.size} queues (${this.queues.connection.kind}), ${Object.keys(SCHEDULES).length} schedules`);
  }

  /** Upserts every schedule (idempotent), retrying while the queue backend is unreachable. */
  private async registerSchedules(): Promise<void> {
    const pending = new Map(Object.entries(SCHEDULES));
    while (pending.size && !this.stopped) {
      for (const [id, schedule] of pending) {
        const def = JOBS[schedule.job];
        try {
          await this.queues.queue(def.queue).upsertJobScheduler(id, { pattern: schedule.pattern, tz: SCHEDULE_TIMEZONE }, {
            name: schedule.job, data: { tenantId: null, schedule: id }, opts: def.options,
          });
          pending.delete(id);
        } catch (e) {
          this.logger.warn(`schedule ${id} not registered yet: ${e instanceof Error ? e.message : e}`);
          break;
        }
      }
      if (pending.size && !this.stopped) await new Promise((r) => setTimeout(r, 5_000).unref());
    }
  }

  private async process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler(job.data as Record<string, unknown>, job);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
  }
}
