import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient, QueryResult } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryResult as TypeOrmQueryResult, QueryRunner, QueryRunnerAlreadyReleasedError } from 'typeorm';

/** Kept in step with migrations/support/tenant-rls.ts. */
export const APP_ROLE = 'kernteam_app';

/** The tenant a unit of work runs for; every query in it is scoped to this tenant. */
export interface TenantScope {
  tenantId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A UUID written into SQL text. Only the control statements do this (so that BEGIN, the role, the tenant and the user
 * re-read travel in one round trip, which a parameterised statement cannot); anything that is not a UUID is refused.
 */
export function uuidLiteral(value: string): string {
  if (!UUID.test(value)) throw new Error('not a UUID');
  return `'${value.toLowerCase()}'`;
}

/**
 * A value as an SQL literal, for the statements sent in one round trip with COMMIT (they cannot carry parameters). The
 * same text as node-postgres' `escapeLiteral` (quotes and backslashes doubled, ` E'…'` when there is a backslash), made
 * with two native replaces instead of its loop over every character: the audit entries of every request pass here.
 */
export function sqlLiteral(value: string): string {
  const quoted = value.replace(/'/g, "''");
  return value.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

const scopeSql = (tenantId: string) => `SET LOCAL ROLE ${APP_ROLE}; SELECT set_config('app.tenant_id', ${uuidLiteral(tenantId)}, true)`;

/** Work queued for the commit of a transaction: one SQL text per key, sent in the round trip of COMMIT. */
interface AtCommit { items: unknown[]; render: (items: never[]) => string }

/** One open transaction on one pooled connection. */
interface OpenTx {
  runner: QueryRunner;
  client: PoolClient;
  tenantId: string | null;
  /** A request's transaction whose first statements wrote (the session's activity): a failed request keeps those. */
  savepoint: boolean;
  /**
   * BEGIN not sent yet: it goes with the first statement of the work, or with COMMIT when all the work was queued for
   * the commit (a sign-in's last transaction is then one round trip).
   */
  unsent?: string;
  /** Sent before the work queued for the commit (a crossing transaction switches back to the owner first). */
  commitAs?: string;
  atCommit: Map<string, AtCommit>;
  state: 'open' | 'taken' | 'closed';
}

/**
 * A request's unit of work: the transaction the authentication opened (with the user re-read in it), until the first
 * tenant transaction of the request takes it over.
 */
export interface RequestUnit { pending?: OpenTx }

const requestUnits = new AsyncLocalStorage<RequestUnit>();
const openByManager = new WeakMap<EntityManager, OpenTx>();

/**
 * Express middleware: the rest of the request (guards, pipes, handler, filter) runs with a unit of its own, which the
 * authentication fills ({@link TenantDb.beginRequest}) and the request's first tenant transaction takes over. Set once
 * at the edge, after the body is read (a body parser calls on from a stream event, outside any earlier context), so no
 * layer per handler is needed to carry it.
 */
export function requestScope(_req: unknown, _res: unknown, next: () => void): void {
  requestUnits.run({}, next);
}

/** The unit of the running request, if any. */
export const currentRequestUnit = (): RequestUnit | undefined => requestUnits.getStore();

/**
 * Names of prepared statements, by SQL text. A text seen again is executed as a named statement, parsed and planned once
 * per connection. Bounded, so SQL built with a varying shape cannot fill the server's memory: past the bound, texts stay
 * unnamed.
 */
const STATEMENT_NAMES = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 2000;
const PREPARING = Symbol('kernteam.preparing');

function statementName(text: string): string | undefined {
  let name = STATEMENT_NAMES.get(text);
  if (!name && STATEMENT_NAMES.size < MAX_NAMED_STATEMENTS) {
    name = `k${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    STATEMENT_NAMES.set(text, name);
  }
  return name;
}

/** Makes the parameterised queries of a pooled connection named statements (see {@link statementName}). */
function prepareStatements(client: PoolClient): void {
  const c = client as PoolClient & { [PREPARING]?: true };
  if (c[PREPARING]) return;
  c[PREPARING] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, cb?: unknown) => {
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && cb === undefined) {
      const name = statementName(text);
      if (name) return query({ name, text, values });
    }
    return cb === undefined ? (values === undefined ? query(text) : query(text, values)) : query(text, values, cb);
  };
}

/**
 * A result as TypeORM's PostgresQueryRunner gives it: the rows (for UPDATE and DELETE `[rows, rowCount]`), or with
 * `structured` a QueryResult; a multi-statement string answers undefined, as there.
 */
function shaped(raw: QueryResult | QueryResult[], structured: boolean): unknown {
  const one = Array.isArray(raw) ? undefined : raw;
  const plain = one && (one.command === 'UPDATE' || one.command === 'DELETE') ? [one.rows, one.rowCount] : one?.rows;
  if (!structured) return plain;
  const result = new TypeOrmQueryResult();
  if (one) Object.assign(result, { records: one.rows, affected: one.rowCount });
  result.raw = plain;
  return result;
}

/**
 * The one way to touch tenant data: a transaction that first records its tenant in the session (`app.tenant_id`, read by
 * the row-level security policies) and switches to the app role, so a query that forgets its tenant filter still sees
 * nothing of another tenant.
 *
 * Round trips are what a request costs, so the control statements travel together: BEGIN, the role and the tenant are
 * one round trip (for a request, with the user re-read of its authentication too: {@link beginRequest}), and the work
 * queued for the commit (the audit entries, {@link atCommit}) goes with COMMIT.
 */
@Injectable()
export class TenantDb {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async tx<T>(scope: TenantScope, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const taken = await this.takePending(scope.tenantId);
    return this.run(taken ?? (await this.open(`BEGIN; ${scopeSql(scope.tenantId)}`, scope.tenantId)).tx, work);
  }

  /**
   * Work across tenants that no user request does: sign-in lookup by e-mail, the outbox relay, provisioning,
   * scheduled jobs. It runs as the connecting (owning) role, which row-level security does not restrict.
   */
  async system<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    await this.takePending(null);
    return this.run((await this.open('BEGIN', null, false, true)).tx, work);
  }

  /**
   * One transaction that works for several tenants in turn — the transfer of a dossier and the "known elsewhere" query,
   * nothing else. It starts on the owning connection (for the cross-tenant record itself); `as(tenantId)` switches to the
   * app role scoped to that tenant (row-level security applies to everything done then), `system()` switches back.
   */
  async crossing<T>(work: (em: EntityManager, to: TenantSwitch) => Promise<T>): Promise<T> {
    await this.takePending(null);
    const { tx } = await this.open('BEGIN', null);
    // What waits for the commit (audit rows of both tenants) is written as the owner, whichever tenant the work ended in.
    tx.commitAs = `SET LOCAL ROLE NONE; SELECT set_config('app.tenant_id', '', true); `;
    return this.run(tx, (em) =>
      work(em, {
        as: async (tenantId: string) => {
          await em.query(scopeSql(tenantId));
        },
        system: async () => {
          await em.query(`SET LOCAL ROLE NONE; SELECT set_config('app.tenant_id', '', true)`);
        },
      }),
    );
  }

  /**
   * Opens the transaction of a request in one round trip: BEGIN, then `probe` (the user re-read of the authentication),
   * then — for `tenantId` — the app role and the tenant. Without `tenantId` the probe itself sets `app.tenant_id` (with
   * `set_config(…, true)` in its select list, from the session row it finds) and may write (the session's activity):
   * a savepoint after it keeps that write when the request's own work fails. Answers the probe's rows; the transaction
   * waits in the unit for the request's first tenant transaction (or {@link endRequest}).
   */
  async beginRequest(probe: string, tenantId?: string): Promise<{ rows: Record<string, unknown>[]; unit: RequestUnit }> {
    const unit = requestUnits.getStore();
    if (!unit) throw new Error('beginRequest outside a request scope (requestScope middleware)');
    const text = tenantId ? `BEGIN; ${scopeSql(tenantId)}; ${probe}` : `BEGIN; ${probe}; SET LOCAL ROLE ${APP_ROLE}; SAVEPOINT request`;
    const { tx, results } = await this.open(text, tenantId ?? null, !tenantId);
    const rows = (results[tenantId ? 3 : 1]?.rows ?? []) as Record<string, unknown>[];
    if (!tenantId) tx.tenantId = typeof rows[0]?.tenant_id === 'string' ? (rows[0].tenant_id as string) : null;
    // A request authenticates once; a unit still pending from before would otherwise hold its connection.
    if (unit.pending) await this.endRequest(unit);
    unit.pending = tx;
    return { rows, unit };
  }

  /**
   * Ends a request's transaction that no tenant transaction took over (its probe's writes are kept). Idempotent; answers
   * undefined (not a promise) when there is nothing to end, so the common case costs no tick.
   */
  endRequest(unit: RequestUnit | undefined): Promise<void> | undefined {
    const tx = unit?.pending;
    if (!tx || tx.state !== 'open') return undefined;
    unit!.pending = undefined;
    tx.state = 'taken';
    return this.close(tx, 'COMMIT');
  }

  /**
   * Queues work for the commit of the transaction `em` belongs to: at commit, `render(items)` (one SQL text, no
   * parameters) is sent in the round trip of COMMIT, so whatever lock it takes is held only for the commit. Answers false
   * for a manager this service did not open (the caller then writes at once).
   */
  static atCommit<T>(em: EntityManager, key: string, item: T, render: (items: T[]) => string): boolean {
    const tx = openByManager.get(em);
    if (!tx) return false;
    const queued = tx.atCommit.get(key);
    if (queued) queued.items.push(item);
    else tx.atCommit.set(key, { items: [item], render: render as (items: never[]) => string });
    return true;
  }

  /**
   * One statement (no parameters) sent with the COMMIT of `em`'s transaction when this service opened it, else at once.
   * `key` makes it once per transaction however often it is asked for.
   */
  static async withCommit(em: EntityManager, key: string, text: string): Promise<void> {
    if (!TenantDb.atCommit(em, key, null, () => text)) await em.query(text);
  }

  /** The open request transaction, when it is for `tenantId`; any other is ended, so a request holds one connection. */
  private async takePending(tenantId: string | null): Promise<OpenTx | undefined> {
    const unit = requestUnits.getStore();
    const tx = unit?.pending;
    if (!tx || tx.state !== 'open') return undefined;
    unit!.pending = undefined;
    tx.state = 'taken';
    if (tenantId !== null && tx.tenantId === tenantId) return tx;
    await this.close(tx, 'COMMIT');
    return undefined;
  }

  private async open(text: string, tenantId: string | null, savepoint = false, lazy = false): Promise<{ tx: OpenTx; results: QueryResult[] }> {
    const runner = this.dataSource.createQueryRunner();
    let client: PoolClient;
    try {
      client = (await runner.connect()) as PoolClient;
    } catch (e) {
      await runner.release();
      throw e;
    }
    prepareStatements(client);
    if (lazy) return { tx: this.track(runner, client, tenantId, savepoint, text), results: [] };
    let results: QueryResult[];
    try {
      const res = (await client.query(text)) as QueryResult | QueryResult[];
      results = Array.isArray(res) ? res : [res];
    } catch (e) {
      await this.discard(runner, client, e);
      throw e;
    }
    return { tx: this.track(runner, client, tenantId, savepoint), results };
  }

  private track(runner: QueryRunner, client: PoolClient, tenantId: string | null, savepoint: boolean, unsent?: string): OpenTx {
    // The transaction is ours: TypeORM must neither start one of its own (save() does, when none is active) nor commit it.
    Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
    const tx: OpenTx = { runner, client, tenantId, savepoint, unsent, atCommit: new Map(), state: 'open' };
    const query = (text: string, parameters?: unknown[], structured = false): Promise<unknown> => {
      if (tx.state === 'closed') return Promise.reject(new QueryRunnerAlreadyReleasedError());
      let sent: Promise<QueryResult | QueryResult[]>;
      if (tx.unsent) {
        const begin = tx.unsent;
        tx.unsent = undefined;
        sent = client.query(begin).then(() => client.query(text, parameters));
      } else {
        sent = client.query(text, parameters);
      }
      return sent.then((raw) => shaped(raw, structured), (e: Error) => {
        throw new QueryFailedError(text, parameters, e);
      });
    };
    // Every statement of the transaction (the services' `em.query`, and TypeORM's own for repositories) goes straight to
    // the connection: TypeORM's path (EntityManager, DataSource, QueryRunner) adds five promises, a logger call and two
    // subscriber broadcasts per statement, none of which this product uses (no logging, no subscribers).
    runner.query = query as QueryRunner['query'];
    runner.manager.query = ((text: string, parameters?: unknown[]) => query(text, parameters)) as EntityManager['query'];
    openByManager.set(runner.manager, tx);
    return tx;
  }

  private async run<T>(tx: OpenTx, work: (em: EntityManager) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await work(tx.runner.manager);
    } catch (e) {
      await this.close(tx, tx.unsent ? null : tx.savepoint ? 'ROLLBACK TO SAVEPOINT request; COMMIT' : 'ROLLBACK');
      throw e;
    }
    const rendered = [...tx.atCommit.values()].map((q) => `${q.render(q.items as never[])}; `).join('');
    const queued = rendered && tx.commitAs ? `${tx.commitAs}${rendered}` : rendered;
    tx.atCommit.clear();
    // A transaction that sent nothing and queued nothing has nothing to commit.
    await this.close(tx, queued || !tx.unsent ? `${tx.unsent ? `${tx.unsent}; ` : ''}${queued}COMMIT` : null, true);
    return result;
  }

  /** Sends the last statement of a transaction and gives the connection back (a broken one is not reused). */
  private async close(tx: OpenTx, text: string | null, rethrow = false): Promise<void> {
    if (tx.state === 'closed') return;
    tx.state = 'closed';
    openByManager.delete(tx.runner.manager);
    try {
      // null: nothing was sent, so there is nothing to end.
      if (text !== null) await tx.client.query(text);
    } catch (e) {
      await this.discard(tx.runner, tx.client, e);
      if (rethrow) throw e;
      return;
    }
    Object.assign(tx.runner, { isTransactionActive: false, transactionDepth: 0 });
    await tx.runner.release();
  }

  /** After a failed statement: roll back if the connection still answers, else drop it from the pool. */
  private async discard(runner: QueryRunner, client: PoolClient, cause: unknown): Promise<void> {
    let broken: unknown = cause;
    try {
      await client.query('ROLLBACK');
      broken = undefined;
    } catch {
      // the connection is gone; the pool must not hand it out again
    }
    Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
    await (runner as QueryRunner & { releasePostgresConnection(err?: unknown): Promise<void> }).releasePostgresConnection(broken);
  }
}

export interface TenantSwitch {
  as(tenantId: string): Promise<void>;
  system(): Promise<void>;
}

/**
 * Serialises, per tenant, the writes that keep an "at least one" rule (an active admin; a partner a user or a standing
 * seat relies on is active): a transaction-scoped advisory lock taken before the rule is checked, so two requests
 * cannot both see the other's row still there and both remove it. Released at commit or rollback.
 */
export async function lockTenantInvariants(em: EntityManager, tenantId: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('kernteam:tenant-invariants:' || $1, 0))`, [tenantId]);
}
