import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/tenant-rls';

/**
 * Every message to a person becomes a unit of its own: one `deliveries` row per notification, recipient and channel,
 * with its state (PENDING → SENT, or FAILED after its retries; SKIPPED when it became pointless before it could be
 * sent), attempts and next retry. And the outbox records completion (`completed_at`, written by the job's handler),
 * not only dispatch, so work that a lost queue forgot is dispatched again.
 */
export class Deliveries1765500000000 implements MigrationInterface {
  name = 'Deliveries1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        user_id uuid NOT NULL,
        channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email')),
        kind text NOT NULL,
        dedupe_key text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
        attempts integer NOT NULL DEFAULT 0,
        retry_rounds integer NOT NULL DEFAULT 0,
        last_error text,
        last_attempt_at timestamptz,
        next_retry_at timestamptz,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (user_id, dedupe_key, channel),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id)
      )`);
    await enableTenantRls(q, 'deliveries');
    await q.query(`CREATE INDEX deliveries_state ON deliveries (tenant_id, state, created_at DESC)`);
    await q.query(`CREATE INDEX deliveries_failed_due ON deliveries (next_retry_at) WHERE state = 'FAILED'`);
    // The sent-markers of before become SENT deliveries, so nobody is mailed again and cancellations still find them.
    await q.query(`
      INSERT INTO deliveries (tenant_id, user_id, kind, dedupe_key, entity_type, entity_id, state, attempts, message_id, created_at, sent_at)
      SELECT ed.tenant_id, ed.user_id,
             CASE split_part(ed.dedupe_key, ':', 1)
               WHEN 'meeting.invitation' THEN 'meeting.invitation' WHEN 'meeting.cancelled' THEN 'meeting.cancelled'
               WHEN 'feedback.approval' THEN 'feedback.approval_requested' ELSE 'agreement.due' END,
             ed.dedupe_key,
             CASE split_part(ed.dedupe_key, ':', 1)
               WHEN 'meeting.invitation' THEN 'Meeting' WHEN 'meeting.cancelled' THEN 'Meeting'
               WHEN 'feedback.approval' THEN 'FeedbackSheet' ELSE 'Agreement' END,
             split_part(ed.dedupe_key, ':', 2)::uuid, 'SENT', 1, ed.message_id, ed.created_at, coalesce(ed.sent_at, ed.created_at)
        FROM email_deliveries ed
       WHERE split_part(ed.dedupe_key, ':', 2) ~ '^[0-9a-f-]{36}$'
      ON CONFLICT DO NOTHING`);
    await q.query(`ALTER TABLE outbox ADD COLUMN completed_at timestamptz, ADD COLUMN redispatches integer NOT NULL DEFAULT 0`);
    // Rows relayed before this migration are taken as done: their jobs ran under the old rules.
    await q.query(`UPDATE outbox SET completed_at = sent_at WHERE sent_at IS NOT NULL`);
    // A handler marks its outbox row complete in its own (tenant) transaction. The app role still cannot read or change
    // the outbox: this function sets `completed_at` of one row of the transaction's tenant, and nothing else.
    await q.query(`
      CREATE FUNCTION complete_outbox(p_id bigint) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        UPDATE outbox SET completed_at = now()
         WHERE id = p_id AND completed_at IS NULL
           AND tenant_id IS NOT DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION complete_outbox(bigint) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION complete_outbox(bigint) TO kernteam_app`);
    await q.query(`CREATE INDEX outbox_incomplete ON outbox (sent_at) WHERE sent_at IS NOT NULL AND completed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS outbox_incomplete`);
    await q.query(`DROP FUNCTION IF EXISTS complete_outbox(bigint)`);
    await q.query(`ALTER TABLE outbox DROP COLUMN IF EXISTS completed_at, DROP COLUMN IF EXISTS redispatches`);
    await q.query(`DROP TABLE IF EXISTS deliveries`);
  }
}
