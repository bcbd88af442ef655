import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, enableTenantRls } from './support/tenant-rls';

/**
 * A joint LIVC of several municipalities: the tenant's list of municipalities (settings), and the municipality each
 * dossier belongs to (the LIVC's municipality that brought it in; not the subject's residence, which is identity data).
 * The dossier's municipality is part of the statistical skeleton: anonymisation keeps it, so per-municipality indicators
 * never change. The evaluator's comment per plan indicator per reporting year (the PDCA evaluation), version-guarded.
 */
export class JointLivcEvaluation1766000000000 implements MigrationInterface {
  name = 'JointLivcEvaluation1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants ADD COLUMN municipalities text[] NOT NULL DEFAULT '{}'`);
    await q.query(`GRANT UPDATE (municipalities) ON tenants TO ${APP_ROLE}`);
    await q.query(`ALTER TABLE dossiers ADD COLUMN municipality text CHECK (municipality IS NULL OR length(municipality) BETWEEN 1 AND 200)`);
    await q.query(`CREATE INDEX dossiers_municipality ON dossiers (tenant_id, municipality)`);
    await q.query(`
      CREATE TABLE plan_node_comments (
        tenant_id uuid NOT NULL,
        node_id uuid NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        text text NOT NULL CHECK (length(text) <= 4000),
        version integer NOT NULL DEFAULT 1,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (node_id, year),
        FOREIGN KEY (tenant_id, node_id) REFERENCES plan_nodes(tenant_id, id) ON DELETE CASCADE
      )`);
    await enableTenantRls(q, 'plan_node_comments');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS plan_node_comments`);
    await q.query(`DROP INDEX IF EXISTS dossiers_municipality`);
    await q.query(`ALTER TABLE dossiers DROP COLUMN IF EXISTS municipality`);
    await q.query(`REVOKE UPDATE (municipalities) ON tenants FROM ${APP_ROLE}`);
    await q.query(`ALTER TABLE tenants DROP COLUMN IF EXISTS municipalities`);
  }
}
