import { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_APPEND_FORMAT2 } from './1766200000000-late-audit-append';
import { DOSSIER_COUNTS_KEEP } from './1766200000001-dossier-counts';

/** The chain append of this migration; a later one replaces it and puts it back on the way down. */
export const AUDIT_APPEND_ONE_UPDATE = `
      CREATE OR REPLACE FUNCTION audit_append(entries jsonb) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        e jsonb;
        k uuid;
        prev text;
        s bigint;
        h text;
      BEGIN
        FOR e IN SELECT value FROM jsonb_array_elements(entries) LOOP
          k := coalesce((e->>'tenantId')::uuid, '00000000-0000-0000-0000-000000000000'::uuid);
          FOR attempt IN 1..2 LOOP
            -- The row lock is taken by the UPDATE itself; SET expressions read the row as it was.
            UPDATE audit_chain_heads SET prev_hash = last_hash, last_seq = last_seq + 1,
                   last_hash = encode(sha256(convert_to(last_hash || ':' || (last_seq + 1)::text || ':' || (e->>'bodyDigest'), 'UTF8')), 'hex')
             WHERE chain_key = k RETURNING prev_hash, last_seq, last_hash INTO prev, s, h;
            EXIT WHEN FOUND;
            INSERT INTO audit_chain_heads (chain_key, last_seq, last_hash) VALUES (k, 0, repeat('0', 64)) ON CONFLICT (chain_key) DO NOTHING;
          END LOOP;
          INSERT INTO audit_events (tenant_id, seq, at, actor_id, action, entity_type, entity_id, outcome, ip, details, prev_hash, hash, hash_format)
          VALUES ((e->>'tenantId')::uuid, s, (e->>'at')::timestamptz, (e->>'actorId')::uuid, e->>'action', e->>'entityType',
                  (e->>'entityId')::uuid, e->>'outcome', e->>'ip', coalesce(e->'details', '{}'::jsonb), prev, h, 2);
        END LOOP;
      END $$`;

/** The trigger function of this migration; a later one replaces it and puts it back on the way down. */
export const DOSSIER_COUNTS_KEEP_ONE_UPDATE = `
      CREATE OR REPLACE FUNCTION dossier_counts_keep() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        counted boolean;
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.tenant_id = NEW.tenant_id THEN
          WITH moved AS (
            UPDATE dossier_counts SET n = n + CASE WHEN state = NEW.state::text THEN 1 ELSE -1 END
             WHERE tenant_id = NEW.tenant_id AND state IN (OLD.state::text, NEW.state::text) RETURNING state)
          SELECT coalesce(bool_or(state = NEW.state::text), false) INTO counted FROM moved;
          -- The new state had no row yet: it gets one below.
          IF counted THEN RETURN NULL; END IF;
        ELSIF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE dossier_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND state = OLD.state::text;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO dossier_counts (tenant_id, state, n) VALUES (NEW.tenant_id, NEW.state::text, 1)
          ON CONFLICT (tenant_id, state) DO UPDATE SET n = dossier_counts.n + 1;
        END IF;
        RETURN NULL;
      END $$`;

/**
 * Kernteam issue 12: less database work per request, the same rows.
 *
 * - `audit_append` moves a chain head with one `UPDATE … RETURNING` instead of `SELECT … FOR UPDATE` and then `UPDATE`
 *   (one row version and one WAL record less per entry). The head keeps the hash it replaced (`prev_hash`), which is how
 *   the statement returns the previous hash for the new row. Rows, hashes and their order are as before.
 * - `dossier_counts_keep` moves a dossier between two states of one tenant with one `UPDATE` of both counts (it was one
 *   `UPDATE` and one `INSERT … ON CONFLICT`). A state with no count row yet gets one, as before.
 * - `request_user(user, tenant)`: the bearer token's user re-read (active user, active partner), in PL/pgSQL so that its
 *   plan is made once per connection. Sent as SQL text in the round trip of BEGIN (which cannot carry parameters), the
 *   same query was parsed and planned on every request: about as much database time as the whole read it guards.
 *   It runs as the caller, under row-level security.
 */
export class LighterRequestSql1766300000000 implements MigrationInterface {
  name = 'LighterRequestSql1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_chain_heads ADD COLUMN prev_hash text`);
    await q.query(AUDIT_APPEND_ONE_UPDATE);
    await q.query(DOSSIER_COUNTS_KEEP_ONE_UPDATE);
    await q.query(`
      CREATE FUNCTION request_user(p_user uuid, p_tenant uuid)
        RETURNS TABLE (id uuid, tenant_id uuid, role text, partner_id uuid, credentials_version integer)
        LANGUAGE plpgsql STABLE AS $$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY SELECT u.id, u.tenant_id, u.role, u.partner_id, u.credentials_version FROM users u
          LEFT JOIN partners p ON p.id = u.partner_id AND p.tenant_id = u.tenant_id
         WHERE u.id = p_user AND u.tenant_id = p_tenant AND u.active AND coalesce(p.active, true);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS request_user(uuid, uuid)`);
    await q.query(DOSSIER_COUNTS_KEEP);
    await q.query(AUDIT_APPEND_FORMAT2);
    await q.query(`ALTER TABLE audit_chain_heads DROP COLUMN IF EXISTS prev_hash`);
  }
}
