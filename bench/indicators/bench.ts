import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { Client, Pool } from 'pg';
import { AuditModule } from '@kernteam/audit';
import { INDICATOR_KEYS, indicatorQuery, IndicatorsModule, IndicatorsService, yearPeriod } from '@kernteam/indicators';
import { PersistenceModule, TenantDb } from '@kernteam/persistence';
import { benchDatabaseExists, benchUrl, DEFAULT_BENCH_DB, generate } from './generate';

/**
 * `npm run bench:indicators -- [--scale 0.1] [--generate] [--year 2024] [--samples 200]`
 *
 * Times one tenant-year indicator through the product (IndicatorsService inside TenantDb.tx: SET LOCAL ROLE, the
 * tenant setting, row-level security) and the same SQL text with the same parameters run directly with `pg` (as the
 * database owner, no transaction, no row-level security), in the same run; then every indicator for every tenant.
 * Not a test: it prints figures. The data set is generated first when the bench database does not exist (or with
 * --generate); see generate.ts and README.md beside this file.
 */

@Module({ imports: [PersistenceModule.forRoot(), AuditModule, IndicatorsModule] })
class BenchModule {}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const ms = (n: number) => `${n.toFixed(2).padStart(8)} ms`;
const now = () => Number(process.hrtime.bigint()) / 1e6;

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' }, generate: { type: 'boolean', default: false }, year: { type: 'string', default: '2024' },
      samples: { type: 'string', default: '200' }, database: { type: 'string', default: process.env.BENCH_DB || DEFAULT_BENCH_DB },
    },
  });
  const adminUrl = process.env.BENCH_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = values.database!;
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 10)) throw new Error('--scale must be a number in (0, 10]');
  if (values.generate || !(await benchDatabaseExists(adminUrl, database))) await generate({ adminUrl, database, scale });
  const url = benchUrl(adminUrl, database);
  const period = yearPeriod(Number(values.year));
  const samples = Number(values.samples);

  const pg = new Client({ connectionString: url });
  await pg.connect();
  const [info] = (await pg.query(`SELECT scale, tenants FROM bench_info`)).rows;
  const [counts] = (await pg.query(`
    SELECT (SELECT count(*) FROM tenants)::int AS tenants, (SELECT count(*) FROM dossiers)::int AS dossiers,
           (SELECT count(*) FROM meetings)::int AS meetings, (SELECT count(*) FROM discussions)::int AS discussions,
           (SELECT count(*) FROM agreements)::int AS agreements, (SELECT count(*) FROM endorsements)::int AS endorsements,
           (SELECT count(*) FROM workflow_events)::int AS workflow_events`)).rows;
  const tenants: string[] = (await pg.query(`SELECT id FROM tenants ORDER BY id`)).rows.map((r) => r.id);
  process.stdout.write(`\ndata set (scale ${info.scale}): ${Object.entries(counts).map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`).join(', ')}\n`);
  process.stdout.write(`period ${period.from} … ${period.to}; ${samples} samples per figure; PostgreSQL ${(await pg.query('SHOW server_version')).rows[0].server_version}\n\n`);

  process.env.DATABASE_URL = url;
  process.env.DB_POOL_MAX = '4';
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  const db = app.get(TenantDb);
  const indicators = app.get(IndicatorsService);
  const pick = (n: number) => tenants[(n * 7919) % tenants.length];

  const product = (tenantId: string, key = 'SHARED_AGREEMENTS' as (typeof INDICATOR_KEYS)[number]) =>
    db.tx({ tenantId }, (em) => indicators.compute(em, tenantId, key, period));
  const direct = (tenantId: string, key = 'SHARED_AGREEMENTS' as (typeof INDICATOR_KEYS)[number]) => {
    const q = indicatorQuery(key, tenantId, period);
    return pg.query(q.sql, q.values);
  };

  // Warm up both paths (plans, caches, pool).
  for (let n = 0; n < 20; n++) {
    await product(pick(n));
    await direct(pick(n));
  }

  const rows: [string, number[], number[]][] = [];
  const measure = async (label: string, viaProduct: (t: string) => Promise<unknown>, viaPg: (t: string) => Promise<unknown>) => {
    const a: number[] = [];
    const b: number[] = [];
    for (let n = 0; n < samples; n++) {
      const t = pick(n + 100);
      // Alternate the order so neither path always runs on a cache the other warmed.
      if (n % 2) {
        let s = now(); await viaProduct(t); a.push(now() - s);
        s = now(); await viaPg(t); b.push(now() - s);
      } else {
        let s = now(); await viaPg(t); b.push(now() - s);
        s = now(); await viaProduct(t); a.push(now() - s);
      }
    }
    rows.push([label, a, b]);
  };
  await measure('SHARED_AGREEMENTS', (t) => product(t), (t) => direct(t));
  for (const key of INDICATOR_KEYS.filter((k) => k !== 'SHARED_AGREEMENTS')) {
    await measure(key, (t) => product(t, key), (t) => direct(t, key));
  }
  await measure(
    'all 9 indicators (one tx)',
    (t) => db.tx({ tenantId: t }, (em) => indicators.computeAll(em, t, period)),
    async (t) => { for (const key of INDICATOR_KEYS) await direct(t, key); },
  );

  process.stdout.write(`one tenant-year                          product p50   product p95    direct p50    direct p95   ratio p50\n`);
  for (const [label, a, b] of rows) {
    process.stdout.write(`${label.padEnd(38)} ${ms(pct(a, 50))} ${ms(pct(a, 95))} ${ms(pct(b, 50))} ${ms(pct(b, 95))}   ${(pct(a, 50) / pct(b, 50)).toFixed(2).padStart(7)}\n`);
  }

  // Every indicator for every tenant, one after the other, then four at a time (the product's pool size here).
  const allTenants = async (run: (t: string) => Promise<unknown>, parallel: number) => {
    const s = now();
    let next = 0;
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next < tenants.length) await run(tenants[next++]);
    }));
    return now() - s;
  };
  // A real pool of the product's size here: each tenant's nine statements on one checked-out connection, as the
  // product runs them in one transaction on one connection.
  const pgPool = new Pool({ connectionString: url, max: 4 });
  const directAll = async (t: string) => {
    const c = await pgPool.connect();
    try {
      for (const key of INDICATOR_KEYS) {
        const q = indicatorQuery(key, t, period);
        await c.query(q.sql, q.values);
      }
    } finally {
      c.release();
    }
  };
  const productAll = (t: string) => db.tx({ tenantId: t }, (em) => indicators.computeAll(em, t, period));
  process.stdout.write(`\nall ${tenants.length} tenants × 9 indicators            product         direct   ratio\n`);
  for (const parallel of [1, 4]) {
    const p = await allTenants(productAll, parallel);
    const d = parallel === 1 ? await allTenants(async (t) => { for (const key of INDICATOR_KEYS) await direct(t, key); }, 1) : await allTenants(directAll, parallel);
    process.stdout.write(`${`${parallel === 1 ? "one at a time" : `${parallel} at a time`}`.padEnd(38)} ${(p / 1000).toFixed(2).padStart(8)} s ${(d / 1000).toFixed(2).padStart(10)} s ${(p / d).toFixed(2).padStart(7)}\n`);
  }

  const plan = (await pg.query(`EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, COSTS OFF, SUMMARY ON) ${indicatorQuery('SHARED_AGREEMENTS', pick(1), period).sql}`, indicatorQuery('SHARED_AGREEMENTS', pick(1), period).values)).rows
    .map((r) => r['QUERY PLAN'] as string);
  process.stdout.write(`\nplan of SHARED_AGREEMENTS for one tenant-year:\n${plan.map((l) => `  ${l}`).join('\n')}\n`);

  await pgPool.end();
  await pg.end();
  await app.close();
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
