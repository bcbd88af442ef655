import { rmSync } from 'node:fs';
import { Client } from 'pg';

/** Drops the run's database unless KEEP_TEST_DB is set (to inspect a failure). */
export default async function globalTeardown(): Promise<void> {
  if (process.env.EXPORT_DIR?.includes('kernteam-test-exports-')) rmSync(process.env.EXPORT_DIR, { recursive: true, force: true });
  const name = process.env.TEST_DATABASE_NAME;
  if (!name || process.env.KEEP_TEST_DB) return;
  const client = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}
