import { existsSync } from 'node:fs';
import { seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { accepts, externalAddress, freePort, PRODUCT_MAIN, RunningProduct, startProduct } from './support/product';

/**
 * `npm start` with DATABASE_URL (API.md "Running"): the whole product in one process, so an export requested through
 * its API is made without a separate worker; `npm run start:api` (`--without-worker`) leaves the worker out; and a
 * server started on a real database listens on every interface.
 */
describe('npm start with DATABASE_URL', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const running: RunningProduct[] = [];

  /** The built product on the run's database and Redis, with a queue prefix of its own (no other worker helps). */
  const start = async (args: string[] = []) => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'log', QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-start-${port}`, DB_MIGRATIONS_RUN: 'false' };
    for (const k of ['RUN_WORKER', 'HOST']) delete env[k];
    const product = await startProduct({ env, port, args, timeoutMs: 60_000 });
    running.push(product);
    return product;
  };

  beforeAll(async () => {
    if (!existsSync(PRODUCT_MAIN)) throw new Error('build first: npm run build (npm test does)');
    t = await startApp();
    tenant = await seedTenant(t, 'Start');
  });
  afterAll(async () => {
    for (const p of running) await p.stop();
    await t?.close();
  });

  it('runs the worker in the same process: an export requested through it is made', async () => {
    const { port, output } = await start();
    expect(output()).toContain('worker: in process');
    const external = externalAddress();
    if (external) expect(await accepts(external, port)).toBe(true); // a server, not a demo: every interface
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.tokens.evaluator}` } });
    const created = await api('/api/exports', { method: 'POST', body: JSON.stringify({ from: '2025-01-01', to: '2025-12-31', format: 'json' }) });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    let state = 'QUEUED';
    for (let i = 0; i < 150 && (state === 'QUEUED' || state === 'RUNNING'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      state = ((await (await api(`/api/exports/${id}`)).json()) as { state: string }).state;
    }
    expect(state).toBe('DONE');
    const file = await api(`/api/exports/${id}/file`);
    expect(file.status).toBe(200);
    expect(((await file.json()) as { period: unknown }).period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  }, 90_000);

  it('leaves the worker out for a split deployment (npm run start:api)', async () => {
    const { output } = await start(['--without-worker']);
    expect(output()).toContain('worker: separate');
  }, 90_000);
});
