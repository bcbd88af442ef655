import { TenantDb } from '@kernteam/persistence';
import { bearer, createDossier, login, PASSWORD, screen, seedTenant, startApp, TestApp, TestTenant, transition } from './support/app';
import { listening } from './support/browser';
import { as, endorsedBy, getDossier, holdMeeting, inDays, planMeeting, retainedDossier } from './support/meetings';

/**
 * Many requests at once, as an attacker or two admins at the same moment would send them: the throttle, the tenant
 * invariants and every version-guarded write must hold under parallel requests, not only one after the other.
 */
describe('concurrency', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let db: TenantDb;
  const clearThrottle = () => db.system((em) => em.query(`DELETE FROM login_throttle`));
  const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
  const parallel = <T>(n: number, make: (i: number) => PromiseLike<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));

  beforeAll(async () => {
    t = await startApp();
    db = t.app.get(TenantDb);
    tenant = await seedTenant(t, 'Concurrency');
    // A real listening socket: supertest would otherwise try to listen once per request.
    await listening(t);
  });
  afterAll(() => t.close());

  describe('sign-in throttle', () => {
    afterEach(() => clearThrottle());

    for (const route of ['/api/auth/login', '/api/auth/session']) {
      it(`${route}: of 300 parallel wrong passwords for one account, at most the limit (5) are 401, the rest 429`, async () => {
        const res = await parallel(300, (i) => t.http().post(route).send({ email: tenant.emails.ocmw, password: `wrong ${i}` }));
        const counts = tally(res.map((r) => r.status));
        expect(Object.keys(counts).sort()).toEqual(['401', '429']);
        expect(counts[401]).toBeLessThanOrEqual(5);
        expect(counts[429]).toBeGreaterThanOrEqual(295);
        expect(res.find((r) => r.status === 429)!.headers['retry-after']).toMatch(/^\d+$/);
      });
    }

    it('of 300 parallel wrong passwords over many accounts from one address, at most the address limit (30) are 401', async () => {
      const res = await parallel(300, (i) => t.http().post('/api/auth/login').send({ email: `spray${i}@nowhere.example`, password: 'x' }));
      const counts = tally(res.map((r) => r.status));
      expect(counts[401]).toBeLessThanOrEqual(30);
      expect(counts[429]).toBeGreaterThanOrEqual(270);
    });

    it('a burst of 50 with the right password in position 40 signs no one in', async () => {
      const res = await parallel(50, (i) => t.http().post('/api/auth/login').send({ email: tenant.emails.school, password: i === 39 ? PASSWORD : `wrong ${i}` }));
      expect(res.filter((r) => r.status === 200)).toHaveLength(0);
      expect(res[39].status).toBe(429);
    });

    it('locks the owner out for no longer than the window', async () => {
      const before = process.env.LOGIN_THROTTLE_WINDOW_SECONDS;
      process.env.LOGIN_THROTTLE_WINDOW_SECONDS = '2';
      try {
        await parallel(10, (i) => t.http().post('/api/auth/login').send({ email: tenant.emails.evaluator, password: `wrong ${i}` }));
        await t.http().post('/api/auth/login').send({ email: tenant.emails.evaluator, password: PASSWORD }).expect(429);
        await new Promise((r) => setTimeout(r, 2_200));
        await t.http().post('/api/auth/login').send({ email: tenant.emails.evaluator, password: PASSWORD }).expect(200);
      } finally {
        if (before === undefined) delete process.env.LOGIN_THROTTLE_WINDOW_SECONDS;
        else process.env.LOGIN_THROTTLE_WINDOW_SECONDS = before;
      }
    });
  });

  describe('tenant invariants', () => {
    it('never leaves a tenant without an active admin when two admins demote or deactivate each other at once (5 tries)', async () => {
      const own = await seedTenant(t, 'Two admins');
      let survivor = { token: own.tokens.admin };
      for (let i = 0; i < 5; i++) {
        // Exactly two active admins: the survivor of the last round and a new one.
        const email = `admin${i}.${own.tenantId.slice(0, 8)}@test.kernteam.be`;
        const created = await t.http().post('/api/users').set(bearer(survivor.token)).send({ email, name: `Admin ${i}`, role: 'admin', password: 'a long enough password 1' }).expect(201);
        const other = { id: created.body.id, token: await login(t, email, 'a long enough password 1') };
        const me = (await t.http().get('/api/me').set(bearer(survivor.token)).expect(200)).body;
        const change = i % 2 ? { role: 'evaluator' } : { active: false };
        const [a, b] = await Promise.all([
          t.http().patch(`/api/users/${other.id}`).set(bearer(survivor.token)).send(change),
          t.http().patch(`/api/users/${me.id}`).set(bearer(other.token)).send(change),
        ]);
        expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
        expect([a.status, b.status].sort()).toEqual(expect.arrayContaining([200]));
        for (const r of [a, b]) if (r.status !== 200) expect([401, 403, 422]).toContain(r.status);
        const [{ n }] = await db.system((em) => em.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND role = 'admin' AND active`, [own.tenantId]));
        expect(n).toBe(1);
        survivor = a.status === 200 ? survivor : other;
      }
    });

    it('never leaves an inactive standing partner when a partner is chosen as standing while it is deactivated', async () => {
      const admin = bearer(tenant.tokens.admin);
      for (let i = 0; i < 5; i++) {
        const p = await t.http().post('/api/partners').set(admin).send({ name: `Race ${i}`, type: 'OTHER' }).expect(201);
        const settings = (await t.http().get('/api/settings').set(admin).expect(200)).body;
        const [s, d] = await Promise.all([
          t.http().patch('/api/settings').set(admin).send({ version: settings.version, standingPartnerIds: [...settings.standingPartnerIds, p.body.id] }),
          t.http().patch(`/api/partners/${p.body.id}`).set(admin).send({ active: false }),
        ]);
        expect([s.status, d.status].filter((x) => x === 200)).toHaveLength(1);
        const [bad] = await db.system((em) => em.query(
          `SELECT count(*)::int AS n FROM tenants t JOIN partners p ON p.id = ANY(t.standing_partner_ids) WHERE t.id = $1 AND NOT p.active`, [tenant.tenantId]));
        expect(bad.n).toBe(0);
        // Put the standing partners back for the next round.
        const now = (await t.http().get('/api/settings').set(admin).expect(200)).body;
        await t.http().patch('/api/settings').set(admin).send({ version: now.version, standingPartnerIds: settings.standingPartnerIds }).expect(200);
      }
    });
  });

  describe('version-guarded writes: 50 identical requests with the same version → one 200, 49 × 409, one event row', () => {
    const once = async (send: () => PromiseLike<{ status: number }>) => {
      const res = await parallel(50, send);
      expect(tally(res.map((r) => r.status))).toEqual({ 200: 1, 409: 49 });
    };
    const events = (entityId: string) => db.system((em) => em.query(`SELECT event FROM workflow_events WHERE entity_id = $1 ORDER BY seq`, [entityId]))
      .then((rows: { event: string }[]) => rows.map((r) => r.event));
    const audits = (entityId: string, action: string) => db.system((em) => em.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = $2`, [entityId, action])).then((rows) => rows[0].n);

    it('dossier PATCH', async () => {
      const d = await createDossier(t, tenant);
      await once(() => t.http().patch(`/api/dossiers/${d.id}`).set(as(tenant, 'casemanager')).send({ version: d.version, summary: 'Bijgewerkt signaal.' }));
      expect(await audits(d.id, 'dossier.update')).toBe(1);
    });

    it('dossier transition', async () => {
      const d = await createDossier(t, tenant);
      const before = (await events(d.id)).length;
      await once(() => transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', d.version));
      expect((await events(d.id)).slice(before)).toEqual(['START_SCREENING']);
    });

    it('meeting transition', async () => {
      const m = await planMeeting(t, tenant);
      const before = (await events(m.id)).length;
      await once(() => t.http().post(`/api/meetings/${m.id}/transitions`).set(as(tenant, 'chair')).send({ event: 'CANCEL', version: m.version }));
      expect((await events(m.id)).slice(before)).toEqual(['CANCEL']);
    });

    it('agreement transition', async () => {
      const d = await retainedDossier(t, tenant, ['Politie']);
      await holdMeeting(t, tenant, {
        dossierIds: [d.id], present: ['Casemanagement', 'Politie'],
        outcomes: { [d.id]: { outcome: 'DISCUSSED', agreements: [{ description: 'Race agreement', responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(7) }], endorsements: endorsedBy(tenant, ['Politie']) } },
      });
      const list = (await t.http().get(`/api/agreements?dossierId=${d.id}`).set(as(tenant, 'casemanager')).expect(200)).body;
      const a = list.items[0];
      const before = (await events(a.id)).length;
      await once(() => t.http().post(`/api/agreements/${a.id}/transitions`).set(as(tenant, 'casemanager')).send({ event: 'START', version: a.version }));
      expect((await events(a.id)).slice(before)).toEqual(['START']);
    });

    it('settings PATCH', async () => {
      const admin = bearer(tenant.tokens.admin);
      const s = (await t.http().get('/api/settings').set(admin).expect(200)).body;
      const before = await audits(tenant.tenantId, 'settings.update');
      await once(() => t.http().patch('/api/settings').set(admin).send({ version: s.version, theme: s.theme === 'gent' ? 'neutral' : 'gent' }));
      expect(await audits(tenant.tenantId, 'settings.update')).toBe(before + 1);
    });
  });

  it('keeps the list\'s counts per state and the audit chain exact under parallel transitions, also into a state the LIVC never had', async () => {
    const fresh = await seedTenant(t, 'Counts');
    const dossiers = await parallel(12, () => createDossier(t, fresh));
    // All twelve enter SCREENING at once: its count row does not exist yet, so the first ones race to create it.
    const screened = await parallel(12, (i) => transition(t, fresh.tokens.casemanager, dossiers[i].id, 'START_SCREENING', dossiers[i].version));
    expect(screened.map((r) => r.status)).toEqual(Array(12).fill(200));
    // Then half are retained while the other half are rejected, all at once.
    await parallel(12, (i) => screen(t, fresh, dossiers[i].id));
    const current = await parallel(12, (i) => getDossier(t, fresh, dossiers[i].id));
    const next = await parallel(12, (i) => i % 2 === 0
      ? transition(t, fresh.tokens.casemanager, dossiers[i].id, 'RETAIN', current[i].version)
      : transition(t, fresh.tokens.casemanager, dossiers[i].id, 'REJECT', current[i].version, 'Geen aanwijzingen.'));
    expect(next.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const kept = await db.system((em) => em.query(`SELECT state, n::int FROM dossier_counts WHERE tenant_id = $1 AND n > 0 ORDER BY state`, [fresh.tenantId]));
    const counted = await db.system((em) => em.query(
      `SELECT state::text, count(*)::int AS n FROM dossiers WHERE tenant_id = $1 GROUP BY 1 ORDER BY 1`, [fresh.tenantId]));
    expect(kept).toEqual(counted);
    expect(counted).toEqual([{ state: 'NIET_WEERHOUDEN', n: 6 }, { state: 'WEERHOUDEN', n: 6 }]);
    const verified = await t.http().get('/api/audit/verify').set(bearer(fresh.tokens.auditor)).expect(200);
    expect(verified.body).toEqual({ valid: true, checked: expect.any(Number) });
    expect(verified.body.checked).toBeGreaterThanOrEqual(12 * 3);
  });

  it('keeps the counts without deadlocks when commits with no audit chain head to queue them move dossiers of one LIVC both ways at once', async () => {
    const fresh = await seedTenant(t, 'Count locks');
    const dossiers = await parallel(8, () => createDossier(t, fresh));
    // Straight to the database as the owner (no chain head taken): only the counts' trigger orders these commits.
    const runners = await parallel(8, async () => {
      const r = db.dataSource.createQueryRunner();
      await r.connect();
      // The count rows found in the order they lie on disk, as the plan of a large tenant table does (that order changes
      // as the rows are updated); an index scan would find them in key order by chance.
      await r.query('SET enable_indexscan = off');
      return r;
    });
    const flip = `UPDATE dossiers SET state = (CASE state WHEN 'AANGEMELD' THEN 'SCREENING' ELSE 'AANGEMELD' END) WHERE id = $1`;
    const failures: string[] = [];
    try {
      // Half of them start in SCREENING, so every round moves dossiers in both directions.
      await parallel(4, (i) => runners[i].query(flip, [dossiers[i].id]));
      await parallel(8, async (i) => {
        for (let round = 0; round < 150; round++) {
          try {
            await runners[i].query('BEGIN');
            await runners[i].query(flip, [dossiers[i].id]);
            await runners[i].query('COMMIT');
          } catch (e) {
            failures.push((e as { driverError?: { code?: string } }).driverError?.code ?? String(e));
            await runners[i].query('ROLLBACK');
          }
        }
      });
    } finally {
      // The planner setting goes with the connection back to the app's pool: reset first.
      await Promise.all(runners.map(async (r) => { await r.query('RESET enable_indexscan'); await r.release(); }));
    }
    expect(failures).toEqual([]);
    const kept = await db.system((em) => em.query(`SELECT state, n::int FROM dossier_counts WHERE tenant_id = $1 AND n > 0 ORDER BY state`, [fresh.tenantId]));
    expect(kept).toEqual([{ state: 'AANGEMELD', n: 4 }, { state: 'SCREENING', n: 4 }]);
  });
});
