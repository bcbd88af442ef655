import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kernteam meetings: agenda items with their outcome, agreements (afspraken), endorsements of present partners,
 * feedback sheets to the police, in-app notifications. The view `discussions` is the one definition of
 * "a discussion with shared agreements" (DESIGN.md §5), used by the meeting outcome and by the indicator alike.
 */
export class MeetingsSchema1763750000000 implements MigrationInterface {
  name = 'MeetingsSchema1763750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        scheduled_at timestamptz NOT NULL,
        location text,
        state text NOT NULL,
        chair_user_id uuid,
        present_partner_ids uuid[] NOT NULL DEFAULT '{}',
        minutes_approved_at timestamptz,
        minutes_approved_by uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, chair_user_id) REFERENCES users(tenant_id, id)
      )`);
    await q.query(`CREATE INDEX meetings_tenant_time ON meetings (tenant_id, scheduled_at)`);

    await q.query(`
      CREATE TABLE agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        dossier_id uuid NOT NULL,
        position integer NOT NULL,
        outcome text CHECK (outcome IN ('DISCUSSED','POSTPONED')),
        summary text,
        outcome_recorded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (meeting_id, dossier_id),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, meeting_id) REFERENCES meetings(tenant_id, id),
        FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers(tenant_id, id)
      )`);
    await q.query(`CREATE INDEX agenda_items_dossier ON agenda_items (dossier_id)`);

    await q.query(`
      CREATE TABLE agreements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        agenda_item_id uuid NOT NULL,
        dossier_id uuid NOT NULL,
        description text,
        responsible_partner_id uuid NOT NULL,
        due_on date NOT NULL,
        state text NOT NULL DEFAULT 'OPEN',
        note text,
        done_on date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, agenda_item_id) REFERENCES agenda_items(tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers(tenant_id, id),
        FOREIGN KEY (tenant_id, responsible_partner_id) REFERENCES partners(tenant_id, id)
      )`);
    await q.query(`CREATE INDEX agreements_item ON agreements (agenda_item_id)`);
    await q.query(`CREATE INDEX agreements_tenant_state ON agreements (tenant_id, state, due_on)`);

    await q.query(`
      CREATE TABLE endorsements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        agenda_item_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        endorsed boolean NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agenda_item_id, partner_id),
        FOREIGN KEY (tenant_id, agenda_item_id) REFERENCES agenda_items(tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, partner_id) REFERENCES partners(tenant_id, id)
      )`);

    await q.query(`
      CREATE TABLE feedback_sheets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        dossier_id uuid NOT NULL,
        agenda_item_id uuid NOT NULL,
        state text NOT NULL,
        content text,
        no_secrets_confirmed boolean NOT NULL DEFAULT false,
        created_by uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers(tenant_id, id),
        FOREIGN KEY (tenant_id, agenda_item_id) REFERENCES agenda_items(tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE feedback_sheet_approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        sheet_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        approved boolean NOT NULL,
        note text,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (sheet_id, partner_id),
        FOREIGN KEY (tenant_id, sheet_id) REFERENCES feedback_sheets(tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, partner_id) REFERENCES partners(tenant_id, id)
      )`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        user_id uuid NOT NULL,
        kind text NOT NULL,
        entity_type text,
        entity_id uuid,
        data jsonb NOT NULL DEFAULT '{}',
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id)
      )`);
    // A job that runs twice (retry after a crash) must not notify twice.
    await q.query(`CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL`);
    await q.query(`CREATE INDEX notifications_user ON notifications (user_id, created_at DESC)`);

    // DESIGN.md §5: a discussion is a DISCUSSED agenda item; it has shared agreements when it records at least one
    // agreement and every partner present at the meeting endorsed it (no reservation, no missing endorsement).
    // security_invoker: the view is read with the caller's rights, so row-level security applies through it.
    await q.query(`
      CREATE VIEW discussions WITH (security_invoker = true) AS
      SELECT ai.tenant_id,
             ai.id AS agenda_item_id,
             ai.dossier_id,
             m.id AS meeting_id,
             m.state AS meeting_state,
             m.scheduled_at,
             (m.scheduled_at AT TIME ZONE 'Europe/Brussels')::date AS meeting_date,
             (EXISTS (SELECT 1 FROM agreements a WHERE a.agenda_item_id = ai.id)
              AND NOT EXISTS (
                SELECT 1 FROM unnest(m.present_partner_ids) AS present(partner_id)
                 WHERE NOT EXISTS (SELECT 1 FROM endorsements e
                                    WHERE e.agenda_item_id = ai.id AND e.partner_id = present.partner_id AND e.endorsed))
             ) AS shared_agreements
        FROM agenda_items ai
        JOIN meetings m ON m.id = ai.meeting_id
       WHERE ai.outcome = 'DISCUSSED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW IF EXISTS discussions`);
    for (const t of ['notifications', 'feedback_sheet_approvals', 'feedback_sheets', 'endorsements', 'agreements', 'agenda_items', 'meetings']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
