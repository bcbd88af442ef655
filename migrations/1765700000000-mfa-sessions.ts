import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, enableTenantRls } from './support/tenant-rls';

/**
 * Sessions a DPO can trust and a second factor. A session keeps a short user-agent string and the address it was
 * started from (shown to its user, for "sign out everywhere else"), and `restriction` = 'mfa-enrolment' while a user of
 * a role that needs a second factor has not enrolled yet. Users get a TOTP secret (AES-256-GCM under a key derived from
 * AUTH_SECRET, never in clear), the last time step used (a code works once) and a pending secret during enrolment.
 * Recovery codes are stored as SHA-256 (they are 50 random bits, not passwords). A sign-in challenge (after the
 * password, before the code) is stored as a hash, lives 5 minutes and is used once. Tenants say which roles need a
 * second factor; existing and bootstrapped tenants get the default of issue 14 (the demo and test tenants set none).
 */
export class MfaSessions1765700000000 implements MigrationInterface {
  name = 'MfaSessions1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions DROP CONSTRAINT IF EXISTS sessions_end_reason_check`);
    await q.query(`
      ALTER TABLE sessions
        ADD CONSTRAINT sessions_end_reason_check CHECK (end_reason IN ('logout', 'idle', 'inactive', 'replaced', 'password', 'absolute', 'revoked', 'revoked-by-admin')),
        ADD COLUMN user_agent text CHECK (length(user_agent) <= 300),
        ADD COLUMN ip text CHECK (length(ip) <= 64),
        ADD COLUMN restriction text CHECK (restriction IN ('mfa-enrolment'))`);
    await q.query(`
      ALTER TABLE users
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_pending_secret text,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint,
        ADD CHECK ((totp_secret IS NULL) = (totp_enabled_at IS NULL))`);
    await q.query(`
      ALTER TABLE tenants
        ADD COLUMN mfa_required_roles text[] NOT NULL DEFAULT '{admin,auditor,casemanager,chair}'
          CHECK (mfa_required_roles <@ '{admin,chair,casemanager,member,evaluator,auditor}'::text[])`);
    // The admin changes it with the other settings (column grants on tenants).
    await q.query(`GRANT UPDATE (mfa_required_roles) ON tenants TO ${APP_ROLE}`);
    await q.query(`
      CREATE TABLE recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        user_id uuid NOT NULL,
        code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE,
        UNIQUE (user_id, code_hash)
      )`);
    await enableTenantRls(q, 'recovery_codes');
    await q.query(`
      CREATE TABLE mfa_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        user_id uuid NOT NULL,
        challenge_hash text NOT NULL UNIQUE CHECK (challenge_hash ~ '^[0-9a-f]{64}$'),
        via text NOT NULL CHECK (via IN ('token', 'session')),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX mfa_challenges_user ON mfa_challenges (user_id)`);
    await enableTenantRls(q, 'mfa_challenges');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS mfa_challenges`);
    await q.query(`DROP TABLE IF EXISTS recovery_codes`);
    await q.query(`ALTER TABLE tenants DROP COLUMN IF EXISTS mfa_required_roles`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS totp_secret, DROP COLUMN IF EXISTS totp_pending_secret, DROP COLUMN IF EXISTS totp_enabled_at, DROP COLUMN IF EXISTS totp_last_step`);
    await q.query(`UPDATE sessions SET end_reason = 'logout' WHERE end_reason IN ('absolute', 'revoked', 'revoked-by-admin')`);
    await q.query(`ALTER TABLE sessions DROP CONSTRAINT IF EXISTS sessions_end_reason_check, DROP COLUMN IF EXISTS user_agent, DROP COLUMN IF EXISTS ip, DROP COLUMN IF EXISTS restriction`);
    await q.query(`ALTER TABLE sessions ADD CONSTRAINT sessions_end_reason_check CHECK (end_reason IN ('logout', 'idle', 'inactive', 'replaced', 'password'))`);
  }
}
