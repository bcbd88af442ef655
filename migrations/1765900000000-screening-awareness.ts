import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/tenant-rls';

/**
 * Issue 13 items 3 and 4. `dossier_screenings`: the screening form of a dossier (answers as jsonb, its own version so
 * saving the form does not make a concurrent transition stale). `dossier_awareness`: the awareness-and-consent machine
 * of a dossier (id = the dossier's id; state, version, and the machine's context as columns). Both change through
 * event rows in workflow_events like every lifecycle.
 */
export class ScreeningAwareness1765900000000 implements MigrationInterface {
  name = 'ScreeningAwareness1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dossier_screenings (
        dossier_id uuid PRIMARY KEY REFERENCES dossiers(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        answers jsonb NOT NULL DEFAULT '[]',
        version integer NOT NULL DEFAULT 1,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await enableTenantRls(q, 'dossier_screenings');
    await q.query(`
      CREATE TABLE dossier_awareness (
        id uuid PRIMARY KEY REFERENCES dossiers(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        state text NOT NULL CHECK (state IN ('NOT_RECORDED', 'INFORMED', 'NOT_INFORMED')),
        version integer NOT NULL DEFAULT 1,
        informed_on date,
        not_informed_reason text CHECK (not_informed_reason IN ('NOT_POSSIBLE', 'NOT_ADVISABLE')),
        explanation text,
        consent text NOT NULL DEFAULT 'NOT_ASKED' CHECK (consent IN ('YES', 'NO', 'NOT_ASKED')),
        consent_on date,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await enableTenantRls(q, 'dossier_awareness');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS dossier_awareness`);
    await q.query(`DROP TABLE IF EXISTS dossier_screenings`);
  }
}
