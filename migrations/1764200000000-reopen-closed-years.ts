import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closed reporting year can be reopened (with a reason) and closed again. The closed snapshot is never edited:
 * reopening only marks it (`reopened_at`, `reopened_by`, `reopen_reason`, set once), closing again adds a new row with
 * the next `revision`. The trigger still refuses every other change to a closed snapshot, and every removal.
 */
export class ReopenClosedYears1764200000000 implements MigrationInterface {
  name = 'ReopenClosedYears1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE indicator_snapshots
        ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
        ADD COLUMN reopened_at timestamptz,
        ADD COLUMN reopened_by uuid,
        ADD COLUMN reopen_reason text CHECK (length(reopen_reason) BETWEEN 1 AND 2000),
        ADD CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL) AND (reopened_at IS NULL OR kind = 'CLOSED'))`);
    await q.query(`ALTER TABLE indicator_snapshots DROP CONSTRAINT indicator_snapshots_plan_id_year_kind_key`);
    await q.query(`ALTER TABLE indicator_snapshots ADD CONSTRAINT indicator_snapshots_plan_year_kind_revision_key UNIQUE (plan_id, year, kind, revision)`);
    // At most one closed snapshot of a year is in force: the one not reopened.
    await q.query(`CREATE UNIQUE INDEX indicator_snapshots_one_closed ON indicator_snapshots (plan_id, year) WHERE kind = 'CLOSED' AND reopened_at IS NULL`);
    await q.query(`
      CREATE OR REPLACE FUNCTION indicator_snapshots_closed_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The one change allowed: marking a closed snapshot reopened, once, touching nothing else.
        IF TG_OP = 'UPDATE' AND OLD.reopened_at IS NULL AND NEW.reopened_at IS NOT NULL AND NEW.reopen_reason IS NOT NULL
           AND to_jsonb(NEW) - ARRAY['reopened_at', 'reopened_by', 'reopen_reason'] = to_jsonb(OLD) - ARRAY['reopened_at', 'reopened_by', 'reopen_reason'] THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'a closed indicator snapshot never changes (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION indicator_snapshots_closed_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a closed indicator snapshot never changes (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP INDEX IF EXISTS indicator_snapshots_one_closed`);
    await q.query(`ALTER TABLE indicator_snapshots DROP CONSTRAINT indicator_snapshots_plan_year_kind_revision_key`);
    // Older revisions cannot be kept under the old constraint (and cannot be deleted either): down refuses when there are some.
    await q.query(`ALTER TABLE indicator_snapshots ADD CONSTRAINT indicator_snapshots_plan_id_year_kind_key UNIQUE (plan_id, year, kind)`);
    await q.query(`ALTER TABLE indicator_snapshots DROP COLUMN reopen_reason, DROP COLUMN reopened_by, DROP COLUMN reopened_at, DROP COLUMN revision`);
  }
}
