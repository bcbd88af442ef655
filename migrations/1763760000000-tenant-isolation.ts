import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, enableTenantRls, ensureAppRole } from './support/tenant-rls';

/**
 * Tenant isolation as a second line in the database (row-level security on every tenant table) and an append-only
 * audit trail (UPDATE and DELETE refused by the database itself, whoever asks).
 */
export class TenantIsolation1763760000000 implements MigrationInterface {
  name = 'TenantIsolation1763760000000';

  async up(q: QueryRunner): Promise<void> {
    await ensureAppRole(q);
    for (const table of [
      'partners', 'users', 'dossier_reference_counters', 'dossiers', 'subjects', 'workflow_events', 'contributions',
      'meetings', 'agenda_items', 'agreements', 'endorsements', 'feedback_sheets', 'feedback_sheet_approvals', 'notifications',
    ]) {
      await enableTenantRls(q, table);
    }
    await enableTenantRls(q, 'tenants', 'SELECT', 'id');
    // Append-only for the app: it adds audit rows and outbox rows, never changes or removes them.
    await enableTenantRls(q, 'audit_events', 'SELECT, INSERT');
    await enableTenantRls(q, 'audit_chain_heads', 'SELECT, INSERT, UPDATE', 'chain_key');
    await enableTenantRls(q, 'outbox', 'INSERT');
    await q.query(`GRANT SELECT ON discussions TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);

    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events`);
    await q.query(`DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events`);
    await q.query(`DROP FUNCTION IF EXISTS audit_events_append_only()`);
  }
}
