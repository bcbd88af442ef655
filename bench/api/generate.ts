import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { runSchemaMigrations } from '../../libs/persistence/src/migrate';
import { hashPassword } from '../../libs/users/src/password';
import { BENCH_UUID_FUNCTION, benchUrl, generate } from '../indicators/generate';

/**
 * The API benchmark's data set: the indicator benchmark's national-scale data (600 tenants × 333 dossiers at scale 1,
 * with their meetings, agreements and events; see bench/indicators) plus what the API needs to serve it:
 * - every tenant without a required second factor (a bench sign-in gets a full token);
 * - per tenant one casemanager (`casemanager@livc<t>.bench.example`), all with one argon2 hash of BENCH_PASSWORD
 *   computed once with the product's own `hashPassword`;
 * - a subject (identity) for every dossier;
 * - one big tenant, "Bench LIVC groot", with 35 000 dossiers (and subjects), for the list-scaling figure;
 * - fresh dossiers in state AANGEMELD in the transition tenants (topped up before each run: a transition uses one up).
 *
 * Set-based SQL only; ids from `bench_uuid` (valid version-4 UUIDs), so the same scale gives the same data (the fresh
 * dossiers excepted: they are consumed and topped up, with random ids).
 */

export const BENCH_PASSWORD = 'bench-Kernteam-wachtwoord-2026';
export const BIG_TENANT_DOSSIERS = 35_000;
/** Tenant numbers (1-based, as in the generator) with fixed roles, so reads and writes do not disturb each other. */
export const TRANSITION_TENANTS = [1, 2, 3, 4, 5, 6, 7, 8];
export const SIGN_IN_TENANT = 9;
export const READ_TENANT = 10;
export const MIN_TENANTS = READ_TENANT;

export const casemanagerEmail = (t: number | 'groot') => `casemanager@livc${t === 'groot' ? '-groot' : t}.bench.example`;

export function defaultApiBenchDb(scale: number): string {
  return scale === 1 ? 'kernteam_benchapi' : `kernteam_benchapi_s${String(scale).replace(/\W/g, '_')}`;
}

/** The API data set is there, complete, and of this scale. */
export async function apiBenchDatabaseReady(adminUrl: string, database: string, scale: number): Promise<boolean> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    if (!(await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database])).rowCount) return false;
  } finally {
    await admin.end();
  }
  const c = new Client({ connectionString: benchUrl(adminUrl, database) });
  await c.connect();
  try {
    if (!(await c.query(`SELECT to_regclass('public.bench_api_info') IS NOT NULL AS ok`)).rows[0].ok) return false;
    const [info] = (await c.query(`SELECT scale FROM bench_api_info`)).rows;
    return Number(info?.scale) === scale;
  } finally {
    await c.end();
  }
}

