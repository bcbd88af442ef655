import { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_APPEND_ONE_UPDATE } from './1766300000000-lighter-request-sql';

/**
 * Appends of one chain queue on a transaction-scoped advisory lock of that chain before they touch its head.
 *
 * The head's `UPDATE` already serialised them, but on the row: a waiter took the tuple lock, waited for the holder's
 * transaction, then re-read the row the holder had changed, and every further waiter queued on the tuple lock and
 * was woken at each hand-over. The advisory lock is one queue that hands over once, when the holder's commit is done;
 * the head row is then free and the `UPDATE` finds it as it is. Measured with 32 clients moving dossiers of one LIVC:
 * about 9 % less PostgreSQL CPU per transition and 7 % more transitions per second (README, benchmark). The lock is
 * released with the transaction, as the row lock is, so a head is still moved by one transaction at a time, in commit
 * order. Rows, hashes and their order are as before.
 */
export const AUDIT_APPEND_QUEUED = `
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
          -- The chain's queue: held to the end of the transaction, taken again at no cost for a further entry.
          PERFORM pg_advisory_xact_lock(hashtextextended('kernteam:audit-chain:' || k::text, 0));
          FOR attempt IN 1..2 LOOP
            -- SET expressions read the row as it was.
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

export class QueuedChainAppend1766500000000 implements MigrationInterface {
  name = 'QueuedChainAppend1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(AUDIT_APPEND_QUEUED);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(AUDIT_APPEND_ONE_UPDATE);
  }
}
