import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runSchemaMigrations } from '../../libs/persistence/src/migrate';

/**
 * One fresh database per test run on the machine's real PostgreSQL, migrated exactly as production is.
 * Redis keys are namespaced per run, so runs never see each other's jobs.
 */
export default async function globalSetup(): Promise<void> {
  const admin = process.env.TEST_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `kernteam_test_${Date.now()}_${process.pid}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.TEST_DATABASE_NAME = name;
  process.env.REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
  process.env.QUEUE_PREFIX = `kt-test-${Date.now()}`;
  process.env.AUTH_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  process.env.OUTBOX_POLL_MS = '100';
  // Export files of the run (a worker of a later test file may still finish an export queued earlier) go to a temp dir.
  process.env.EXPORT_DIR = mkdtempSync(join(tmpdir(), 'kernteam-test-exports-'));
  await runSchemaMigrations(process.env.DATABASE_URL);
}
