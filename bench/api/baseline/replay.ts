import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Pool, PoolClient, QueryResult } from 'pg';
import type { CapturedStatement } from '../count-round-trips';

/**
 * What both baselines run: the product's own SQL, replayed. The bench captures, from the running product, the exact
 * statement sequence of one request per read route (texts, names, values, order, and which pooled connection sent
 * each) and hands it over in `BENCH_CAPTURE_FILE`; a replay sends the same statements in the same order on as many
 * connections (so the transactions stay what they were), and a multi-statement string stays one string (one round
 * trip). Being captured at run time, the replay follows the
 * product's SQL when the product changes.
 *
 * Writes cannot be replayed with the same values (a version guard passes once), so a transition's baseline is the
 * minimal SQL of a transition instead (`minimalTransition`).
 */

export type Captures = Record<string, CapturedStatement[]>;

export function loadCaptures(): Captures {
  const file = process.env.BENCH_CAPTURE_FILE;
  if (!file) throw new Error('BENCH_CAPTURE_FILE is not set (the bench starts the baselines)');
  return JSON.parse(readFileSync(file, 'utf8')) as Captures;
}

export function benchPool(): Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  // The product's pool size (DB_POOL_MAX, default 10), so both sides have as many connections.
  return new Pool({ connectionString: url, max: Number(process.env.DB_POOL_MAX || 10), application_name: 'kernteam-bench-baseline' });
}

const send = (c: PoolClient, s: CapturedStatement): Promise<QueryResult | QueryResult[]> =>
  (s.name || s.queryMode
    ? c.query({ text: s.text, values: s.values, ...(s.name ? { name: s.name } : {}), ...(s.queryMode ? { queryMode: s.queryMode } : {}) } as never)
    : s.values ? c.query(s.text, s.values) : c.query(s.text)) as Promise<QueryResult | QueryResult[]>;

/** A statement after which the product's connection is back in its pool: the end of a transaction. */
const endsTransaction = (text: string) => /\b(COMMIT|ROLLBACK|END)\s*;?\s*$/i.test(text);

/**
 * Replays one request's statements in their order; answers the rows of every statement that returned rows. Each of
 * the product's connections gets a checkout of its own, taken at its first statement and given back after its last
 * one or after the end of a transaction (the product's pool had it back then too), so the replay holds as many
 * connections, as long, as the product did.
 */
export async function replay(pool: Pool, statements: CapturedStatement[]): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  const last = new Map<number, number>();
  statements.forEach((s, i) => last.set(s.client, i));
  const held = new Map<number, PoolClient>();
  try {
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i];
      let c = held.get(s.client);
      if (!c) held.set(s.client, (c = await pool.connect()));
      const r = await send(c, s);
      for (const x of Array.isArray(r) ? r : [r]) if (x.rows?.length) rows.push(x.rows);
      if (last.get(s.client) === i || endsTransaction(s.text)) {
        held.delete(s.client);
        c.release();
      }
    }
  } catch (e) {
    // A connection left in a failed transaction is not given back to the pool.
    for (const c of held.values()) c.release(e as Error);
    throw e;
  }
  return rows;
}

let auditSeq = 0;

/**
 * The minimal SQL of a dossier transition, START_SCREENING (AANGEMELD → SCREENING), in one transaction: the
 * version-guarded state UPDATE … RETURNING, the workflow event, an audit row and an outbox row. No chain head, no
 * re-read, no row-level security: the floor a transition can get to. Runs against the replay copy of the database,
 * whose audit index is not unique (see bench/api/generate.ts), so the audit row's sequence number is a counter here.
 */
export async function minimalTransition(pool: Pool, dossierId: string, version: number): Promise<unknown> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const { rows } = await c.query(
      `UPDATE dossiers SET state = 'SCREENING', version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 AND state = 'AANGEMELD'
        RETURNING id, tenant_id, reference, phenomenon, state, version, received_on, referring_partner_id, involved_partner_ids, created_at, updated_at`,
      [dossierId, version],
    );
    if (rows.length !== 1) {
      await c.query('ROLLBACK');
      c.release();
      return null;
    }
    const d = rows[0];
    await c.query(
      `INSERT INTO workflow_events (tenant_id, entity_type, entity_id, seq, event, from_state, to_state) VALUES ($1, 'Dossier', $2, $3, 'START_SCREENING', 'AANGEMELD', 'SCREENING')`,
      [d.tenant_id, d.id, version + 1],
    );
    const details = JSON.stringify({ event: 'START_SCREENING', fromState: 'AANGEMELD', toState: 'SCREENING' });
    const hash = createHash('sha256').update(`${d.tenant_id}|${d.id}|${details}`).digest('hex');
    await c.query(
      `INSERT INTO audit_events (tenant_id, seq, actor_id, action, entity_type, entity_id, outcome, ip, details, prev_hash, hash)
       VALUES ($1, $2, NULL, 'dossier.transition', 'Dossier', $3, 'ALLOWED', '127.0.0.1', $4, '', $5)`,
      [d.tenant_id, ++auditSeq, d.id, details, hash],
    );
    await c.query(`INSERT INTO outbox (tenant_id, job_name, payload) VALUES ($1, 'workflow.transitioned', $2)`, [d.tenant_id, details]);
    await c.query('COMMIT');
    c.release();
    return d;
  } catch (e) {
    c.release(e as Error);
    throw e;
  }
}

/** The captured statement sequence for a request: `GET /api/dossiers?…` of the big tenant, of the read tenant, or one dossier. */
export function routeOf(method: string, url: string, tenantHeader: string | undefined): 'list' | 'listBig' | 'get' | 'transition' | null {
  const path = url.split('?')[0];
  if (method === 'GET' && path === '/api/dossiers') return tenantHeader === 'groot' ? 'listBig' : 'list';
  if (method === 'GET' && /^\/api\/dossiers\/[0-9a-f-]{36}$/i.test(path)) return 'get';
  if (method === 'POST' && /^\/api\/dossiers\/[0-9a-f-]{36}\/transitions$/i.test(path)) return 'transition';
  return null;
}
