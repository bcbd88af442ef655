import { Queue, Worker, withBackend, createPostgresBackend, runMigrations, Processor, WorkerOptions } from 'bullmq';
import IORedis, { RedisOptions } from 'ioredis';
import { Client } from 'pg';

export type BackendKind = 'redis' | 'postgres';

export interface QueueConnection {
  kind: BackendKind;
  makeQueue(name: string): Queue;
  makeWorker(name: string, processor: Processor, opts?: Partial<WorkerOptions>): Worker;
  /**
   * Called whenever a connection to the backend becomes ready, the first time and after every reconnect (a restarted
   * Redis is empty: schedules and jobs must be put back). Never called on the PostgreSQL backend, which loses nothing.
   */
  onReady(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * Picks the BullMQ backend from configuration: Redis at `REDIS_URL` in production, else BullMQ's PostgreSQL
 * backend on the product's own database, so the quick start needs no Redis. Queue and worker code is the same.
 */
export function connectQueues(opts: { redisUrl?: string; databaseUrl: string; prefix?: string }): QueueConnection {
  if (opts.redisUrl) {
    const prefix = opts.prefix ?? 'kernteam';
    const url = opts.redisUrl;
    const clients: IORedis[] = [];
    const listeners: (() => void)[] = [];
    let debounce: NodeJS.Timeout | undefined;
    // Several clients reconnect at once after an outage: one call for all of them.
    const ready = () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => listeners.forEach((l) => l()), 250).unref();
    };
    const client = (extra: RedisOptions) => {
      const c = new IORedis(url, { maxRetriesPerRequest: null, lazyConnect: false, ...extra });
      c.on('error', () => undefined); // reconnects by itself; the relay reports unavailability
      c.on('ready', ready);
      clients.push(c);
      return c;
    };
    // Producers fail fast while Redis is down (the outbox keeps the job); workers wait and reconnect.
    return {
      kind: 'redis',
      makeQueue: (name) => new Queue(name, { connection: client({ enableOfflineQueue: false }), prefix }),
      makeWorker: (name, processor, wopts) => new Worker(name, processor, { connection: client({}), prefix, ...wopts }),
      onReady: (listener) => void listeners.push(listener),
      close: async () => {
        clearTimeout(debounce);
        await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      },
    };
  }
  const pg = withBackend(createPostgresBackend);
  return {
    kind: 'postgres',
    makeQueue: (name) => new pg.Queue(name, { connection: opts.databaseUrl }) as unknown as Queue,
    makeWorker: (name, processor, wopts) =>
      new pg.Worker(name, processor, { connection: opts.databaseUrl, ...wopts } as never) as unknown as Worker,
    onReady: () => undefined,
    close: async () => undefined,
  };
}

/** Creates or upgrades BullMQ's own schema when it runs on PostgreSQL. */
export async function migrateQueueSchema(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await runMigrations(client);
  } finally {
    await client.end();
  }
}
