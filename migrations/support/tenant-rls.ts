import { QueryRunner } from 'typeorm';

/** The role tenant work runs as (`SET LOCAL ROLE` in TenantDb.tx): not a superuser, not the owner, so RLS applies. */
export const APP_ROLE = 'kernteam_app';

/**
 * Row-level security for a table with a `tenant_id` column: the app role sees and writes only rows of the tenant set
 * for the transaction (`app.tenant_id`). Every new tenant table must call this in its migration; a table that does not
 * has no grant for the app role at all, so forgetting it fails loudly instead of leaking.
 */
export async function enableTenantRls(
  q: QueryRunner,
  table: string,
  privileges: string = 'SELECT, INSERT, UPDATE, DELETE',
  column = 'tenant_id',
): Promise<void> {
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`DROP POLICY IF EXISTS tenant_isolation ON ${table}`);
  await q.query(
    `CREATE POLICY tenant_isolation ON ${table} TO ${APP_ROLE}
       USING (${column} = nullif(current_setting('app.tenant_id', true), '')::uuid)
       WITH CHECK (${column} = nullif(current_setting('app.tenant_id', true), '')::uuid)`,
  );
  await q.query(`GRANT ${privileges} ON ${table} TO ${APP_ROLE}`);
}

/** Creates the app role once per cluster and lets the migrating (owning) user switch to it. */
export async function ensureAppRole(q: QueryRunner): Promise<void> {
  await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS; END IF;
    END $$`);
  await q.query(`DO $$ BEGIN
      IF NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user); END IF;
    END $$`);
  await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
}
