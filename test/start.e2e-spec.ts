import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { seedTenant, startApp, TestApp, TestTenant } from './support/app';

/**
 * `npm start` with DATABASE_URL (API.md "Running"): the whole product in one process, so an export requested through
 * its API is made without a separate worker; `npm run start:api` (`--without-worker`) leaves the worker out; and a
 * server started on a real database listens on every interface.
 */
const MAIN = resolve(__dirname, '../dist/apps/api/src/main.js');

const freePort = async () => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
};

const externalAddress = () =>
  Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

const accepts = (address: string, port: number) =>
  new Promise<boolean>((r) => {
    const s = new Socket();
    s.setTimeout(2000);
    s.once('connect', () => (s.destroy(), r(true)));
    s.once('error', () => r(false));
    s.once('timeout', () => (s.destroy(), r(false)));
    s.connect(port, address);
  });

describe('npm start with DATABASE_URL', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const children: ChildProcess[] = [];

  /** The built product on the run's database and Redis, with a queue prefix of its own (no other worker helps). */
  const start = async (args: string[] = []) => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'log', QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-start-${port}`, DB_MIGRATIONS_RUN: 'false' };
    for (const k of ['RUN_WORKER', 'HOST']) delete env[k];
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (b) => (output += b));
    child.stderr!.on('data', (b) => (output += b));
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`product exited: ${output}`);
      if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) return { port, output: () => output };
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`product did not become healthy: ${output}`);
  };

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('build first: npm run build (npm test does)');
    t = await startApp();
    tenant = await seedTenant(t, 'Start');
  });
  afterAll(async () => {
    for (const c of children) {
      if (c.exitCode !== null) continue;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    }
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
