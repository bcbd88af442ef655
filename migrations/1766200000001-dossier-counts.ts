import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/tenant-rls';

/** The trigger function of this migration; a later one replaces it and puts it back on the way down. */
export const DOSSIER_COUNTS_KEEP = `
      CREATE OR REPLACE FUNCTION dossier_counts_keep() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE dossier_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND state = OLD.state::text;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO dossier_counts (tenant_id, state, n) VALUES (NEW.tenant_id, NEW.state::text, 1)
          ON CONFLICT (tenant_id, state) DO UPDATE SET n = dossier_counts.n + 1;
        END IF;
        RETURN NULL;
      END $$`;

/**
 * The dossier list's `total` without counting the tenant (Kernteam issue 12): `dossier_counts` holds, per tenant and
 * state, how many dossiers there are. A deferred trigger keeps it, so its row lock is taken at COMMIT only (like the
 * audit chain head) and registrations or transitions of one LIVC do not queue behind each other's requests. The list
 * reads it when the caller sees the whole tenant and filters on nothing but the state; any other filter counts rows.
 */
export class DossierCounts1766200000001 implements MigrationInterface {
  name = 'DossierCounts1766200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dossier_counts (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        state text NOT NULL,
        n bigint NOT NULL CHECK (n >= 0),
        PRIMARY KEY (tenant_id, state)
      )`);
    // The app role reads its tenant's rows; only the trigger (as the owner) writes.
    await enableTenantRls(q, 'dossier_counts', 'SELECT');
    await q.query(DOSSIER_COUNTS_KEEP);
    // Deferred: runs at COMMIT (as the owner, whichever tenant a crossing transaction ended in), once per row changed, with the row as it was and is. A state set and set back in one
    // transaction counts -1 +1 twice, which nets out.
    await q.query(`
      CREATE CONSTRAINT TRIGGER dossier_counts_insert_delete AFTER INSERT OR DELETE ON dossiers
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dossier_counts_keep()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER dossier_counts_state AFTER UPDATE OF state ON dossiers
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION dossier_counts_keep()`);
    await q.query(`INSERT INTO dossier_counts (tenant_id, state, n) SELECT tenant_id, state::text, count(*) FROM dossiers GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS dossier_counts_state ON dossiers`);
    await q.query(`DROP TRIGGER IF EXISTS dossier_counts_insert_delete ON dossiers`);
    await q.query(`DROP FUNCTION IF EXISTS dossier_counts_keep()`);
    await q.query(`DROP TABLE IF EXISTS dossier_counts`);
  }
}
