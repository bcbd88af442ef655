import { MigrationInterface, QueryRunner } from 'typeorm';
import { DOSSIER_COUNTS_KEEP_ONE_UPDATE } from './1766300000000-lighter-request-sql';

/**
 * The kept dossier counts lock their rows in one order. `dossier_counts_keep` moved a dossier with one
 * `UPDATE … WHERE state IN (old, new)`, which locks the two count rows in the order its plan finds them: the order of
 * the rows on disk for a sequential or bitmap scan, and that order changes as the rows are updated. Two commits moving
 * dossiers of one LIVC in opposite directions (or the same direction, seen in a different order) could then each hold
 * one row and wait for the other: a deadlock, one of them rolled back. The product's own transitions were kept from it
 * only because their audit chain head serialised them first; the minimal-SQL baseline of the benchmark, with no chain
 * head, hit it a few times a second.
 *
 * Now each row is updated on its own, in the order (tenant, state), so every transaction that moves one dossier
 * locks in the same order. A state with no count row yet gets one, as before.
 */
export const DOSSIER_COUNTS_KEEP_ORDERED = `
      CREATE OR REPLACE FUNCTION dossier_counts_keep() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        t uuid[] := '{}';
        s text[] := '{}';
        d int[] := '{}';
      BEGIN
        IF TG_OP <> 'INSERT' THEN t := t || OLD.tenant_id; s := s || OLD.state::text; d := d || -1; END IF;
        IF TG_OP <> 'DELETE' THEN t := t || NEW.tenant_id; s := s || NEW.state::text; d := d || 1; END IF;
        IF cardinality(t) = 2 AND (t[2], s[2]) < (t[1], s[1]) THEN
          t := ARRAY[t[2], t[1]]; s := ARRAY[s[2], s[1]]; d := ARRAY[d[2], d[1]];
        END IF;
        FOR i IN 1..cardinality(t) LOOP
          UPDATE dossier_counts SET n = n + d[i] WHERE tenant_id = t[i] AND state = s[i];
          IF NOT FOUND AND d[i] > 0 THEN
            INSERT INTO dossier_counts (tenant_id, state, n) VALUES (t[i], s[i], 1)
            ON CONFLICT (tenant_id, state) DO UPDATE SET n = dossier_counts.n + 1;
          END IF;
        END LOOP;
        RETURN NULL;
      END $$`;

export class OrderedDossierCounts1766400000000 implements MigrationInterface {
  name = 'OrderedDossierCounts1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(DOSSIER_COUNTS_KEEP_ORDERED);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(DOSSIER_COUNTS_KEEP_ONE_UPDATE);
  }
}
