import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, enableTenantRls } from './support/tenant-rls';

/**
 * Transfer of a dossier to another LIVC and "known in another LIVC".
 *
 * - `tenants.accepts_transfers`: whether other LIVCs of the deployment may propose transfers to this one (and see its
 *   name in their list of destinations).
 * - `subjects.match_key`: HMAC-SHA-256(MATCH_SECRET, normalised identity), null without the secret or after
 *   anonymisation; tenant data like the subject itself (row-level security of `subjects`).
 * - `transfers` and `transfer_events`: the one record that belongs to two tenants. The app role has no grant on them at
 *   all: only TransfersService reaches them, on the owning connection, and audits every step in both tenants.
 * - `match_queries`: each tenant's own log of its queries (reason, result), for the rate limit; tenant data under RLS.
 */
export class TransfersMatching1765800000000 implements MigrationInterface {
  name = 'TransfersMatching1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants ADD COLUMN accepts_transfers boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE subjects ADD COLUMN match_key text`);
    await q.query(`CREATE INDEX subjects_match_key ON subjects (match_key) WHERE match_key IS NOT NULL`);
    await q.query(`
      CREATE TABLE transfers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        from_tenant_id uuid NOT NULL REFERENCES tenants(id),
        to_tenant_id uuid NOT NULL REFERENCES tenants(id),
        from_dossier_id uuid NOT NULL,
        to_dossier_id uuid,
        state text NOT NULL CHECK (state IN ('VOORGESTELD', 'AANVAARD', 'GEWEIGERD', 'INGETROKKEN')),
        version integer NOT NULL DEFAULT 1,
        phenomenon text NOT NULL,
        -- The payload (summary, subject, contributions) is erased once the transfer is decided: it then lives on only in
        -- the receiving dossier (accepted) or nowhere outside the sending one (refused, withdrawn).
        summary text,
        subject jsonb,
        contributions jsonb NOT NULL DEFAULT '[]',
        proposed_by uuid NOT NULL,
        decided_by uuid,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_tenant_id <> to_tenant_id),
        FOREIGN KEY (from_tenant_id, from_dossier_id) REFERENCES dossiers(tenant_id, id),
        FOREIGN KEY (to_tenant_id, to_dossier_id) REFERENCES dossiers(tenant_id, id)
      )`);
    // At most one open proposal per dossier.
    await q.query(`CREATE UNIQUE INDEX transfers_open_per_dossier ON transfers (from_dossier_id) WHERE state = 'VOORGESTELD'`);
    await q.query(`CREATE INDEX transfers_to ON transfers (to_tenant_id, state, created_at)`);
    await q.query(`CREATE INDEX transfers_from ON transfers (from_tenant_id, state, created_at)`);
    await q.query(`
      CREATE TABLE transfer_events (
        transfer_id uuid NOT NULL REFERENCES transfers(id),
        seq integer NOT NULL,
        event text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor_tenant_id uuid NOT NULL REFERENCES tenants(id),
        actor_id uuid,
        reason text,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (transfer_id, seq)
      )`);
    // No grant for the app role: RLS on and no policy, so even a future grant would show nothing.
    await q.query(`ALTER TABLE transfers ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE transfer_events ENABLE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE TABLE match_queries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        user_id uuid NOT NULL,
        dossier_id uuid NOT NULL,
        reason text NOT NULL,
        result text NOT NULL CHECK (result IN ('HIT', 'NO_HIT')),
        at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id),
        FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers(tenant_id, id)
      )`);
    await q.query(`CREATE INDEX match_queries_rate ON match_queries (tenant_id, at)`);
    await enableTenantRls(q, 'match_queries', 'SELECT, INSERT');
    // The tenant's own admin decides whether it receives transfers (PATCH /api/settings).
    await q.query(`GRANT UPDATE (accepts_transfers) ON tenants TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS match_queries`);
    await q.query(`DROP TABLE IF EXISTS transfer_events`);
    await q.query(`DROP TABLE IF EXISTS transfers`);
    await q.query(`DROP INDEX IF EXISTS subjects_match_key`);
    await q.query(`ALTER TABLE subjects DROP COLUMN IF EXISTS match_key`);
    await q.query(`ALTER TABLE tenants DROP COLUMN IF EXISTS accepts_transfers`);
  }
}
