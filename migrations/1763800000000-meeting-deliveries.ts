import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/tenant-rls';

/**
 * E-mail sent-markers (one row per user and message key, committed once the SMTP server accepted the message) and
 * the indexes the meeting, agreement and notification queries filter on.
 */
export class MeetingDeliveries1763800000000 implements MigrationInterface {
  name = 'MeetingDeliveries1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        user_id uuid NOT NULL,
        dedupe_key text NOT NULL,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (user_id, dedupe_key),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id)
      )`);
    await enableTenantRls(q, 'email_deliveries');
    await q.query(`CREATE INDEX agreements_responsible ON agreements (tenant_id, responsible_partner_id, due_on)`);
    await q.query(`CREATE INDEX agreements_dossier ON agreements (dossier_id)`);
    await q.query(`CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position)`);
    await q.query(`CREATE INDEX feedback_sheets_dossier ON feedback_sheets (dossier_id, created_at)`);
    await q.query(`CREATE INDEX notifications_unread ON notifications (user_id, created_at DESC) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const i of ['notifications_unread', 'feedback_sheets_dossier', 'agenda_items_meeting', 'agreements_dossier', 'agreements_responsible']) {
      await q.query(`DROP INDEX IF EXISTS ${i}`);
    }
    await q.query(`DROP TABLE IF EXISTS email_deliveries`);
  }
}
