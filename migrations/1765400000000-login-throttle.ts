import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling as one counter row per account and per address (window-based), taken with one
 * `INSERT … ON CONFLICT … DO UPDATE … RETURNING` before any password hash is computed, so parallel attempts cannot
 * all read "under the limit" before any of them records its failure. Replaces the row-per-failure `login_failures`.
 * The app role has no grant: only sign-in (system work) touches it.
 */
export class LoginThrottle1765400000000 implements MigrationInterface {
  name = 'LoginThrottle1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        scope text NOT NULL CHECK (scope IN ('account', 'address')),
        key text NOT NULL,
        window_start timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`DROP TABLE login_failures`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        account_key text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_failures_account ON login_failures (account_key, at)`);
    await q.query(`CREATE INDEX login_failures_ip ON login_failures (ip, at)`);
    await q.query(`DROP TABLE login_throttle`);
  }
}
