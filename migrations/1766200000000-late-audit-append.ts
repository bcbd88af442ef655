import { MigrationInterface, QueryRunner } from 'typeorm';

/** The append of this migration; a later one replaces it and puts it back on the way down. */
export const AUDIT_APPEND_FORMAT2 = `
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
          SELECT last_seq, last_hash INTO s, prev FROM audit_chain_heads WHERE chain_key = k FOR UPDATE;
          IF NOT FOUND THEN
            INSERT INTO audit_chain_heads (chain_key, last_seq, last_hash) VALUES (k, 0, repeat('0', 64)) ON CONFLICT (chain_key) DO NOTHING;
            SELECT last_seq, last_hash INTO s, prev FROM audit_chain_heads WHERE chain_key = k FOR UPDATE;
          END IF;
          s := s + 1;
          h := encode(sha256(convert_to(prev || ':' || s::text || ':' || (e->>'bodyDigest'), 'UTF8')), 'hex');
          INSERT INTO audit_events (tenant_id, seq, at, actor_id, action, entity_type, entity_id, outcome, ip, details, prev_hash, hash, hash_format)
          VALUES ((e->>'tenantId')::uuid, s, (e->>'at')::timestamptz, (e->>'actorId')::uuid, e->>'action', e->>'entityType',
                  (e->>'entityId')::uuid, e->>'outcome', e->>'ip', coalesce(e->'details', '{}'::jsonb), prev, h, 2);
          UPDATE audit_chain_heads SET last_seq = s, last_hash = h WHERE chain_key = k;
        END LOOP;
      END $$`;

/**
 * Kernteam issue 12: the audit chain no longer serialises a LIVC.
 *
 * Requests write their audit entries in one call of `audit_append(jsonb)`, sent in the same round trip as COMMIT, so the
 * row lock on a tenant's chain head is held only for the commit itself (it used to be held from the first audited read to
 * the commit, over several client round trips). The function chains in the database, so a row's hash needs only SQL:
 * format 2 is `sha256(prev_hash ':' seq ':' body_digest)`, where `body_digest` is the SHA-256 of the canonical JSON of the
 * row's content (tenant, time, actor, action, entity, outcome, ip, details) that the API computes; the verifier recomputes
 * both. Rows written before stay format 1 and are verified as before. A changed `hash_format` breaks the check like any
 * other change.
 *
 * The dossier list sorts by `updated_at DESC, id DESC` within a tenant by default; the index lets page 1 read 50 rows
 * instead of sorting the tenant.
 */
export class LateAuditAppend1766200000000 implements MigrationInterface {
  name = 'LateAuditAppend1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN hash_format smallint NOT NULL DEFAULT 1 CHECK (hash_format IN (1, 2))`);
    await q.query(AUDIT_APPEND_FORMAT2);
    await q.query(`CREATE INDEX dossiers_tenant_updated ON dossiers (tenant_id, updated_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS dossiers_tenant_updated`);
    await q.query(`DROP FUNCTION IF EXISTS audit_append(jsonb)`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN hash_format`);
  }
}
