import { ChildProcess, execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { repoRoot } from '../../libs/persistence/src/runtime-config';
import { benchUrl } from '../indicators/generate';
import type { CapturedStatement, RequestRecord } from './count-round-trips';
import {
  apiBenchDatabaseReady, BENCH_PASSWORD, casemanagerEmail, defaultApiBenchDb, ensureReplayDatabase, generateApi, migrateBoth,
  READ_TENANT, recountDossiers, SIGN_IN_TENANT, tenantId, topUpFreshDossiers, TRANSITION_TENANTS,
} from './generate';

/**
 * `npm run bench:api -- [--quick] [--scale 1] [--generate] [--rounds 5] [--duration 5] [--show-sql]`
 *
 * The product (the built `dist/apps/api/src/main.js --without-worker`, a child process) against two baselines running
 * the product's own SQL (bench/api/baseline: a bare NestJS app and plain node:http, both through `pg.Pool`), under
 * autocannon, in interleaved rounds of the same run; medians over the rounds. Round trips are counted in each process
 * by a preloaded wrapper of `pg.Client.prototype.query` (count-round-trips.ts). Prints one table and the issue-12
 * targets with ✓/✗. Not a test: nothing is asserted. See README.md beside this file.
 */

type Variant = 'product' | 'product, 8 tenants' | 'bare' | 'pg' | 'bare, minimal SQL' | 'pg, minimal SQL';
interface LoadResult { rps: number; p50: number; p95: number; p99: number; non2xx: number; errors: number; requests: number; cpu?: { server: number; postgres: number } }
interface Child { name: string; proc: ChildProcess; port: number; log: string }

// autocannon 9 ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>, cb: (err: Error | null, r: Record<string, any>) => void) => any;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const pct = (sorted: number[], p: number) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
const out = (s = '') => process.stdout.write(`${s}\n`);

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/**
 * The runtime settings the image runs with (docker/Dockerfile: the allocator's `MALLOC_MMAP_THRESHOLD_` and V8's
 * `NODE_OPTIONS`), read from there so the product is measured as it is deployed; the baselines get them too, so a
 * setting that helps any Node process helps them alike. The bench's own environment wins.
 */
function imageEnv(root: string): NodeJS.ProcessEnv {
  const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');
  const env: NodeJS.ProcessEnv = {};
  const mmap = /\bMALLOC_MMAP_THRESHOLD_=(\d+)/.exec(dockerfile);
  if (mmap) env.MALLOC_MMAP_THRESHOLD_ = mmap[1];
  const node = /\bNODE_OPTIONS=(?:"([^"]*)"|(\S+))/.exec(dockerfile);
  if (node) env.NODE_OPTIONS = node[1] ?? node[2];
  return env;
}

const children: Child[] = [];
process.on('exit', () => { for (const c of children) c.proc.kill('SIGKILL'); });

async function start(name: string, script: string, args: string[], env: NodeJS.ProcessEnv, ready: (port: number) => Promise<boolean>): Promise<Child> {
  const port = await freePort();
  const log = join(tmpdir(), `kernteam-benchapi-${name}.log`);
  const logStream = createWriteStream(log);
  const proc = fork(script, args, {
    execArgv: ['-r', resolve(__dirname, 'count-round-trips.js')],
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  proc.stdout!.pipe(logStream);
  proc.stderr!.pipe(logStream);
  const child = { name, proc, port, log };
  children.push(child);
  let exited: number | null = null;
  proc.once('exit', (code) => { exited = code ?? -1; });
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (exited !== null) throw new Error(`${name} exited (${exited}) while starting; see ${log}:\n${readFileSync(log, 'utf8').split('\n').slice(-30).join('\n')}`);
    if (await ready(port).catch(() => false)) return child;
    await sleep(200);
  }
  throw new Error(`${name} did not become ready within 90 s; see ${log}`);
}

async function stop(c: Child): Promise<void> {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  const gone = new Promise((r) => c.proc.once('exit', r));
  c.proc.kill('SIGTERM');
  await Promise.race([gone, sleep(5_000)]);
  if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
}

function rpc<T>(c: Child, message: object, answer?: string): Promise<T> {
  return new Promise((ok, fail) => {
    const t = setTimeout(() => fail(new Error(`${c.name}: no answer to ${JSON.stringify(message)}`)), 10_000);
    const on = (m: { rt?: string }) => {
      if (m?.rt !== answer) return;
      clearTimeout(t);
      c.proc.off('message', on);
      ok(m as T);
    };
    if (answer) c.proc.on('message', on);
    c.proc.send(message);
    if (!answer) { clearTimeout(t); ok(undefined as T); }
  });
}

/** Sequential requests under recording: their per-request round trips and (capture) statements. */
async function recordRequests(c: Child, n: number, send: (i: number) => Promise<unknown>, capture = false) {
  await rpc(c, { rt: 'start', capture }, 'started');
  for (let i = 0; i < n; i++) await send(i);
  await sleep(100); // a query issued after the response still belongs to its request
  const r = await rpc<{ records: RequestRecord[]; background: number }>(c, { rt: 'stop' }, 'records');
  const counts = r.records.map((x) => x.queries);
  return {
    perRequest: counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length), min: Math.min(...counts), max: Math.max(...counts),
    statuses: [...new Set(r.records.map((x) => x.status))], last: r.records[r.records.length - 1], background: r.background,
  };
}

