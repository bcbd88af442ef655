import { Client } from 'pg';
import { TenantDb } from '@kernteam/persistence';
import { bearer, createDossier, PASSWORD, seedTenant, startApp, TestApp, TestTenant } from './support/app';

/**
 * What a request costs the database, in round trips (issue 12): every call of a pg client's `query` is one (a string of
 * several statements is one too). Not a timing: a count, which a change to the request pipeline can only raise by
 * adding statements. Background work of the API (the outbox relay's poll) may fall into one request's window, so each
 * figure is the least of five requests. The speed itself is `npm run bench:api`'s business.
 */
describe('round trips per request', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let db: TenantDb;
  let counted = 0;
  const original = Client.prototype.query;

  /** The least number of round trips of five runs of `request`, and its last answer. */
  async function roundTrips<T>(request: () => Promise<T>): Promise<{ n: number; last: T }> {
    let n = Infinity;
    let last!: T;
    for (let i = 0; i < 5; i++) {
      counted = 0;
      last = await request();
      n = Math.min(n, counted);
    }
    return { n, last };
  }

  beforeAll(async () => {
    t = await startApp();
    db = t.app.get(TenantDb);
    tenant = await seedTenant(t, 'Round trips');
    (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: Client, ...args: unknown[]) {
      counted++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  });
  afterAll(async () => {
    Client.prototype.query = original;
    await db.system((em) => em.query(`DELETE FROM login_throttle`));
    await t.close();
  });

  it('reads a dossier in at most 4 (begin with the user re-read, the dossier, its subject, the audit row with the commit)', async () => {
    const d = await createDossier(t, tenant);
    const { n, last } = await roundTrips(() => t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.casemanager)));
    expect(last.status).toBe(200);
    expect(last.body.subject.lastName).toBe('Testachternaam');
    expect(n).toBeLessThanOrEqual(4);
    // Each read is in the trail, chained: nothing was given up for the speed.
    const [{ reads }] = await db.system((em) => em.query(
      `SELECT count(*)::int AS reads FROM audit_events WHERE tenant_id = $1 AND action = 'dossier.read' AND entity_id = $2 AND hash_format = 2`, [tenant.tenantId, d.id]));
    expect(reads).toBe(5);
  });

  it('lists dossiers in at most 4, with a browser session as with a token', async () => {
    const token = await roundTrips(() => t.http().get('/api/dossiers?pageSize=50').set(bearer(tenant.tokens.casemanager)));
    expect(token.last.status).toBe(200);
    expect(token.last.body.total).toBeGreaterThan(0);
    expect(token.n).toBeLessThanOrEqual(4);
    const signedIn = await t.http().post('/api/auth/session').send({ email: tenant.emails.casemanager, password: PASSWORD }).expect(200);
    const cookie = signedIn.headers['set-cookie'] as unknown as string[];
    const session = await roundTrips(() => t.http().get('/api/dossiers?pageSize=50').set('Cookie', cookie));
    expect(session.last.status).toBe(200);
    expect(session.n).toBeLessThanOrEqual(4);
  });

  it('moves a dossier in at most 6 (state, event and outbox in one statement; audit with the commit)', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => createDossier(t, tenant).then((d) => d.id as string)));
    let i = 0;
    const { n, last } = await roundTrips(() =>
      t.http().post(`/api/dossiers/${ids[i++]}/transitions`).set(bearer(tenant.tokens.casemanager)).send({ event: 'START_SCREENING', version: 1 }));
    expect(last.status).toBe(200);
    expect(last.body.state).toBe('SCREENING');
    expect(n).toBeLessThanOrEqual(6);
    const [row] = await db.system((em) => em.query(
      `SELECT (SELECT count(*)::int FROM workflow_events WHERE entity_id = $1 AND event = 'START_SCREENING') AS events,
              (SELECT count(*)::int FROM outbox WHERE payload->>'entityId' = $1::text AND payload->>'event' = 'START_SCREENING') AS outbox,
              (SELECT count(*)::int FROM audit_events WHERE entity_id = $1 AND action = 'dossier.transition') AS audit`, [ids[4]]));
    expect(row).toEqual({ events: 1, outbox: 1, audit: 1 });
  });

  it('signs in in at most 4, token and browser session alike', async () => {
    const token = await roundTrips(() => t.http().post('/api/auth/login').send({ email: tenant.emails.evaluator, password: PASSWORD }));
    expect(token.last.status).toBe(200);
    expect(token.n).toBeLessThanOrEqual(4);
    const session = await roundTrips(() => t.http().post('/api/auth/session').send({ email: tenant.emails.evaluator, password: PASSWORD }));
    expect(session.last.status).toBe(200);
    expect(session.n).toBeLessThanOrEqual(4);
    await t.http().get('/api/me').set('Cookie', session.last.headers['set-cookie'] as unknown as string[]).expect(200);
  });

  it('gives the same totals from the kept counts as counting the rows, per state, after registrations and moves', async () => {
    const counted = async (state?: string) => (await db.system((em) => em.query(
      `SELECT count(*)::int AS n FROM dossiers WHERE tenant_id = $1 AND ($2::text IS NULL OR state = $2)`, [tenant.tenantId, state ?? null])))[0].n as number;
    // pageSize 1: the first page is full, so the total comes from the counts, not from the rows returned.
    const total = async (query: string, token = tenant.tokens.casemanager) =>
      (await t.http().get(`/api/dossiers?pageSize=1${query}`).set(bearer(token)).expect(200)).body.total as number;
    expect(await total('')).toBe(await counted());
    expect(await total('&state=SCREENING')).toBe(await counted('SCREENING'));
    expect(await total('&state=AANGEMELD')).toBe(await counted('AANGEMELD'));
    expect(await total('', tenant.tokens.chair)).toBe(await counted());
    // A member sees part of the tenant: counted from the rows (the police referred every dossier of this file).
    expect(await total('', tenant.tokens.police)).toBe(await counted('AANGEMELD') + await counted('SCREENING'));
    // A filter other than the state counts the matching rows.
    expect(await total(`&involvedPartnerId=${tenant.partners.Onderwijs}`)).toBe(0);
  });

  it('keeps the chain whole when one LIVC writes and reads from many connections at once', async () => {
    const ids = await Promise.all(Array.from({ length: 24 }, () => createDossier(t, tenant).then((d) => d.id as string)));
    const res = await Promise.all(ids.flatMap((id) => [
      t.http().post(`/api/dossiers/${id}/transitions`).set(bearer(tenant.tokens.casemanager)).send({ event: 'START_SCREENING', version: 1 }),
      t.http().get(`/api/dossiers/${id}`).set(bearer(tenant.tokens.casemanager)),
    ]));
    expect(res.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const check = await t.http().get('/api/audit/verify').set(bearer(tenant.tokens.auditor)).expect(200);
    expect(check.body).toMatchObject({ valid: true });
    const [{ gaps }] = await db.system((em) => em.query(
      `SELECT count(*)::int AS gaps FROM (SELECT seq, lag(seq) OVER (ORDER BY seq) AS before FROM audit_events WHERE tenant_id = $1) s
        WHERE before IS NOT NULL AND seq <> before + 1`, [tenant.tenantId]));
    expect(gaps).toBe(0);
  });
});