export async function generateApi(opts: { adminUrl: string; database: string; scale: number; log?: (l: string) => void }): Promise<void> {
  const tenants = Math.max(1, Math.round(600 * opts.scale));
  if (tenants < MIN_TENANTS) throw new Error(`--scale gives ${tenants} tenants; the API bench needs at least ${MIN_TENANTS}`);
  // One hash for every bench account: argon2 is slow on purpose, and sign-in verifies whatever hash it finds.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await generate({
    ...opts,
    extend: async (c, step) => {
      await step('tenant settings', `UPDATE tenants SET mfa_required_roles = '{}'`);
      await step('big tenant', `
        INSERT INTO tenants (id, name, mfa_required_roles) VALUES (pg_temp.bench_uuid('tgroot'), 'Bench LIVC groot', '{}')`);
      await step('big tenant partners', `
        INSERT INTO partners (id, tenant_id, name, type)
        SELECT pg_temp.bench_uuid('pgroot-' || k), pg_temp.bench_uuid('tgroot'), 'Partner ' || k,
               (ARRAY['BURGEMEESTER','CASEMANAGEMENT','POLITIE','PARKET','OCMW','ONDERWIJS'])[k]
          FROM generate_series(1, 6) k`);
      await step('big tenant dossiers', `
        INSERT INTO dossiers (id, tenant_id, reference, phenomenon, state, referring_partner_id, received_on, involved_partner_ids, version, created_at, updated_at)
        SELECT pg_temp.bench_uuid('dgroot-' || i), pg_temp.bench_uuid('tgroot'), 'BENCH-G-' || i,
               (ARRAY['RADICALISERING','POLARISERING','EXTREMISME','TERRORISME'])[1 + i % 4],
               (ARRAY['AANGEMELD','SCREENING','NIET_WEERHOUDEN','WEERHOUDEN','IN_OPVOLGING','IN_OPVOLGING','AFGESLOTEN','AFGESLOTEN'])[1 + i % 8],
               pg_temp.bench_uuid('pgroot-' || (2 + i % 2)), date '2016-01-01' + (i * 37) % 3650,
               ARRAY[pg_temp.bench_uuid('pgroot-2'), pg_temp.bench_uuid('pgroot-3')], 1 + i % 5,
               (date '2016-01-01' + (i * 37) % 3650 + time '09:00') AT TIME ZONE 'Europe/Brussels',
               (date '2016-01-01' + (i * 37) % 3650 + 20 + time '11:00') AT TIME ZONE 'Europe/Brussels'
          FROM generate_series(1, $1) i`, [BIG_TENANT_DOSSIERS]);
      await step('casemanagers', `
        INSERT INTO users (id, tenant_id, email, name, role, partner_id, password_hash)
        SELECT pg_temp.bench_uuid('u' || t), pg_temp.bench_uuid('t' || t), 'casemanager@livc' || t || '.bench.example', 'Casemanager ' || t,
               'casemanager', pg_temp.bench_uuid('p' || t || '-2'), $2
          FROM generate_series(1, $1) t
        UNION ALL
        SELECT pg_temp.bench_uuid('ugroot'), pg_temp.bench_uuid('tgroot'), $3, 'Casemanager groot', 'casemanager', pg_temp.bench_uuid('pgroot-2'), $2`,
        [tenants, passwordHash, casemanagerEmail('groot')]);
      // Fictitious identities, one per dossier (the detail route reads the subject where the caller may see it).
      await step('subjects', `
        INSERT INTO subjects (id, tenant_id, dossier_id, first_name, last_name, birth_date, gender, municipality)
        SELECT pg_temp.bench_uuid('s' || d.id), d.tenant_id, d.id, 'Voornaam' || (n % 997), 'Achternaam' || (n % 4999),
               date '1990-01-01' + (n % 7000)::int, (ARRAY['M','V','X'])[1 + n % 3], 'Gemeente ' || (n % 50)
          FROM (SELECT id, tenant_id, row_number() OVER () AS n FROM dossiers) d`);
      await c.query(`CREATE TABLE bench_api_info (scale numeric, tenants int, generated_at timestamptz DEFAULT now())`);
      await c.query(`INSERT INTO bench_api_info (scale, tenants) VALUES ($1, $2)`, [opts.scale, tenants]);
    },
  });
}

/** `bench_uuid` in JavaScript: the id the generator gives key `key` (md5, version nibble 4, variant 8). */
export function benchUuid(key: string): string {
  const hex = createHash('md5').update(key).digest('hex');
  const h = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const tenantId = (t: number | 'groot') => benchUuid(t === 'groot' ? 'tgroot' : `t${t}`);

/**
 * Makes sure each tenant has at least `want` dossiers in state AANGEMELD made for transitions (reference `F-…`, version
 * 1, a REGISTER event and a subject, like a registration leaves them); returns their ids per tenant, oldest first.
 */
export async function topUpFreshDossiers(url: string, tenants: number[], want: (t: number) => number): Promise<Map<number, string[]>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const out = new Map<number, string[]>();
  try {
    await c.query(`SET synchronous_commit = off`);
    for (const t of tenants) {
      const tid = tenantId(t);
      const have = Number((await c.query(
        `SELECT count(*) AS n FROM dossiers WHERE tenant_id = $1 AND state = 'AANGEMELD' AND reference LIKE 'F-%'`, [tid])).rows[0].n);
      const missing = want(t) - have;
      if (missing > 0) {
        await c.query(`
          WITH d AS (
            INSERT INTO dossiers (tenant_id, reference, phenomenon, state, referring_partner_id, received_on, involved_partner_ids, version)
            SELECT $1, 'F-' || gen_random_uuid(), 'RADICALISERING', 'AANGEMELD', $2, current_date, ARRAY[$2::uuid], 1
              FROM generate_series(1, $3)
            RETURNING id, tenant_id),
          s AS (INSERT INTO subjects (tenant_id, dossier_id, first_name, last_name) SELECT tenant_id, id, 'Nieuw', 'Signaal' FROM d),
          e AS (INSERT INTO workflow_events (tenant_id, entity_type, entity_id, seq, event, from_state, to_state)
                SELECT tenant_id, 'Dossier', id, 1, 'REGISTER', NULL, 'AANGEMELD' FROM d)
          SELECT count(*) FROM d`, [tid, benchUuid(`p${t}-2`), missing]);
      }
      out.set(t, (await c.query(
        `SELECT id FROM dossiers WHERE tenant_id = $1 AND state = 'AANGEMELD' AND reference LIKE 'F-%' ORDER BY created_at, id`, [tid])).rows.map((r) => r.id));
    }
    // The tables the runs write: vacuumed so that both databases' plans see the same visibility (an index-only count
    // in one and a bitmap heap scan in the other would be a difference of upkeep, not of the code measured).
    for (const table of ['dossiers', 'subjects', 'workflow_events', 'audit_events', 'audit_chain_heads', 'outbox']) {
      await c.query(`VACUUM (ANALYZE) ${table}`);
    }
  } finally {
    await c.end();
  }
  return out;
}

