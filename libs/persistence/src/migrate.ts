import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { migrations } from '../../../migrations';

/** Advisory lock key so that API replicas and workers starting together migrate once. */
const MIGRATION_LOCK = 4_242_001;

/** Applies pending schema migrations; returns the names of those applied. */
export async function runSchemaMigrations(databaseUrl: string): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ds = new DataSource({ type: 'postgres', url: databaseUrl, migrations, migrationsTransactionMode: 'each', logging: ['error'] });
    await ds.initialize();
    try {
      const applied = await ds.runMigrations();
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