async function http(method: string, url: string, headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  let json: unknown = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  return { status: res.status, json };
}

function load(opts: { url: string; connections: number; duration: number; method?: string; headers?: Record<string, string>; body?: string; setupRequest?: (r: any) => any }): Promise<LoadResult> {
  return new Promise((ok, fail) => {
    const latencies: number[] = [];
    const inst = autocannon({
      url: opts.url, connections: opts.connections, duration: opts.duration, method: opts.method ?? 'GET', headers: opts.headers,
      body: opts.body, requests: opts.setupRequest ? [{ setupRequest: opts.setupRequest }] : undefined, timeout: 30,
    }, (err, r) => {
      if (err) return fail(err);
      latencies.sort((a, b) => a - b);
      ok({ rps: (r['2xx'] ?? 0) / (r.duration || opts.duration), p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), non2xx: r.non2xx ?? 0, errors: (r.errors ?? 0) + (r.timeouts ?? 0), requests: r.requests?.total ?? 0 });
    });
    inst.on('response', (_c: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
}

/**
 * CPU time (user + system, ms) of a process, and of all PostgreSQL processes together, from /proc: per request it is a
 * figure that the machine's noise moves far less than throughput (a busy neighbour slows every process of a run alike).
 */
const TICK_MS = 1000 / (Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100);
const cpuMs = (pid: number | string, withReaped = false): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + (withReaped ? Number(f[13]) + Number(f[14]) : 0)) * TICK_MS;
  } catch {
    return 0; // gone in between
  }
};
/**
 * All PostgreSQL processes, live ones plus those that ended: a backend that exits (a pooled connection closed when
 * idle) takes its CPU time with it, which the postmaster then holds as its reaped children's time.
 */
const postgresCpuMs = (): number => {
  let ms = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') ms += cpuMs(pid, true);
    } catch { /* gone */ }
  }
  return ms;
};

/**
 * Time the host gave to other machines while this one wanted its cores (`steal` in /proc/stat, summed over the cores),
 * in ms: on a shared virtual machine it moves every figure of a round, so each round shows it.
 */