/**
 * Sets the kept dossier counts per tenant and state (`dossier_counts`, migration 1766200000001) to what the dossiers
 * are. The generator loads with triggers off (session_replication_role = replica), so the trigger that keeps them did
 * not run: without this the list answered a total of 0 in every generated tenant, and a transition's commit found no
 * count row of its tenant to move. Run before every bench run, in both databases (cheap, and it mends a data set
 * generated before it).
 */
export async function recountDossiers(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`BEGIN; DELETE FROM dossier_counts;
      INSERT INTO dossier_counts (tenant_id, state, n) SELECT tenant_id, state::text, count(*) FROM dossiers GROUP BY 1, 2;
      COMMIT`);
    await c.query(`VACUUM (ANALYZE) dossier_counts`);
  } finally {
    await c.end();
  }
}

/**
 * The database the baselines replay the product's SQL against: a copy of the bench database (CREATE DATABASE …
 * TEMPLATE), made after generation. A copy, because replaying the product's writes with the very values it sent would
 * otherwise rewind the real tenant's audit chain head under the running product; in the copy the chain's unique index
 * `(tenant, seq)` is replaced by a plain index on the same columns (same maintenance cost; `migrateBoth` does it
 * after every migration), so the replayed audit INSERT with its captured sequence number is written, as the
 * product's was, instead of failing.
 */
export async function ensureReplayDatabase(adminUrl: string, database: string, log: (l: string) => void): Promise<string> {
  const replay = `${database}_replay`;
  const main = new Client({ connectionString: benchUrl(adminUrl, database) });
  await main.connect();
  const generatedAt = (await main.query(`SELECT generated_at FROM bench_api_info`)).rows[0].generated_at as Date;
  await main.end();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    if ((await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [replay])).rowCount) {
      const c = new Client({ connectionString: benchUrl(adminUrl, replay) });
      await c.connect();
      try {
        const ok = (await c.query(`SELECT to_regclass('public.bench_api_info') IS NOT NULL AS ok`)).rows[0].ok
          && +(await c.query(`SELECT generated_at FROM bench_api_info`)).rows[0].generated_at === +generatedAt;
        if (ok) return replay;
      } finally {
        await c.end();
      }
    }
    const t0 = Date.now();
    await admin.query(`DROP DATABASE IF EXISTS ${replay} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${replay} TEMPLATE ${database} STRATEGY = FILE_COPY`);
    log(`  replay copy ${replay} made in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await admin.end();
  }
  return replay;
}

/**
 * Both databases follow the worktree's migrations (a new index applies to the baselines too); then, in the replay copy,
 * every unique index of `audit_events` but its primary key becomes a plain index with the same definition, whatever
 * the migrations made of the chain (see ensureReplayDatabase).
 */
export async function migrateBoth(adminUrl: string, main: string, replay: string, log: (l: string) => void): Promise<void> {
  for (const db of [main, replay]) {
    const applied = await runSchemaMigrations(benchUrl(adminUrl, db));
    if (applied.length) log(`  ${db}: applied ${applied.join(', ')}`);
  }
  const c = new Client({ connectionString: benchUrl(adminUrl, replay) });
  await c.connect();
  try {
    const unique: { name: string; def: string }[] = (await c.query(`
      SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
        FROM pg_index i WHERE i.indrelid = 'audit_events'::regclass AND i.indisunique AND NOT i.indisprimary`)).rows;
    for (const u of unique) {
      await c.query(`DROP INDEX ${u.name}`);
      await c.query(u.def.replace(/^CREATE UNIQUE INDEX (\S+)/, 'CREATE INDEX $1_replay'));
    }
  } finally {
    await c.end();
  }
}

export { BENCH_UUID_FUNCTION };
