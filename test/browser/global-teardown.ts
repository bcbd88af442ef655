import { readFileSync, rmSync } from 'node:fs';
import { Client } from 'pg';

export default async function globalTeardown() {
  const file = process.env.BROWSER_STATE;
  if (!file) return;
  const { pid, db, admin, dataDir } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; db: string; admin: string; dataDir: string };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  for (let i = 0; i < 40; i++) {
    try {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 250));
    } catch {
      break;
    }
  }
  if (!process.env.KEEP_TEST_DB) {
    const c = new Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
}
