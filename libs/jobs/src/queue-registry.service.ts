import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { readRuntimeConfig } from '@kernteam/persistence';
import { JOBS, JobName, QueueName } from './job-definitions';
import { connectQueues, QueueConnection } from './queue-backend';

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });

/** The process's queues, created on first use on the configured backend. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  readonly connection: QueueConnection;
  private readonly queues = new Map<QueueName, Queue>();

  constructor() {
    const cfg = readRuntimeConfig();
    this.connection = connectQueues({ redisUrl: cfg.redisUrl, databaseUrl: cfg.databaseUrl!, prefix: cfg.queuePrefix });
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = this.connection.makeQueue(name);
      q.on('error', () => undefined); // surfaced through `add` failures and /health
      this.queues.set(name, q);
    }
    return q;
  }

  /** Enqueues a job with its declared options; `jobId` makes a re-send of the same outbox row a no-op. */
  async add(job: JobName, payload: Record<string, unknown>, jobId?: string): Promise<void> {
    const def = JOBS[job];
    await withTimeout(this.queue(def.queue).add(job, payload, { ...def.options, ...(jobId ? { jobId } : {}) }), 5_000, `enqueue ${job}`);
  }

  /** The job's state in its queue; 'unknown' when the queue does not have it (never added, removed, or lost). */
  async state(job: JobName, jobId: string): Promise<string> {
    return withTimeout(this.queue(JOBS[job].queue).getJobState(jobId), 5_000, `state of ${job}`);
  }

  /** Removes a finished job so the same id can be added again. */
  async remove(job: JobName, jobId: string): Promise<void> {
    await withTimeout(this.queue(JOBS[job].queue).remove(jobId), 5_000, `remove ${job}`);
  }

  /** On Redis a PING, so that /health makes no queue (and loads no bullmq); on PostgreSQL a count of a queue. */
  async isUp(): Promise<boolean> {
    try {
      const answer = this.connection.ping?.() ?? this.queue('events').getJobCounts('waiting');
      await withTimeout<unknown>(answer, 2_000, 'queue count');
      return true;
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    await this.connection.close();
  }
}
