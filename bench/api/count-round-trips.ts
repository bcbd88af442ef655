/**
 * Preloaded into the product and the baselines by the API benchmark (`node -r ./dist/bench/api/count-round-trips.js …`,
 * started with `fork`, so it talks to the bench over IPC). It changes nothing the process does; it counts.
 *
 * - Every call of `pg.Client.prototype.query` is one round trip (node-postgres sends one query at a time and waits for
 *   its ReadyForQuery; a multi-statement simple-query string is one call, hence one round trip).
 * - Each HTTP request runs in an AsyncLocalStorage context opened where the server emits 'request', so a query is
 *   counted against the request whose code issued it; queries outside any request (pool keep-alive, start-up, timers)
 *   count as background.
 * - While recording, each request's statements can be captured exactly as sent (text, name, and the values after
 *   node-postgres' own `prepareValue`), which the baselines replay.
 *
 * IPC (messages `{ rt: … }`): `start` (optionally `capture: true`) begins recording requests (answer `started`); `stop` answers
 * `{ rt: 'records', records, background }` and stops; `totals` answers the process-wide counters.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as http from 'node:http';
import * as pg from 'pg';

export interface CapturedStatement {
  /** Which pooled connection sent it, numbered in the order connections were first used. */
  client: number;
  text: string;
  name?: string;
  queryMode?: string;
  /** As sent: strings (or null), arrays and dates already serialised by node-postgres. */
  values?: unknown[];
}

export interface RequestRecord {
  method: string;
  url: string;
  status?: number;
  queries: number;
  statements?: CapturedStatement[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (v: unknown) => unknown };

const als = new AsyncLocalStorage<RequestRecord>();
const totals = { requests: 0, queries: 0, background: 0 };
let recording: { capture: boolean; records: RequestRecord[]; background: number } | null = null;
/** Outside a recording every request shares one record: nothing is kept, background is still told apart. */
const unrecorded: RequestRecord = { method: '', url: '', queries: 0 };
const clientIds = new WeakMap<object, number>();
let nextClientId = 1;

const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: object, ...args: unknown[]) {
  totals.queries++;
  const rec = als.getStore();
  if (!rec) {
    totals.background++;
    if (recording) recording.background++;
  } else {
    rec.queries++;
    if (rec.statements) rec.statements.push(capture(this, args));
  }
  return originalQuery.apply(this, args);
};

function capture(client: object, [config, values]: unknown[]): CapturedStatement {
  let id = clientIds.get(client);
  if (id === undefined) clientIds.set(client, (id = nextClientId++));
  const c = (typeof config === 'object' && config !== null ? config : {}) as { text?: string; name?: string; values?: unknown[]; queryMode?: string };
  const text = typeof config === 'string' ? config : c.text ?? '';
  const vals = Array.isArray(values) ? values : Array.isArray(c.values) ? c.values : undefined;
  return { client: id, text, ...(c.name ? { name: c.name } : {}), ...(c.queryMode ? { queryMode: c.queryMode } : {}), ...(vals && vals.length ? { values: vals.map((v) => prepareValue(v)) } : {}) };
}

const originalEmit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
  if (event !== 'request') return originalEmit.call(this, event, ...args);
  totals.requests++;
  const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
  let rec = unrecorded;
  if (recording) {
    rec = { method: req.method ?? '', url: req.url ?? '', queries: 0, ...(recording.capture ? { statements: [] } : {}) };
    recording.records.push(rec);
    const r = rec;
    res.once('finish', () => { r.status = res.statusCode; });
  }
  return als.run(rec, () => originalEmit.call(this, event, ...args));
} as typeof http.Server.prototype.emit;

if (process.send) {
  process.on('message', (m: { rt?: string; capture?: boolean }) => {
    if (!m || typeof m !== 'object' || !m.rt) return;
    if (m.rt === 'start') {
      recording = { capture: !!m.capture, records: [], background: 0 };
      process.send!({ rt: 'started' });
    }
    else if (m.rt === 'stop') {
      const r = recording ?? { records: [], background: 0 };
      recording = null;
      process.send!({ rt: 'records', records: r.records, background: r.background });
    } else if (m.rt === 'totals') process.send!({ rt: 'totals', ...totals });
  });
  // The IPC channel must not keep a process alive that would otherwise end (the product stops on SIGTERM).
  (process as unknown as { channel?: { unref(): void } }).channel?.unref();
}