const stolenMs = (): number => {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  return (Number(cpu[8]) || 0) * TICK_MS;
};

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false }, scale: { type: 'string' }, generate: { type: 'boolean', default: false },
      rounds: { type: 'string' }, duration: { type: 'string' }, database: { type: 'string' }, 'show-sql': { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  const quick = values.quick!;
  const scale = Number(values.scale ?? (quick ? 0.1 : 1));
  // Five rounds: the median of three moved a ratio by up to a tenth between runs on a shared machine.
  const rounds = Number(values.rounds ?? (quick ? 2 : 5));
  const duration = Number(values.duration ?? (quick ? 2 : 5));
  const warm = quick ? 1 : 2;
  if (!(scale > 0 && scale <= 10)) throw new Error('--scale must be a number in (0, 10]');
  const adminUrl = process.env.BENCH_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = values.database ?? process.env.BENCH_DB ?? defaultApiBenchDb(scale);
  const log = (l: string) => out(l);
  const began = Date.now();

  if (values.generate || !(await apiBenchDatabaseReady(adminUrl, database, scale))) await generateApi({ adminUrl, database, scale, log });
  const replayDb = await ensureReplayDatabase(adminUrl, database, log);
  await migrateBoth(adminUrl, database, replayDb, log);
  const url = benchUrl(adminUrl, database);
  const replayUrl = benchUrl(adminUrl, replayDb);

  // Fresh AANGEMELD dossiers, one per transition; generous: a shortfall shows as non-2xx answers (409, a reused
  // dossier), never as a figure. Tenant 1 takes the one-tenant load and an eighth of the spread one; a fast machine
  // ran about 1,000 transitions per second in the product and 1,400 in the `pg` baseline, so more than twice that is planned.
  const seconds = warm + rounds * duration;
  const productFresh = await topUpFreshDossiers(url, TRANSITION_TENANTS, (t) => Math.ceil(seconds * (t === 1 ? 2_500 : 300)) + 500);
  const replayFresh = await topUpFreshDossiers(replayUrl, [1], () => Math.ceil(seconds * 2 * 3_000) + 500);
  for (const u of [url, replayUrl]) await recountDossiers(u);

  const pg = new Client({ connectionString: url });
  await pg.connect();
  const [counts] = (await pg.query(`SELECT (SELECT count(*) FROM tenants)::int AS tenants, (SELECT count(*) FROM dossiers)::int AS dossiers,
    (SELECT count(*) FROM subjects)::int AS subjects, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM audit_events)::int AS audit_events`)).rows;
  const server = (await pg.query('SHOW server_version')).rows[0].server_version;
  const sizes = (await pg.query(`SELECT tenant_id, count(*)::int AS n FROM dossiers WHERE tenant_id = ANY($1::uuid[]) GROUP BY 1`, [[tenantId(READ_TENANT), tenantId('groot')]])).rows;
  const sizeOf = (t: string) => sizes.find((r) => r.tenant_id === t)?.n ?? 0;
  const getId: string = (await pg.query(`SELECT id FROM dossiers WHERE tenant_id = $1 AND state = 'IN_OPVOLGING' ORDER BY reference LIMIT 1`, [tenantId(READ_TENANT)])).rows[0].id;
  await pg.end();

  const poolMax = process.env.DB_POOL_MAX || '10';
  out(`\ndata set ${database} (scale ${scale}): ${Object.entries(counts).map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`).join(', ')}`);
  out(`read tenant ${sizeOf(tenantId(READ_TENANT))} dossiers, big tenant ${sizeOf(tenantId('groot')).toLocaleString('en')}; PostgreSQL ${server}; DB_POOL_MAX ${poolMax}; ${rounds} rounds × ${duration} s (+${warm} s warm-up)`);

  // The product, as deployed (README "Configuration"), with its queue under a prefix of its own in the shared Redis.
  const root = repoRoot(__dirname);
  const image = imageEnv(root);
  const queuePrefix = process.env.BENCH_QUEUE_PREFIX || 'kernteam_benchapi';
  const productEnv: NodeJS.ProcessEnv = {
    ...image, ...process.env, NODE_ENV: 'production', DATABASE_URL: url, REDIS_URL: process.env.BENCH_REDIS_URL || process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: queuePrefix, AUTH_SECRET: randomBytes(48).toString('base64url'), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DB_POOL_MAX: poolMax,
    // Sign-in is measured at 32 clients from one address: the throttle is a defence, not the figure measured here.
    LOGIN_THROTTLE_PER_ACCOUNT: '1000000000', LOGIN_THROTTLE_PER_ADDRESS: '1000000000',
  };
  delete productEnv.RUN_WORKER;
  log('\nstarting the product');
  const product = await start('product', join(root, 'dist/apps/api/src/main.js'), ['--without-worker'], productEnv,
    async (port) => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200);
  const P = `http://127.0.0.1:${product.port}`;

  const signIn = async (email: string) => {
    const r = await http('POST', `${P}/api/auth/login`, {}, { email, password: BENCH_PASSWORD });
    if (r.status !== 200) throw new Error(`sign-in of ${email}: ${r.status} ${JSON.stringify(r.json)}`);
    if (r.json.mfaEnrolmentRequired) throw new Error(`sign-in of ${email}: restricted token (second factor required)`);
    return `Bearer ${r.json.accessToken}`;
  };
  const readToken = await signIn(casemanagerEmail(READ_TENANT));
  const bigToken = await signIn(casemanagerEmail('groot'));
  const transitionTokens = new Map<number, string>();
  for (const t of TRANSITION_TENANTS) transitionTokens.set(t, await signIn(casemanagerEmail(t)));

  const listPath = '/api/dossiers?pageSize=50';
  const getPath = `/api/dossiers/${getId}`;
  const transitionBody = JSON.stringify({ event: 'START_SCREENING', version: 1 });
  const queues = new Map<string, string[]>();
  for (const [t, ids] of productFresh) queues.set(`product:${t}`, [...ids]);
  queues.set('replay:1', [...replayFresh.get(1)!]);
  const used = new Map<string, string>();
  const nextFresh = (key: string) => {
    const id = queues.get(key)!.shift() ?? used.get(key)!; // exhausted: an answer ≠ 2xx says so
    used.set(key, id);
    return id;
  };

  // Round trips and the captured SQL, one request at a time.
  log('counting round trips and capturing the product\'s SQL');
  const rt: Record<string, Record<string, { perRequest: number; min: number; max: number }>> = {};
  const note = (route: string, variant: string, r: { perRequest: number; min: number; max: number; statuses: (number | undefined)[] }) => {
    (rt[route] ??= {})[variant] = r;
    if (r.statuses.some((s) => !s || s >= 300)) out(`  ! ${route} via ${variant}: answered ${r.statuses.join(', ')}`);
  };
  const N = quick ? 10 : 20;
  const captures: Record<string, CapturedStatement[]> = {};
  for (const [route, path, token] of [['list', listPath, readToken], ['listBig', listPath, bigToken], ['get', getPath, readToken]] as const) {
    for (let i = 0; i < 5; i++) await http('GET', `${P}${path}`, { authorization: token });
    const r = await recordRequests(product, N, () => http('GET', `${P}${path}`, { authorization: token }), true);
    note(route, 'product', r);
    captures[route] = r.last.statements ?? [];
  }
  note('transition', 'product', await recordRequests(product, N, () => {
    const id = nextFresh('product:1');
    return http('POST', `${P}/api/dossiers/${id}/transitions`, { authorization: transitionTokens.get(1)! }, { event: 'START_SCREENING', version: 1 });
  }));
  note('signin', 'product', await recordRequests(product, quick ? 5 : 10, () =>
    http('POST', `${P}/api/auth/login`, {}, { email: casemanagerEmail(SIGN_IN_TENANT), password: BENCH_PASSWORD })));
  const idleWindow = await (async () => { await rpc(product, { rt: 'start' }, 'started'); await sleep(2_000); return rpc<{ background: number }>(product, { rt: 'stop' }, 'records'); })();

  const captureFile = join(tmpdir(), `kernteam-benchapi-capture-${process.pid}.json`);
  writeFileSync(captureFile, JSON.stringify(captures));
  if (values['show-sql']) {
    for (const [route, st] of Object.entries(captures)) {
      out(`\n${route}: ${st.length} statements`);
      for (const s of st) out(`  [conn ${s.client}] ${s.text.replace(/\s+/g, ' ').slice(0, 160)}${s.values ? `  (${s.values.length} values)` : ''}`);
    }
  }

  const baselineEnv: NodeJS.ProcessEnv = { ...image, ...process.env, NODE_ENV: 'production', DATABASE_URL: replayUrl, BENCH_CAPTURE_FILE: captureFile, DB_POOL_MAX: poolMax };
  log('starting the baselines');
  const ready = (port: number) => fetch(`http://127.0.0.1:${port}${getPath}`).then((r) => r.status === 200);
  const bare = await start('bare', join(__dirname, 'baseline/bare.js'), [], baselineEnv, ready);
  const pgBase = await start('pg', join(__dirname, 'baseline/pg.js'), [], baselineEnv, ready);
  const base = { bare, pg: pgBase } as const;
  for (const [variant, c] of Object.entries(base)) {
    const U = `http://127.0.0.1:${c.port}`;
    note('list', variant, await recordRequests(c, N, () => http('GET', `${U}${listPath}`)));
    note('listBig', variant, await recordRequests(c, N, () => http('GET', `${U}${listPath}`, { 'x-bench-tenant': 'groot' })));
    note('get', variant, await recordRequests(c, N, () => http('GET', `${U}${getPath}`)));
    note('transition', `${variant}, minimal SQL`, await recordRequests(c, 5, () =>
      http('POST', `${U}/api/dossiers/${nextFresh('replay:1')}/transitions`, {}, { event: 'START_SCREENING', version: 1 })));
  }

  // Idle memory: a few requests each, then quiet.
  for (let i = 0; i < 20; i++) {
    await http('GET', `${P}${i % 2 ? listPath : getPath}`, { authorization: readToken });
    await http('GET', `http://127.0.0.1:${bare.port}${i % 2 ? listPath : getPath}`);
  }
  await sleep(5_000);
  const rss5 = { product: rssKb(product.proc.pid!), bare: rssKb(bare.proc.pid!), pg: rssKb(pgBase.proc.pid!) };
  // V8 gives the garbage of start-up and of the last requests back a while after a process goes quiet (its memory
  // reducer: 10 to 20 s here), so "idle" is also read once each RSS has settled: after 30 s quiet at least, unchanged
  // (±1 MB) for the last 5 s, at most 90 s.
  const settled = await (async () => {
    const pids = { product: product.proc.pid!, bare: bare.proc.pid!, pg: pgBase.proc.pid! };
    const last = { ...rss5 };
    const since = { product: 0, bare: 0, pg: 0 };
    let waited = 0;
    while (waited < 85 && (waited < 25 || Object.values(since).some((n) => n < 5))) {
      await sleep(1_000);
      waited++;
      for (const k of Object.keys(pids) as (keyof typeof pids)[]) {
        const now = rssKb(pids[k]);
        if (Math.abs(now - last[k]) > 1024) { last[k] = now; since[k] = 0; } else since[k]++;
      }
    }
    return { ...last, after: 5 + waited };
  })();
  const rss = settled;

  // The load: every scenario × variant once per round, the variants' order rotated from round to round.
  const U = (c: Child) => `http://127.0.0.1:${c.port}`;
  const transitionRequest = (key: () => string, token?: () => string) => (req: any) => {
    const id = key();
    return { ...req, method: 'POST', path: `/api/dossiers/${id}/transitions`, body: transitionBody,
      headers: { ...req.headers, 'content-type': 'application/json', ...(token ? { authorization: token() } : {}) } };
  };
  let spread = 0;
  const allScenarios: { key: string; label: string; conc: number; variants: [Variant, (d: number) => Promise<LoadResult>][] }[] = [
    { key: 'list', label: `GET ${listPath}`, conc: 32, variants: [
      ['product', (d) => load({ url: `${P}${listPath}`, connections: 32, duration: d, headers: { authorization: readToken } })],
      ['bare', (d) => load({ url: `${U(bare)}${listPath}`, connections: 32, duration: d })],
      ['pg', (d) => load({ url: `${U(pgBase)}${listPath}`, connections: 32, duration: d })],
    ] },
    { key: 'get', label: 'GET /api/dossiers/:id', conc: 32, variants: [
      ['product', (d) => load({ url: `${P}${getPath}`, connections: 32, duration: d, headers: { authorization: readToken } })],
      ['bare', (d) => load({ url: `${U(bare)}${getPath}`, connections: 32, duration: d })],
      ['pg', (d) => load({ url: `${U(pgBase)}${getPath}`, connections: 32, duration: d })],
    ] },
    { key: 'list1', label: `GET ${listPath}`, conc: 1, variants: [
      ['product', (d) => load({ url: `${P}${listPath}`, connections: 1, duration: d, headers: { authorization: readToken } })],
      ['bare', (d) => load({ url: `${U(bare)}${listPath}`, connections: 1, duration: d })],
      ['pg', (d) => load({ url: `${U(pgBase)}${listPath}`, connections: 1, duration: d })],
    ] },
    { key: 'listBig1', label: `  same, tenant of ${sizeOf(tenantId('groot')).toLocaleString('en')}`, conc: 1, variants: [
      ['product', (d) => load({ url: `${P}${listPath}`, connections: 1, duration: d, headers: { authorization: bigToken } })],
      ['bare', (d) => load({ url: `${U(bare)}${listPath}`, connections: 1, duration: d, headers: { 'x-bench-tenant': 'groot' } })],
      ['pg', (d) => load({ url: `${U(pgBase)}${listPath}`, connections: 1, duration: d, headers: { 'x-bench-tenant': 'groot' } })],
    ] },
    { key: 'transition', label: 'POST /api/dossiers/:id/transitions', conc: 32, variants: [
      ['product', (d) => load({ url: P, connections: 32, duration: d, setupRequest: transitionRequest(() => nextFresh('product:1'), () => transitionTokens.get(1)!) })],
      ['product, 8 tenants', (d) => load({ url: P, connections: 32, duration: d, setupRequest: (() => {
        let t = 1;
        return transitionRequest(() => { t = TRANSITION_TENANTS[spread++ % TRANSITION_TENANTS.length]; return nextFresh(`product:${t}`); }, () => transitionTokens.get(t)!);
      })() })],
      ['bare, minimal SQL', (d) => load({ url: U(bare), connections: 32, duration: d, setupRequest: transitionRequest(() => nextFresh('replay:1')) })],
      ['pg, minimal SQL', (d) => load({ url: U(pgBase), connections: 32, duration: d, setupRequest: transitionRequest(() => nextFresh('replay:1')) })],
    ] },
    { key: 'signin', label: 'POST /api/auth/login', conc: 32, variants: [
      ['product', (d) => load({ url: `${P}/api/auth/login`, connections: 32, duration: d, method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: casemanagerEmail(SIGN_IN_TENANT), password: BENCH_PASSWORD }) })],
    ] },
  ];

  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');
  // --only list,get: a subset of the scenarios, to look at one figure more closely (the targets of the others show —).
  const only = values.only?.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = only?.filter((k) => !allScenarios.some((s) => s.key === k));
  if (unknown?.length) throw new Error(`--only: no scenario ${unknown.join(', ')} (there are ${allScenarios.map((s) => s.key).join(', ')})`);
  const scenarios = only ? allScenarios.filter((s) => only.includes(s.key)) : allScenarios;

  log(`warm-up, then ${rounds} rounds`);
  for (const s of scenarios) for (const [, run] of s.variants) await run(warm);
  const results = new Map<string, LoadResult[]>();
  const stolenShare: number[] = [];
  const cores = availableParallelism();
  for (let r = 0; r < rounds; r++) {
    const t0 = Date.now();
    const stolen0 = stolenMs();
    for (const s of scenarios) {
      const order = s.variants.map((_, i) => s.variants[(i + r) % s.variants.length]);
      for (const [variant, run] of order) {
        const pid = (variant.startsWith('product') ? product : variant.startsWith('bare') ? bare : pgBase).proc.pid!;
        const [server0, pg0] = [cpuMs(pid), postgresCpuMs()];
        const res = await run(duration);
        const n = res.requests || 1;
        res.cpu = { server: (cpuMs(pid) - server0) / n, postgres: (postgresCpuMs() - pg0) / n };
        const k = `${s.key}|${variant}`;
        results.set(k, [...(results.get(k) ?? []), res]);
        await sleep(300);
      }
    }
    // Each round's throughputs, so the spread behind the medians is in view.
    const perRound = scenarios.map((s) => `${s.key} ${s.variants.map(([v]) => `${v.split(',')[0]}${v.includes('8') ? '×8' : ''} ${f(results.get(`${s.key}|${v}`)![r].rps, 0)}`).join(' / ')}`).join('; ');
    stolenShare.push((stolenMs() - stolen0) / ((Date.now() - t0) * cores));
    log(`  round ${r + 1}/${rounds} in ${((Date.now() - t0) / 1000).toFixed(0)} s, ${(100 * stolenShare[r]).toFixed(0)} % of the cores' time stolen by the host: ${perRound}`);
  }

  const med = (k: string) => {
    const rs = results.get(k) ?? [];
    return { rps: median(rs.map((x) => x.rps)), p50: median(rs.map((x) => x.p50)), p95: median(rs.map((x) => x.p95)), p99: median(rs.map((x) => x.p99)),
      bad: rs.reduce((a, x) => a + x.non2xx + x.errors, 0),
      cpuServer: median(rs.map((x) => x.cpu?.server ?? NaN)), cpuPg: median(rs.map((x) => x.cpu?.postgres ?? NaN)) };
  };
  const rtOf = (key: string, variant: Variant) => {
    const route = key === 'list1' ? 'list' : key === 'listBig1' ? 'listBig' : key;
    const v = rt[route]?.[variant === 'product, 8 tenants' ? 'product' : variant];
    return v ? (v.min === v.max ? String(v.min) : `${v.perRequest.toFixed(1)}`) : '—';
  };

  out(`\nissue 12 · bench/api · ${new Date().toISOString().slice(0, 16)}Z · ${database} · medians of ${rounds} interleaved rounds × ${duration} s · 2 cores shared with autocannon`);
  out('');
  const head = `${'route'.padEnd(40)} ${'conc'.padStart(4)}  ${'variant'.padEnd(19)} ${'rt/req'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(8)} ${'cpu ms/req'.padStart(11)}  ratio`;
  out(head);
  out('-'.repeat(head.length + 22));
  for (const s of scenarios) {
    s.variants.forEach(([variant], i) => {
      const m = med(`${s.key}|${variant}`);
      let ratio = '';
      if (s.key === 'transition') {
        const pgMin = med('transition|pg, minimal SQL').rps;
        if (variant === 'product') ratio = `${f(m.rps / med('transition|product, 8 tenants').rps, 2)}× 8 tenants, ${f(m.rps / pgMin, 2)}× pg minimal`;
        if (variant === 'bare, minimal SQL') ratio = `${f(m.rps / pgMin, 2)}× pg minimal`;
      } else if (variant === 'product' && s.variants.length > 1) {
        ratio = s.conc === 1 ? `p50 ${f(m.p50 / med(`${s.key}|bare`).p50, 2)}× bare, ${f(m.p50 / med(`${s.key}|pg`).p50, 2)}× pg`
          : `${f(m.rps / med(`${s.key}|bare`).rps, 2)}× bare, ${f(m.rps / med(`${s.key}|pg`).rps, 2)}× pg`;
      } else if (variant === 'bare') ratio = s.conc === 1 ? `p50 ${f(m.p50 / med(`${s.key}|pg`).p50, 2)}× pg` : `${f(m.rps / med(`${s.key}|pg`).rps, 2)}× pg`;
      if (s.key === 'listBig1' && variant === 'product') ratio += `; p50 ${f(m.p50 / med('list1|product').p50, 2)}× the ${sizeOf(tenantId(READ_TENANT))}-dossier tenant`;
      if (m.bad) ratio += `  (${m.bad} non-2xx/errors)`;
      out(`${(i === 0 ? s.label : '').padEnd(40)} ${(i === 0 ? String(s.conc) : '').padStart(4)}  ${variant.padEnd(19)} ${rtOf(s.key, variant).padStart(6)} ${f(m.p50, 2).padStart(8)} ${f(m.p95, 2).padStart(8)} ${f(m.p99, 2).padStart(8)} ${f(m.rps, 0).padStart(8)} ${`${f(m.cpuServer, 2)}+${f(m.cpuPg, 2)}`.padStart(11)}  ${ratio}`);
    });
  }
  out('');
  out('cpu ms/req: CPU time per request (median of the rounds) of the server process + of all PostgreSQL processes, from /proc');
  out(`steal: the host kept ${stolenShare.map((x) => `${(100 * x).toFixed(0)} %`).join(', ')} of the ${cores} cores' time from this machine in the rounds (/proc/stat); a round with much of it is slower in every variant`);
  out(`round trips: per request, counted in each process (pg.Client#query calls made in the request's context); background in the product: ${idleWindow.background} queries in 2 s idle`);
  const mbOf = (r: { product: number; bare: number; pg: number }) =>
    `product ${(r.product / 1024).toFixed(0)} MB, bare ${(r.bare / 1024).toFixed(0)} MB, pg ${(r.pg / 1024).toFixed(0)} MB → product ${(r.product / r.bare).toFixed(2)}× bare`;
  out(`idle RSS, settled (${settled.after} s after the last request): ${mbOf(settled)}`);
  out(`idle RSS, 5 s after the last request: ${mbOf(rss5)}`);

  const ok = (b: boolean) => (b ? '✓' : '✗');
  const rtp = (route: string) => rt[route]?.product?.perRequest ?? NaN;
  const L = med('list|product'), Lb = med('list|bare'), Lp = med('list|pg');
  const G = med('get|product'), Gb = med('get|bare'), Gp = med('get|pg');
  const T1 = med('transition|product'), T8 = med('transition|product, 8 tenants'), Tm = med('transition|pg, minimal SQL');
  const big = med('listBig1|product').p50 / med('list1|product').p50;
  const targets: [boolean, string][] = [
    [rtp('list') <= 4 && rtp('get') <= 4, `round trips: list ${f(rtp('list'))}, get ${f(rtp('get'))} (target ≤ 4)`],
    [rtp('transition') <= 6, `round trips: transition ${f(rtp('transition'))} (target ≤ 6)`],
    [rtp('signin') <= 4, `round trips: sign-in ${f(rtp('signin'))} (target ≤ 4)`],
    [L.rps >= 0.9 * Lb.rps && G.rps >= 0.9 * Gb.rps, `throughput at 32 vs bare NestJS + pg: list ${f(L.rps / Lb.rps, 2)}×, get ${f(G.rps / Gb.rps, 2)}× (target ≥ 0.9×)`],
    [L.rps >= 0.8 * Lp.rps && G.rps >= 0.8 * Gp.rps, `throughput at 32 vs the same SQL through pg: list ${f(L.rps / Lp.rps, 2)}×, get ${f(G.rps / Gp.rps, 2)}× (target ≥ 0.8×)`],
    [T1.rps >= 0.8 * T8.rps, `transitions in one tenant vs spread over 8: ${f(T1.rps, 0)} vs ${f(T8.rps, 0)}/s = ${f(T1.rps / T8.rps, 2)}× (target ≥ 0.8×)`],
    [T1.rps >= 0.7 * Tm.rps, `transitions vs minimal SQL through pg: ${f(T1.rps, 0)} vs ${f(Tm.rps, 0)}/s = ${f(T1.rps / Tm.rps, 2)}× (target ≥ 0.7×)`],
    [big <= 1.2, `list p50 at ${sizeOf(tenantId('groot')).toLocaleString('en')} vs ${sizeOf(tenantId(READ_TENANT))} dossiers: ${f(big, 2)}× (target ≤ 1.2×)`],
    [rss.product <= 1.3 * rss.bare, `idle RSS (settled) vs bare: ${f(rss.product / rss.bare, 2)}× (5 s after the last request: ${f(rss5.product / rss5.bare, 2)}×) (target ≤ 1.3×)`],
  ];
  out('\ntargets (issue 12)');
  for (const [b, text] of targets) out(`  ${ok(b)} ${text}`);
  out(`\n${targets.filter(([b]) => b).length} of ${targets.length} targets met; whole run ${((Date.now() - began) / 1000).toFixed(0)} s`);

  for (const c of [...children].reverse()) await stop(c);
  rmSync(captureFile, { force: true });
  await clearQueuePrefix(productEnv.REDIS_URL!, queuePrefix);
}

/** The jobs the product's outbox relay queued under the bench's own prefix (no worker runs here): removed, only those. */
async function clearQueuePrefix(redisUrl: string, prefix: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Redis = require('ioredis') as new (url: string, o: object) => any;
  const r = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis down: nothing was queued there either.
  } finally {
    r.disconnect();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
