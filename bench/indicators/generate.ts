import { Client } from 'pg';
import { runSchemaMigrations } from '../../libs/persistence/src/migrate';

/**
 * A national-scale data set for the indicator benchmark, in a database of its own (never the test database):
 * at scale 1, 600 tenants (LIVCs) with 6 partners each, 333 dossiers per tenant (≈ 200 000), 144 meetings per tenant
 * (one every 15 days, 2020–2025; ≈ 86 000), 5–6 discussions per retained dossier (≈ 1 000 000 discussed agenda items),
 * 0–2 agreements per discussion (≈ 1 000 000), an endorsement per present partner for discussions with agreements
 * (≈ 2 800 000) and the dossiers' lifecycle events (≈ 1 800 000). `--scale` multiplies the number of tenants only, so
 * one tenant-year stays the same size and its timings stay comparable; the all-tenants time scales linearly.
 *
 * Everything is set-based SQL (generate_series, INSERT … SELECT); ids are md5-derived (`bench_uuid`, a valid RFC 4122
 * version-4 UUID, so the API's `IsUUID` accepts them), so the same scale gives the same data. Foreign-key triggers are skipped during the load (session_replication_role = replica; the data is consistent by
 * construction), then the tables are vacuumed and analysed.
 */

export interface GenerateOptions {
  adminUrl: string;
  database: string;
  scale: number;
  log?: (line: string) => void;
  /**
   * More data in the same load (foreign-key triggers still off, before the vacuum): the API benchmark adds its users,
   * subjects and tenants here. `step` runs one statement and logs its row count and time.
   */
  extend?: (c: Client, step: (label: string, sql: string, params?: unknown[]) => Promise<void>) => Promise<void>;
}

export const DEFAULT_BENCH_DB = 'kernteam_bench';
const PER_TENANT_DOSSIERS = 333;
const PER_TENANT_MEETINGS = 144;

/**
 * The one way the bench data derives an id from a key: md5 with the version nibble set to 4 and the variant to 8, so the
 * id is a valid RFC 4122 UUID (a bare `md5(x)::uuid` is not, and class-validator's `IsUUID` rejects it at the API).
 * A session-local function (`pg_temp`), so the bench database's schema stays the product's own.
 */
export const BENCH_UUID_FUNCTION = `
  CREATE OR REPLACE FUNCTION pg_temp.bench_uuid(key text) RETURNS uuid LANGUAGE sql IMMUTABLE
  AS $$ SELECT overlay(overlay(md5(key) placing '4' from 13) placing '8' from 17)::uuid $$`;

export function benchUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function benchDatabaseExists(adminUrl: string, database: string): Promise<boolean> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const r = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database]);
    if (!r.rowCount) return false;
  } finally {
    await admin.end();
  }
  const c = new Client({ connectionString: benchUrl(adminUrl, database) });
  await c.connect();
  try {
    const r = await c.query(`SELECT to_regclass('public.bench_info') IS NOT NULL AS ok`);
    return r.rows[0].ok;
  } finally {
    await c.end();
  }
}

