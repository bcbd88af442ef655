import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { createServer, Server, Socket, connect } from 'node:net';
import { TenantDb } from '@kernteam/persistence';
import { createWorker } from '../apps/worker/src/worker.factory';
import { bearer, createDossier, seedTenant, startApp, screen, TestApp, TestTenant, transition } from './support/app';
import { eventually } from './support/eventually';

/** A TCP proxy in front of the real Redis that the test can take down and bring back. */
class RedisSwitch {
  private server?: Server;
  private sockets = new Set<Socket>();
  constructor(readonly port: number, private readonly target = { host: '127.0.0.1', port: 6379 }) {}
  static async freePort(): Promise<number> {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as { port: number }).port;
    await new Promise<void>((r) => s.close(() => r()));
    return port;
  }
  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => { client.destroy(); upstream.destroy(); };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = undefined;
  }
}

describe('outbox: side effects survive a Redis outage', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let redis: RedisSwitch;
  let worker: INestApplicationContext | undefined;
  const realRedisUrl = process.env.REDIS_URL!;

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Outbox');
    redis = new RedisSwitch(await RedisSwitch.freePort());
    // Rows other test files of this run left unsent are not this test's: while the queue is down the relay keeps
    // retrying the oldest row only, so this test's rows would never get their first attempt behind them.
    await t.app.get(TenantDb).system((em) => em.query(`UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL`));
  });
  afterAll(async () => {
    await worker?.close();
    await redis.down();
    process.env.REDIS_URL = realRedisUrl;
    await t.close();
  });

  const outboxRows = (dossierId: string) =>
    t.app.get(TenantDb).system((em) =>
      em.query(`SELECT id, sent_at, attempts, payload FROM outbox WHERE payload->>'entityId' = $1 ORDER BY id`, [dossierId]),
    ) as Promise<{ id: string; sent_at: Date | null; attempts: number; payload: Record<string, unknown> }[]>;

  it('commits the transition while Redis is down and relays its outbox row once Redis is back', async () => {
    process.env.REDIS_URL = `redis://127.0.0.1:${redis.port}`; // the worker's Redis, currently unreachable
    worker = await createWorker();

    const d = await createDossier(t, tenant);
    const res = await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 1).expect(200);
    expect(res.body.state).toBe('SCREENING');

    // The relay tries, fails, and keeps the rows.
    const waiting = await eventually(() => outboxRows(d.id), (rows) => rows.length === 2 && rows.some((r) => r.attempts > 0));
    expect(waiting.map((r) => r.sent_at)).toEqual([null, null]);
    expect(waiting.some((r) => r.attempts > 0)).toBe(true);

    await redis.up();
    const sent = await eventually(() => outboxRows(d.id), (rows) => rows.every((r) => r.sent_at !== null), 30_000);
    expect(sent.every((r) => r.sent_at !== null)).toBe(true);

    // The jobs are really in Redis, once each, and the worker ran them.
    const conn = new IORedis(realRedisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('events', { connection: conn, prefix: process.env.QUEUE_PREFIX });
    try {
      for (const row of sent) {
        const job = await eventually(() => queue.getJob(`outbox-${row.id}`), (j) => !!j?.finishedOn);
        expect(job?.name).toBe('workflow.transitioned');
        expect(job?.data).toMatchObject({ entityType: 'Dossier', entityId: d.id, tenantId: tenant.tenantId });
        expect(job?.finishedOn).toBeDefined();
        expect(job?.failedReason).toBeFalsy();
      }
      expect(JSON.stringify(sent.map((r) => r.payload))).not.toContain('Testachternaam');
    } finally {
      await queue.close();
      await conn.quit();
    }
  });

  it('writes state, event, audit and outbox in one transaction: a failure part-way leaves nothing behind', async () => {
    const d = await createDossier(t, tenant);
    await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 1).expect(200);
    await screen(t, tenant, d.id);
    const db = t.app.get(TenantDb);
    const counts = () =>
      db.system(async (em) => {
        const [row] = await em.query(
          `SELECT (SELECT state FROM dossiers WHERE id = $1) AS state, (SELECT version FROM dossiers WHERE id = $1) AS version,
                  (SELECT count(*)::int FROM workflow_events WHERE entity_id = $1) AS events,
                  (SELECT count(*)::int FROM audit_events WHERE entity_id = $1 AND action = 'dossier.transition') AS audits,
                  (SELECT count(*)::int FROM outbox WHERE payload->>'entityId' = $1::text) AS outbox`,
          [d.id],
        );
        return row;
      });
    const before = await counts();
    // The last write of the transaction (the outbox row) fails, as if the process died there.
    await db.dataSource.query(`
      CREATE OR REPLACE FUNCTION test_fail_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.payload->>'entityId' = '${d.id}' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_fail_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION test_fail_outbox();`);
    try {
      const res = await transition(t, tenant.tokens.casemanager, d.id, 'RETAIN', 2);
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ status: 500 });
      expect(JSON.stringify(res.body)).not.toContain('simulated crash');
    } finally {
      await db.dataSource.query(`DROP TRIGGER test_fail_outbox ON outbox; DROP FUNCTION test_fail_outbox();`);
    }
    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({ state: 'SCREENING', version: 2 });
    // And the same transition goes through once the failure is gone.
    await transition(t, tenant.tokens.casemanager, d.id, 'RETAIN', 2).expect(200);
    const after = await counts();
    expect(after).toEqual({ state: 'WEERHOUDEN', version: 3, events: before.events + 1, audits: before.audits + 1, outbox: before.outbox + 1 });
    await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.casemanager)).expect(200);
  });
});
