import { existsSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { eventually } from './support/eventually';
import { bearer, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { freePort, PRODUCT_MAIN, RunningProduct, startProduct } from './support/product';

/**
 * A TCP proxy in front of the run's PostgreSQL that the test can cut (no listener, every connection dropped) and
 * restore on the same port: the database "goes away" and "comes back" without touching the shared server.
 */
class DbProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(readonly port: number, private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    if (this.server) return;
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => (client.destroy(), upstream.destroy()));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    for (const s of this.sockets) s.destroy();
    await closed;
    this.server = undefined;
  }
}

/** The run's DATABASE_URL with the proxy's port. */
const viaProxy = (port: number) => {
  const url = new URL(process.env.DATABASE_URL!);
  const target = { host: url.hostname, port: Number(url.port || 5432) };
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return { url: url.toString(), target };
};

const isProblem = (res: Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
};

describe('database faults', () => {
  describe('at runtime', () => {
    let t: TestApp;
    let tenant: TestTenant;
    let proxy: DbProxy;
    const original = process.env.DATABASE_URL;

    beforeAll(async () => {
      const port = await freePort();
      const { url, target } = viaProxy(port);
      proxy = new DbProxy(port, target);
      await proxy.up();
      process.env.DATABASE_URL = url;
      t = await startApp();
      tenant = await seedTenant(t, 'Db faults');
    });
    afterAll(async () => {
      await proxy.up();
      await t?.close();
      await proxy.cut();
      process.env.DATABASE_URL = original;
    });

    it('answers data routes 503 problem+json while PostgreSQL is unreachable, and recovers by itself when it returns', async () => {
      await t.http().get('/api/dossiers').set(bearer(tenant.tokens.casemanager)).expect(200);
      await proxy.cut();
      for (const path of ['/api/dossiers', '/api/me', '/api/settings']) {
        const res = await t.http().get(path).set(bearer(tenant.tokens.admin));
        expect(res.status).toBe(503);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.headers['retry-after']).toBeDefined();
      }
      const write = await t.http().post('/api/auth/login').send({ email: tenant.emails.admin, password: 'x' });
      expect(write.status).toBe(503);
      await t.http().get('/health').expect(503);
      await proxy.up();
      const back = await eventually(() => t.http().get('/api/dossiers').set(bearer(tenant.tokens.casemanager)), (r) => r.status === 200);
      expect(back.status).toBe(200);
      await t.http().get('/health').expect(200);
    });
  });

  describe('at start-up', () => {
    let product: RunningProduct | undefined;
    let proxy: DbProxy | undefined;
    afterAll(async () => {
      await product?.stop();
      await proxy?.cut();
    });

    it('keeps retrying with backoff, serves /health as 503 meanwhile, and becomes healthy when the database comes', async () => {
      if (!existsSync(PRODUCT_MAIN)) throw new Error('build first: npm run build:server');
      const [dbPort, port] = [await freePort(), await freePort()];
      const { url, target } = viaProxy(dbPort);
      const env: NodeJS.ProcessEnv = {
        ...process.env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'log', QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-dbwait-${port}`,
        DB_MIGRATIONS_RUN: 'false', DB_CONNECT_RETRY_MAX_SECONDS: '2', HOST: '127.0.0.1',
      };
      delete env.RUN_WORKER;
      // Nothing listens on dbPort yet: ready as soon as the stand-in answers /health with 503.
      product = await startProduct({
        env, port, args: ['--without-worker'], timeoutMs: 30_000,
        ready: (base) => fetch(`${base}/health`).then((r) => r.status === 503, () => false),
      });
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'error', db: 'down' });
      isProblem(await fetch(`${base}/api/me`), 503);
      await new Promise((r) => setTimeout(r, 2_500));
      expect(product.child.exitCode).toBeNull();
      expect(product.output()).toMatch(/database not reachable \(attempt [2-9]/);

      proxy = new DbProxy(dbPort, target);
      await proxy.up();
      const healthy = await eventually(() => fetch(`${base}/health`).then((r) => r.status, () => 0), (s) => s === 200, 30_000);
      expect(healthy).toBe(200);
      isProblem(await fetch(`${base}/api/me`), 401);
    });
  });
});