export async function generate(opts: GenerateOptions): Promise<void> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  if (!/^[a-z_][a-z0-9_]*$/.test(opts.database) || /test/.test(opts.database)) {
    throw new Error(`refusing to generate into database "${opts.database}" (a dedicated bench database, never a test one)`);
  }
  const tenants = Math.max(1, Math.round(600 * opts.scale));
  const admin = new Client({ connectionString: opts.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${opts.database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${opts.database}`);
  } finally {
    await admin.end();
  }
  const url = benchUrl(opts.adminUrl, opts.database);
  await runSchemaMigrations(url);

  const c = new Client({ connectionString: url });
  await c.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = Date.now();
    const r = await c.query(sql, params);
    log(`  ${label.padEnd(28)} ${String(r.rowCount ?? '').padStart(10)} rows  ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
  };
  const started = Date.now();
  try {
    log(`generating ${tenants} tenants (scale ${opts.scale}) into ${opts.database}`);
    await c.query(`SET session_replication_role = replica`);
    await c.query(`SET synchronous_commit = off`);
    await c.query(`SET work_mem = '256MB'`);
    await c.query(`SET maintenance_work_mem = '512MB'`);
    await c.query(`SET max_parallel_workers_per_gather = 2`);
    await c.query(BENCH_UUID_FUNCTION);

    await step('tenants', `
      INSERT INTO tenants (id, name) SELECT pg_temp.bench_uuid('t' || t), 'Bench LIVC ' || t FROM generate_series(1, $1) t`, [tenants]);
    // Partner k of tenant t: 1 BURGEMEESTER, 2 CASEMANAGEMENT, 3 POLITIE, 4 PARKET, 5 OCMW, 6 ONDERWIJS.
    await step('partners', `
      INSERT INTO partners (id, tenant_id, name, type)
      SELECT pg_temp.bench_uuid('p' || t || '-' || k), pg_temp.bench_uuid('t' || t), 'Partner ' || k,
             (ARRAY['BURGEMEESTER','CASEMANAGEMENT','POLITIE','PARKET','OCMW','ONDERWIJS'])[k]
        FROM generate_series(1, $1) t, generate_series(1, 6) k`, [tenants]);
    // Meeting m (0 … 143) of tenant t every 15 days from 7 January 2020, in the afternoon (Brussels), some in the late
    // evening so that dates around midnight occur; 1 in 33 cancelled. Burgemeester, casemanagement and police attend;
    // parket, OCMW and onderwijs now and then.
    await step('meetings', `
      INSERT INTO meetings (id, tenant_id, scheduled_at, location, state, present_partner_ids)
      SELECT pg_temp.bench_uuid('m' || t || '-' || m), pg_temp.bench_uuid('t' || t),
             (timestamp '2020-01-07 14:00' + m * interval '15 days' + ((t + m) % 10) * interval '1 hour') AT TIME ZONE 'Europe/Brussels',
             'Stadhuis',
             CASE WHEN m % 33 = 7 THEN 'GEANNULEERD' WHEN m % 2 = 0 THEN 'VERSLAG_GOEDGEKEURD' ELSE 'AFGEROND' END,
             CASE WHEN m % 33 = 7 THEN '{}'::uuid[] ELSE
               array_remove(ARRAY[pg_temp.bench_uuid('p' || t || '-1'), pg_temp.bench_uuid('p' || t || '-2'), pg_temp.bench_uuid('p' || t || '-3'),
                 CASE WHEN (t + m) % 2 = 0 THEN pg_temp.bench_uuid('p' || t || '-4') END,
                 CASE WHEN (t + m) % 3 = 0 THEN pg_temp.bench_uuid('p' || t || '-5') END,
                 CASE WHEN (t * 7 + m) % 5 = 0 THEN pg_temp.bench_uuid('p' || t || '-6') END], NULL) END
        FROM generate_series(1, $1) t, generate_series(0, $2 - 1) m`, [tenants, PER_TENANT_MEETINGS]);

    // Dossier i of tenant t is first discussed at meeting m0, received 1–60 days before it. Every tenth is not retained
    // (no discussions); the others are discussed k = 5 or 6 times, every second meeting from m0.
    await step('bench_dossiers (temp)', `
      CREATE TEMP TABLE bench_dossiers AS
      SELECT t, i, pg_temp.bench_uuid('d' || t || '-' || i) AS id, pg_temp.bench_uuid('t' || t) AS tenant_id, (i * 7 + t * 3) % 133 AS m0,
             ((timestamp '2020-01-07 14:00' + ((i * 7 + t * 3) % 133) * interval '15 days')::date - (1 + (i * 13 + t) % 60)) AS received_on,
             CASE WHEN i % 10 = 9 THEN 0 WHEN i % 2 = 0 THEN 6 ELSE 5 END AS k,
             CASE WHEN i % 10 = 9 THEN 'NIET_WEERHOUDEN' WHEN i % 10 < 5 THEN 'AFGESLOTEN' ELSE 'IN_OPVOLGING' END AS state
        FROM generate_series(1, $1) t, generate_series(1, $2) i`, [tenants, PER_TENANT_DOSSIERS]);
    await step('dossiers', `
      INSERT INTO dossiers (id, tenant_id, reference, phenomenon, state, referring_partner_id, received_on, summary, involved_partner_ids, closure_reason, version, created_at, updated_at)
      SELECT id, tenant_id, 'BENCH-' || t || '-' || i,
             (ARRAY['RADICALISERING','POLARISERING','EXTREMISME','TERRORISME'])[1 + i % 4], state,
             pg_temp.bench_uuid('p' || t || '-' || (2 + i % 2)), received_on, NULL,
             ARRAY[pg_temp.bench_uuid('p' || t || '-2'), pg_temp.bench_uuid('p' || t || '-3')],
             CASE WHEN state = 'AFGESLOTEN' THEN (ARRAY['DOELEN_BEREIKT','VERHUISD','OVERGEDRAGEN','WEIGERING','JUSTITIEEL_TRAJECT','OVERLEDEN','ANDERE'])[1 + i % 7] END,
             1 + k + 3,
             -- Spread over time like real dossiers (the list sorts by updated_at), not all at the moment of generation.
             (received_on + time '09:00') AT TIME ZONE 'Europe/Brussels',
             (received_on + 30 * (1 + k) + time '11:00') AT TIME ZONE 'Europe/Brussels'
        FROM bench_dossiers`);

    await step('bench_items (temp)', `
      CREATE TEMP TABLE bench_items AS
      SELECT d.t, d.i, j, pg_temp.bench_uuid('a' || d.t || '-' || d.i || '-' || j) AS id, d.tenant_id, d.id AS dossier_id,
             pg_temp.bench_uuid('m' || d.t || '-' || (d.m0 + 2 * j)) AS meeting_id, d.m0 + 2 * j AS m,
             CASE WHEN (d.m0 + 2 * j) % 33 = 7 THEN NULL ELSE 'DISCUSSED' END AS outcome,
             CASE WHEN (d.m0 + 2 * j) % 33 = 7 THEN 0 ELSE (d.i + j) % 3 END AS n_agreements
        FROM bench_dossiers d, generate_series(0, d.k - 1) j`);
    await step('agenda_items', `
      INSERT INTO agenda_items (id, tenant_id, meeting_id, dossier_id, position, outcome, summary)
      SELECT id, tenant_id, meeting_id, dossier_id, 1 + (i % 50), outcome, NULL FROM bench_items`);
    // Due a month after the meeting; 60 % carried out (two in three of those on time), 10 % not, the rest open or ongoing.
    await step('agreements', `
      INSERT INTO agreements (id, tenant_id, agenda_item_id, dossier_id, description, responsible_partner_id, due_on, state, done_on)
      SELECT pg_temp.bench_uuid('g' || it.id || '-' || n), it.tenant_id, it.id, it.dossier_id, NULL, pg_temp.bench_uuid('p' || it.t || '-' || (2 + (it.i + n) % 4)),
             due, st, CASE WHEN st = 'UITGEVOERD' THEN due + CASE WHEN (it.i + it.j + n) % 3 = 0 THEN 6 ELSE -5 END END
        FROM bench_items it, generate_series(1, it.n_agreements) n,
             LATERAL (SELECT (timestamp '2020-01-07 14:00' + it.m * interval '15 days')::date + 30 AS due,
                             CASE WHEN (it.i * 3 + it.j + n) % 10 < 6 THEN 'UITGEVOERD' WHEN (it.i * 3 + it.j + n) % 10 = 6 THEN 'NIET_UITGEVOERD'
                                  WHEN (it.i * 3 + it.j + n) % 10 < 9 THEN 'IN_UITVOERING' ELSE 'OPEN' END AS st) x`);
    // Every present partner endorses a discussion with agreements; one in twelve with a reservation.
    await step('endorsements', `
      INSERT INTO endorsements (id, tenant_id, agenda_item_id, partner_id, endorsed)
      SELECT pg_temp.bench_uuid('e' || it.id || '-' || p.partner_id), it.tenant_id, it.id, p.partner_id, (it.i + it.j + p.ord) % 12 <> 0
        FROM bench_items it JOIN meetings mt ON mt.id = it.meeting_id,
             unnest(mt.present_partner_ids) WITH ORDINALITY AS p(partner_id, ord)
       WHERE it.n_agreements > 0`);
    await step('workflow_events', `
      INSERT INTO workflow_events (tenant_id, entity_type, entity_id, seq, event, from_state, to_state, reason, at)
      SELECT d.tenant_id, 'Dossier', d.id, e.seq, e.event, e.from_state, e.to_state, e.reason, e.at
        FROM bench_dossiers d,
             LATERAL (
               SELECT 1 AS seq, 'REGISTER' AS event, NULL::text AS from_state, 'AANGEMELD' AS to_state, NULL::text AS reason, (d.received_on + time '09:00') AT TIME ZONE 'Europe/Brussels' AS at
               UNION ALL SELECT 2, 'START_SCREENING', 'AANGEMELD', 'SCREENING', NULL, (d.received_on + 1 + time '09:00') AT TIME ZONE 'Europe/Brussels'
               UNION ALL SELECT 3, CASE WHEN d.k = 0 THEN 'REJECT' ELSE 'RETAIN' END, 'SCREENING', CASE WHEN d.k = 0 THEN 'NIET_WEERHOUDEN' ELSE 'WEERHOUDEN' END,
                                NULL, (d.received_on + 1 + time '15:00') AT TIME ZONE 'Europe/Brussels'
               UNION ALL SELECT 4 + j, 'DISCUSS', 'GEAGENDEERD', 'IN_OPVOLGING', NULL,
                                timestamp '2020-01-07 17:00' AT TIME ZONE 'Europe/Brussels' + (d.m0 + 2 * j) * interval '15 days'
                           FROM generate_series(0, d.k - 1) j
               UNION ALL SELECT 4 + d.k, 'CLOSE', 'IN_OPVOLGING', 'AFGESLOTEN',
                                (ARRAY['DOELEN_BEREIKT','VERHUISD','OVERGEDRAGEN','WEIGERING','JUSTITIEEL_TRAJECT','OVERLEDEN','ANDERE'])[1 + d.i % 7],
                                timestamp '2020-01-07 10:00' AT TIME ZONE 'Europe/Brussels' + (d.m0 + 2 * d.k + 2) * interval '15 days'
                          WHERE d.state = 'AFGESLOTEN'
             ) e`);
    if (opts.extend) await opts.extend(c, step);
    await c.query(`SET session_replication_role = origin`);
    const t0 = Date.now();
    // The whole database: the tables above and whatever `extend` added.
    await c.query(`VACUUM (ANALYZE)`);
    log(`  ${'vacuum analyze'.padEnd(28)} ${''.padStart(10)}       ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
    await c.query(`CREATE TABLE bench_info (scale numeric, tenants int, generated_at timestamptz DEFAULT now())`);
    await c.query(`INSERT INTO bench_info (scale, tenants) VALUES ($1, $2)`, [opts.scale, tenants]);
    log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await c.end();
  }
}
