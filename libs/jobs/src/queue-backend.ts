import type { Processor, Queue, Worker, WorkerOptions } from 'bullmq';
import type { Redis, RedisOptions } from 'ioredis';
import { Client } from 'pg';

export type BackendKind = 'redis' | 'postgres';

/**
 * bullmq (with lodash, luxon, msgpackr and its Lua and SQL scripts: several MB of heap) is loaded when the first queue
 * or worker is made, not at boot: an API started without the worker makes none, its /health pings Redis directly.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bullmq = () => require('bullmq') as typeof import('bullmq');

export interface QueueConnection {
  kind: BackendKind;
  makeQueue(name: string): Queue;
  makeWorker(name: string, processor: Processor, opts?: Partial<WorkerOptions>): Worker;
  /**
   * Resolves when the backend answers, without making a queue; undefined on the PostgreSQL backend, where the
   * caller asks a queue instead.
   */
  ping?(): Promise<void>;
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
    const clients: Redis[] = [];
    const listeners: (() => void)[] = [];
    let debounce: NodeJS.Timeout | undefined;
    let probe: Redis | undefined;
    let probeReady: Promise<void> | undefined;
    // Several clients reconnect at once after an outage: one call for all of them.
    const ready = () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => listeners.forEach((l) => l()), 250).unref();
    };
    const client = (extra: RedisOptions, onReady = true) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Redis } = require('ioredis') as typeof import('ioredis');
      const c = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false, ...extra });
      c.on('error', () => undefined); // reconnects by itself; the relay reports unavailability
      if (onReady) c.on('ready', ready);
      clients.push(c);
      return c;
    };
    // Producers (and the health probe) fail fast while Redis is down (the outbox keeps the job); workers wait and reconnect.
    return {
      kind: 'redis',
      makeQueue: (name) => new (bullmq().Queue)(name, { connection: client({ enableOfflineQueue: false }), prefix }),
      makeWorker: (name, processor, wopts) => new (bullmq().Worker)(name, processor, { connection: client({}), prefix, ...wopts }),
      ping: async () => {
        const c = (probe ??= client({ enableOfflineQueue: false }, false));
        // Like a queue, the probe waits for its connection (bounded by the caller's timeout); one listener at a time.
        if (c.status !== 'ready') await (probeReady ??= new Promise<void>((resolve) => c.once('ready', () => { probeReady = undefined; resolve(); })));
        await c.ping();
      },
      onReady: (listener) => void listeners.push(listener),
      close: async () => {
        clearTimeout(debounce);
        await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      },
    };
  }
  const makeBackend = () => bullmq().withBackend(bullmq().createPostgresBackend);
  let pg: ReturnType<typeof makeBackend> | undefined;
  const backend = () => (pg ??= makeBackend());
  return {
    kind: 'postgres',
    makeQueue: (name) => new (backend().Queue)(name, { connection: opts.databaseUrl }) as unknown as Queue,
    makeWorker: (name, processor, wopts) =>
      new (backend().Worker)(name, processor, { connection: opts.databaseUrl, ...wopts } as never) as unknown as Worker,
    onReady: () => undefined,
    close: async () => undefined,
  };
}

/** Creates or upgrades BullMQ's own schema when it runs on PostgreSQL. */
export async function migrateQueueSchema(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await bullmq().runMigrations(client);
  } finally {
    await client.end();
  }
}
