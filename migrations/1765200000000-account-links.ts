import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/tenant-rls';

/**
 * One-time account links (an invitation to choose a first password, a password reset): only a SHA-256 of the token is
 * stored, a link is used once and lapses after its expiry. `credentials_version` goes up with every password change, and
 * a bearer token carries the version it was issued under, so a change makes every earlier token invalid. `language` is
 * the user's preferred UI language.
 */
export class AccountLinks1765200000000 implements MigrationInterface {
  name = 'AccountLinks1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN credentials_version integer NOT NULL DEFAULT 1,
        ADD COLUMN language text CHECK (language IN ('nl-BE', 'fr-BE'))`);
    await q.query(`
      CREATE TABLE account_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        user_id uuid NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('INVITATION', 'RESET')),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX account_links_user ON account_links (user_id) WHERE used_at IS NULL`);
    await enableTenantRls(q, 'account_links');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS account_links`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS credentials_version, DROP COLUMN IF EXISTS language`);
  }
}
