import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { readRuntimeConfig } from './runtime-config';

export interface Runtime {
  databaseUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
  /** Call once the process handles SIGINT/SIGTERM itself (and calls stop()). */
  ownSignals(): void;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Makes `DATABASE_URL` and `AUTH_SECRET` available. Without `DATABASE_URL` it starts (or, when `npm start` already runs
 * one, reuses) the embedded PostgreSQL under the data directory, and keeps a generated signing secret (and MATCH_SECRET) beside it.
 * With `DATABASE_URL` (production) `AUTH_SECRET` must come from the environment.
 */
export async function prepareRuntime(): Promise<Runtime> {
  const cfg = readRuntimeConfig();
  if (cfg.databaseUrl) {
    if (!cfg.authSecret) throw new Error('AUTH_SECRET must be set when DATABASE_URL is set');
    return { databaseUrl: cfg.databaseUrl, embedded: false, stop: async () => undefined, ownSignals: () => undefined };
  }
  mkdirSync(cfg.dataDir, { recursive: true, mode: 0o700 });
  if (!cfg.authSecret) {
    const secretFile = join(cfg.dataDir, 'auth-secret');
    if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(48).toString('base64url'), { mode: 0o600 });
    process.env.AUTH_SECRET = readFileSync(secretFile, 'utf8').trim();
  }
  // The "known in another LIVC" key (docs/domain.md): generated for the embedded demo like the signing secret, so the
  // demo's two LIVCs can try it; with DATABASE_URL it is the operator's to set (the feature is off without it).
  if (!process.env.MATCH_SECRET?.trim()) {
    const matchFile = join(cfg.dataDir, 'match-secret');
    if (!existsSync(matchFile)) writeFileSync(matchFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
    process.env.MATCH_SECRET = readFileSync(matchFile, 'utf8').trim();
  }
  const runtimeFile = join(cfg.dataDir, 'runtime.json');
  if (existsSync(runtimeFile)) {
    const running = JSON.parse(readFileSync(runtimeFile, 'utf8')) as { pid: number; url: string };
    if (running.pid !== process.pid && alive(running.pid)) {
      process.env.DATABASE_URL = running.url;
      return { databaseUrl: running.url, embedded: true, stop: async () => undefined, ownSignals: () => undefined };
    }
  }
  const db: EmbeddedDatabase = await startEmbeddedPostgres(cfg.dataDir);
  writeFileSync(runtimeFile, JSON.stringify({ pid: process.pid, url: db.url }), { mode: 0o600 });
  process.env.DATABASE_URL = db.url;
  return {
    databaseUrl: db.url,
    embedded: true,
    async stop() {
      rmSync(runtimeFile, { force: true });
      await db.stop();
    },
    ownSignals: () => db.ownSignals(),
  };
}
