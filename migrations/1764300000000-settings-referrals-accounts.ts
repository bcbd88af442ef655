import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './support/tenant-rls';

/**
 * Tenant settings (standing partners, default language, theme; version-guarded), facts of a workflow event shown in
 * its history (`details`, e.g. where a rejected signal was referred to), and one e-mail address per tenant instead of
 * per installation: a person sitting in two LIVCs has one account in each (sign-in asks which one).
 */
export class SettingsReferralsAccounts1764300000000 implements MigrationInterface {
  name = 'SettingsReferralsAccounts1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenants
        ADD COLUMN standing_partner_ids uuid[],
        ADD COLUMN default_language text NOT NULL DEFAULT 'nl-BE' CHECK (default_language IN ('nl-BE', 'fr-BE')),
        ADD COLUMN theme text NOT NULL DEFAULT 'neutral' CHECK (theme IN ('gent', 'neutral')),
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    // The admin changes the settings of their own tenant; the tenant_isolation policy (USING/WITH CHECK id) applies.
    await q.query(`GRANT UPDATE (name, standing_partner_ids, default_language, theme, version, updated_at) ON tenants TO ${APP_ROLE}`);
    await q.query(`ALTER TABLE workflow_events ADD COLUMN details jsonb`);
    await q.query(`DROP INDEX users_email_key`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (tenant_id, lower(email))`);
    await q.query(`CREATE INDEX users_email_lookup ON users (lower(email))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS users_email_lookup`);
    await q.query(`DROP INDEX IF EXISTS users_email_key`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`ALTER TABLE workflow_events DROP COLUMN IF EXISTS details`);
    await q.query(`REVOKE UPDATE ON tenants FROM ${APP_ROLE}`);
    await q.query(`ALTER TABLE tenants DROP COLUMN standing_partner_ids, DROP COLUMN default_language, DROP COLUMN theme, DROP COLUMN version, DROP COLUMN updated_at`);
  }
}
