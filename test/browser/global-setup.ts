import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort, startProduct } from '../support/product';

const ROOT = resolve(__dirname, '../..');
/** Demo logins as the seed prints them: `  <role> <email> <password>`, keyed by the address's local part. */
export function parseLogins(output: string): Record<string, { email: string; password: string; role: string }> {
  const out: Record<string, { email: string; password: string; role: string }> = {};
  for (const line of output.split('\n')) {
    const m = /^\s+(\w+)\s+(\S+@\S+)\s+(\S+)\s*$/.exec(line);
    if (m) out[m[2].split('@')[0]] = { role: m[1], email: m[2], password: m[3] };
  }
  return out;
}

/**
 * The product as it is deployed: the built API (with its worker in process) on a fresh database of the machine's
 * PostgreSQL and the machine's Redis under a prefix of its own, seeded with the demo tenant by the operator command.
 */
export default async function globalSetup() {
  const admin = process.env.TEST_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = `kernteam_browser_${Date.now()}_${process.pid}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${db}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${db}`;
  const port = await freePort();
  // The product's own demo identity provider (DEMO_OIDC), as `npm start` runs it for a demo: oidc.browser-spec signs in through it.
  const oidcPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kernteam-browser-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url.toString(),
    REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `kt-browser-${Date.now()}`,
    AUTH_SECRET: randomBytes(32).toString('hex'),
    // "Known in another LIVC" on, as on the embedded demo (the demo seed keys its subjects with it).
    MATCH_SECRET: randomBytes(32).toString('hex'),
    PORT: String(port),
    HOST: '127.0.0.1',
    RUN_WORKER: 'true',
    DATA_DIR: dataDir,
    EXPORT_DIR: join(dataDir, 'exports'),
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '100',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DEMO_OIDC: 'true',
    DEMO_OIDC_PORT: String(oidcPort),
  };
  delete env.SMTP_URL;
  const seeded = execFileSync(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), 'seed-demo'], { env, encoding: 'utf8' });
  const logins = parseLogins(seeded);
  if (!logins.casemanager) throw new Error(`the demo seed printed no logins:\n${seeded}`);

  // Ready once it serves the UI too, not only /health.
  const { child } = await startProduct({
    env, port, timeoutMs: 60_000,
    ready: async (base) => (await fetch(`${base}/health`).then((r) => r.ok, () => false)) && fetch(`${base}/`).then((r) => r.ok, () => false),
  });
  process.env.BROWSER_BASE_URL = `http://127.0.0.1:${port}`;
  process.env.BROWSER_LOGINS = JSON.stringify(logins);
  process.env.BROWSER_DATABASE_URL = url.toString();
  process.env.BROWSER_OIDC_ISSUER = `http://127.0.0.1:${oidcPort}`;
  writeFileSync(join(dataDir, 'state.json'), JSON.stringify({ pid: child.pid, db, admin, dataDir }));
  process.env.BROWSER_STATE = join(dataDir, 'state.json');
}
