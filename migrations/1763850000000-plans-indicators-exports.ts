import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, enableTenantRls } from './support/tenant-rls';

/**
 * SVPP plans (fenomenen → strategische → operationele doelstellingen → verwachte resultaten → indicatoren), the values
 * entered by hand for indicators no data computes, indicator snapshots (a closed reporting year never changes),
 * anonymised exports, and the indexes the indicator SQL (libs/indicators/src/indicator.sql.ts) relies on.
 */
export class PlansIndicatorsExports1763850000000 implements MigrationInterface {
  name = 'PlansIndicatorsExports1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        period_from date NOT NULL,
        period_to date NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_from <= period_to),
        UNIQUE (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX plans_tenant ON plans (tenant_id, created_at)`);

    // One table for the five levels; the service keeps the hierarchy (each level under the one before it).
    await q.query(`
      CREATE TABLE plan_nodes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        parent_id uuid,
        kind text NOT NULL CHECK (kind IN ('PHENOMENON','STRATEGIC_OBJECTIVE','OPERATIONAL_OBJECTIVE','EXPECTED_RESULT','INDICATOR')),
        position integer NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 2000),
        definition_key text,
        operator text CHECK (operator IN ('GTE','LTE','EQ','YES_NO')),
        target numeric,
        partner_type text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, plan_id) REFERENCES plans(tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, parent_id) REFERENCES plan_nodes(tenant_id, id) ON DELETE CASCADE,
        CHECK ((parent_id IS NULL) = (kind = 'PHENOMENON')),
        CHECK (kind = 'INDICATOR' OR (definition_key IS NULL AND operator IS NULL AND target IS NULL AND partner_type IS NULL)),
        CHECK ((operator IS NULL) = (target IS NULL))
      )`);
    await q.query(`CREATE INDEX plan_nodes_plan ON plan_nodes (plan_id, parent_id, position)`);

    // A value entered by hand for an indicator no data computes, per reporting year, with its evidence.
    await q.query(`
      CREATE TABLE plan_indicator_values (
        tenant_id uuid NOT NULL,
        node_id uuid NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        value numeric NOT NULL,
        evidence_note text,
        version integer NOT NULL DEFAULT 1,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (node_id, year),
        FOREIGN KEY (tenant_id, node_id) REFERENCES plan_nodes(tenant_id, id) ON DELETE CASCADE
      )`);

    // LIVE: the current year, recomputed nightly. CLOSED: what was reported for a year; never changes.
    await q.query(`
      CREATE TABLE indicator_snapshots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        kind text NOT NULL CHECK (kind IN ('LIVE','CLOSED')),
        computed_at timestamptz NOT NULL DEFAULT now(),
        closed_by uuid,
        report jsonb NOT NULL,
        UNIQUE (plan_id, year, kind),
        FOREIGN KEY (tenant_id, plan_id) REFERENCES plans(tenant_id, id)
      )`);
    await q.query(`
      CREATE FUNCTION indicator_snapshots_closed_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a closed indicator snapshot never changes (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER indicator_snapshots_closed_immutable BEFORE UPDATE OR DELETE ON indicator_snapshots
        FOR EACH ROW WHEN (OLD.kind = 'CLOSED') EXECUTE FUNCTION indicator_snapshots_closed_immutable()`);

    await q.query(`
      CREATE TABLE exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        requested_by uuid NOT NULL,
        format text NOT NULL CHECK (format IN ('json','csv','xlsx','pdf')),
        period_from date NOT NULL,
        period_to date NOT NULL,
        plan_id uuid,
        state text NOT NULL CHECK (state IN ('QUEUED','RUNNING','DONE','FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        error_code text,
        file_name text,
        file_size bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        expires_at timestamptz,
        file_removed_at timestamptz,
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, requested_by) REFERENCES users(tenant_id, id)
      )`);
    await q.query(`CREATE INDEX exports_tenant ON exports (tenant_id, created_at DESC)`);
    await q.query(`CREATE INDEX exports_expiring ON exports (expires_at) WHERE file_removed_at IS NULL AND expires_at IS NOT NULL`);

    for (const table of ['plans', 'plan_nodes', 'plan_indicator_values', 'indicator_snapshots', 'exports']) {
      await enableTenantRls(q, table);
    }
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);

    // Indexes for the indicator SQL: every indicator is one aggregate over one tenant and one period.
    // Meetings held in a period (MEETINGS_HELD, PARTICIPATIONS and, through the discussions view, the others).
    await q.query(`CREATE INDEX meetings_held_time ON meetings (tenant_id, scheduled_at) INCLUDE (present_partner_ids)
                     WHERE state IN ('AFGEROND','VERSLAG_GOEDGEKEURD')`);
    // The discussed items of a meeting, with their dossier, straight from the index.
    await q.query(`CREATE INDEX agenda_items_discussed ON agenda_items (meeting_id) INCLUDE (dossier_id) WHERE outcome = 'DISCUSSED'`);
    // Lifecycle events that count (REGISTER, RETAIN, REJECT, CLOSE) without the much more numerous agenda events.
    await q.query(`CREATE INDEX workflow_events_dossier_outcomes ON workflow_events (tenant_id, event, at) INCLUDE (entity_id, reason, seq)
                     WHERE entity_type = 'Dossier' AND event IN ('REGISTER','RETAIN','REJECT','CLOSE')`);
    // Agreements due in a period.
    await q.query(`CREATE INDEX agreements_due ON agreements (tenant_id, due_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['agreements_due', 'workflow_events_dossier_outcomes', 'agenda_items_discussed', 'meetings_held_time']) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
    await q.query(`DROP TRIGGER IF EXISTS indicator_snapshots_closed_immutable ON indicator_snapshots`);
    await q.query(`DROP FUNCTION IF EXISTS indicator_snapshots_closed_immutable()`);
    for (const t of ['exports', 'indicator_snapshots', 'plan_indicator_values', 'plan_nodes', 'plans']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
