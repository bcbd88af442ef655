import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, enableTenantRls } from './support/tenant-rls';

/**
 * Four-eyes approval of grants (Kernteam issue 11 item 4): with `tenants.grants_need_second_approval` on, an admin's
 * grant of a watched role, or reset of such an account, waits in `grant_requests` until another admin or the chair
 * approves it. The row holds codes and ids only (role, partner, active), never names or free text beyond the reason.
 */
export class GrantRequests1766100000000 implements MigrationInterface {
  name = 'GrantRequests1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants ADD COLUMN grants_need_second_approval boolean NOT NULL DEFAULT false`);
    await q.query(`GRANT UPDATE (grants_need_second_approval) ON tenants TO ${APP_ROLE}`);
    await q.query(`
      CREATE TABLE grant_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        kind text NOT NULL CHECK (kind IN ('ROLE_GRANT', 'PASSWORD_RESET', 'TOTP_RESET')),
        target_user_id uuid NOT NULL,
        role text,
        partner_id uuid,
        active boolean,
        new_user boolean NOT NULL DEFAULT false,
        invite boolean NOT NULL DEFAULT false,
        state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
        requested_by uuid NOT NULL,
        decided_by uuid,
        decided_at timestamptz,
        reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL DEFAULT now() + interval '7 days',
        FOREIGN KEY (tenant_id, target_user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE
      )`);
    // One open request per account and kind: a second one would only race the first.
    await q.query(`CREATE UNIQUE INDEX grant_requests_open ON grant_requests (target_user_id, kind) WHERE state = 'PENDING'`);
    await q.query(`CREATE INDEX grant_requests_tenant_state ON grant_requests (tenant_id, state, created_at)`);
    await enableTenantRls(q, 'grant_requests', 'SELECT, INSERT, UPDATE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS grant_requests`);
    await q.query(`ALTER TABLE tenants DROP COLUMN IF EXISTS grants_need_second_approval`);
  }
}
