import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/tenant-rls';

/**
 * Browser sessions behind the `kernteam_session` cookie. Only a SHA-256 of the cookie value is stored, so a copy of
 * the table signs nobody in; the CSRF token is derived from the cookie value (HMAC with AUTH_SECRET) and not stored.
 * The request path looks a session up by `id_hash` as the system role and touches `last_seen_at` in the same statement
 * (at most every 30 s); no index holds `last_seen_at`, so that touch is a HOT update that leaves the indexes alone.
 */
export class BrowserSessions1764100000000 implements MigrationInterface {
  name = 'BrowserSessions1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        user_id uuid NOT NULL,
        id_hash text NOT NULL UNIQUE CHECK (id_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN ('logout', 'idle', 'inactive', 'replaced', 'password')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL)),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
    await enableTenantRls(q, 'sessions');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sessions`);
  }
}
