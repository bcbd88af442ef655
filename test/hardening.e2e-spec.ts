import { request as httpRequest } from 'node:http';
import { TenantDb } from '@kernteam/persistence';
import { bearer, createDossier, login, PASSWORD, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { listening, openEventStream, signInBrowser, withCookie } from './support/browser';

/** Issue 11: bad input never 500, a deactivated partner's members out at once, validation holes, caching, audit of unknown accounts. */
describe('hardening', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let db: TenantDb;
  const clearThrottle = () => db.system((em) => em.query(`DELETE FROM login_throttle`));
  beforeAll(async () => {
    t = await startApp();
    db = t.app.get(TenantDb);
    tenant = await seedTenant(t, 'Hardening');
    await listening(t);
  });
  afterEach(() => clearThrottle());
  afterAll(() => t.close());

  const problem = (res: { status: number; headers: Record<string, string>; body: unknown }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['cache-control']).toBe('no-store');
  };

  describe('NUL bytes, deep nesting and long addresses are 4xx problem+json at the edge', () => {
    it('refuses a NUL in the sign-in e-mail, in q and any query parameter, and in any body string', async () => {
      problem(await t.http().post('/api/auth/login').send({ email: `a\u0000@x.be`, password: 'x' }), 400);
      problem(await t.http().post('/api/auth/session').send({ email: tenant.emails.admin, password: `x\u0000` }), 400);
      problem(await t.http().get('/api/dossiers?q=ab%00cd').set(bearer(tenant.tokens.casemanager)), 400);
      problem(await t.http().get('/api/audit?action=%00').set(bearer(tenant.tokens.auditor)), 400);
      problem(await t.http().get('/api/dossiers/%00').set(bearer(tenant.tokens.casemanager)), 400);
      const body = { phenomenon: 'RADICALISERING', referringPartnerId: tenant.partners.Politie, receivedOn: '2026-10-01', summary: 'x',
        subject: { firstName: 'Na\u0000me', lastName: 'Test' } };
      problem(await t.http().post('/api/dossiers').set(bearer(tenant.tokens.casemanager)).send(body), 400);
      problem(await t.http().post('/api/partners').set(bearer(tenant.tokens.admin)).send({ ['na\u0000me']: 'x', type: 'OTHER' }), 400);
      // Half a surrogate pair is no character either (and made the e-mail validator throw).
      problem(await t.http().post('/api/users').set(bearer(tenant.tokens.admin)).set('Content-Type', 'application/json')
        .send('{"email":"\\ud800","name":"x","role":"evaluator","password":"a long enough password 1"}'), 400);
    });

    it('refuses JSON nested deeper than 32 levels before validation (no stack overflow)', async () => {
      let deep: unknown = 'x';
      for (let i = 0; i < 5_000; i++) deep = { a: deep };
      problem(await t.http().patch('/api/settings').set(bearer(tenant.tokens.admin)).send({ version: 1, name: deep }), 400);
      let arrays: unknown = [];
      for (let i = 0; i < 40; i++) arrays = [arrays];
      problem(await t.http().post('/api/auth/login').send({ email: arrays, password: 'x' }), 400);
    });

    it('answers an address over 8 KiB with 414 and a header block over 16 KiB with 431, both problem+json', async () => {
      problem(await t.http().get(`/api/dossiers?q=${'a'.repeat(9_000)}`).set(bearer(tenant.tokens.casemanager)), 414);
      const { port } = await listening(t);
      const raw = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: `/api/dossiers?q=${'a'.repeat(20_000)}`, method: 'GET' }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(raw.status).toBe(431);
      expect(raw.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(raw.body)).toMatchObject({ status: 431 });
    });
  });

  describe('validation holes', () => {
    it('refuses null for a name that may not be cleared, and names or summaries of spaces only', async () => {
      const dossier = await createDossier(t, tenant);
      const cm = bearer(tenant.tokens.casemanager);
      problem(await t.http().patch(`/api/dossiers/${dossier.id}`).set(cm).send({ version: dossier.version, subject: { firstName: null } }), 400);
      problem(await t.http().patch(`/api/dossiers/${dossier.id}`).set(cm).send({ version: dossier.version, summary: '   ' }), 400);
      problem(await t.http().patch(`/api/dossiers/${dossier.id}`).set(cm).send({ version: dossier.version, subject: { lastName: ' \t ' } }), 400);
      problem(await t.http().post('/api/dossiers').set(cm).send({
        phenomenon: 'RADICALISERING', referringPartnerId: tenant.partners.Politie, receivedOn: '2026-10-01', summary: '    ',
        subject: { firstName: 'A', lastName: 'B' },
      }), 400);
      problem(await t.http().post('/api/partners').set(bearer(tenant.tokens.admin)).send({ name: '   ', type: 'OTHER' }), 400);
      problem(await t.http().patch(`/api/partners/${tenant.partners.OCMW}`).set(bearer(tenant.tokens.admin)).send({ name: null }), 400);
      const after = await t.http().get(`/api/dossiers/${dossier.id}`).set(cm).expect(200);
      expect(after.body).toMatchObject({ version: dossier.version, summary: dossier.summary, subject: { firstName: 'Testvoornaam', lastName: 'Testachternaam' } });
      // Surrounding spaces are trimmed off a value that is more than spaces.
      const trimmed = await t.http().patch(`/api/dossiers/${dossier.id}`).set(cm).send({ version: dossier.version, summary: '  Nieuw signaal.  ' }).expect(200);
      expect(trimmed.body.summary).toBe('Nieuw signaal.');
    });

    it('plans meetings between 2000 and five years from now only', async () => {
      const chair = bearer(tenant.tokens.chair);
      for (const scheduledAt of ['1900-01-01T10:00:00Z', '1999-12-31T22:59:59Z', '2199-06-01T10:00:00+02:00', `${new Date().getUTCFullYear() + 6}-01-01T10:00:00Z`]) {
        problem(await t.http().post('/api/meetings').set(chair).send({ scheduledAt }), 400);
      }
      const ok = await t.http().post('/api/meetings').set(chair).send({ scheduledAt: `${new Date().getUTCFullYear() + 1}-03-01T14:00:00+01:00` }).expect(201);
      problem(await t.http().patch(`/api/meetings/${ok.body.id}`).set(chair).send({ version: ok.body.version, scheduledAt: '1900-01-01T10:00:00Z' }), 400);
      problem(await t.http().patch(`/api/meetings/${ok.body.id}`).set(chair).send({ version: ok.body.version, scheduledAt: null }), 400);
    });
  });

  describe('a deactivated partner', () => {
    it('takes its members\' access away at once: tokens, browser sessions and new sign-ins', async () => {
      const own = await seedTenant(t, 'Partner off');
      const browser = await signInBrowser(t, own.emails.school);
      await t.http().get('/api/dossiers').set(bearer(own.tokens.school)).expect(200);
      await t.http().get('/api/dossiers').set(withCookie(browser)).expect(200);
      await t.http().patch(`/api/partners/${own.partners.Onderwijs}`).set(bearer(own.tokens.admin)).send({ active: false }).expect(200);
      problem(await t.http().get('/api/dossiers').set(bearer(own.tokens.school)), 401);
      problem(await t.http().get('/api/me').set(withCookie(browser)), 401);
      problem(await t.http().post('/api/auth/login').send({ email: own.emails.school, password: PASSWORD }), 401);
      problem(await t.http().post('/api/auth/session').send({ email: own.emails.school, password: PASSWORD }), 401);
      // Members of other partners are untouched; reactivating the partner lets its members in again.
      await t.http().get('/api/dossiers').set(bearer(own.tokens.police)).expect(200);
      await t.http().patch(`/api/partners/${own.partners.Onderwijs}`).set(bearer(own.tokens.admin)).send({ active: true }).expect(200);
      await login(t, own.emails.school);
    });
  });

  describe('routing', () => {
    it('finds routes as express does, behind the check of their fixed prefix: letters in any case, a trailing slash, the first route that fits', async () => {
      const id = (await createDossier(t, tenant)).id as string;
      for (const path of [`/api/dossiers/${id}`, `/api/Dossiers/${id.toUpperCase()}`, `/api/dossiers/${id}/`]) {
        expect((await t.http().get(path).set(bearer(tenant.tokens.casemanager)).expect(200)).body.id).toBe(id);
      }
      // A fixed route declared beside a parameter one of the same prefix.
      await t.http().get('/api/ME').set(bearer(tenant.tokens.casemanager)).expect(200);
      problem(await t.http().get('/api/dossiersx').set(bearer(tenant.tokens.casemanager)), 404);
      problem(await t.http().get(`/api/dossier/${id}`).set(bearer(tenant.tokens.casemanager)), 404);
      await t.http().get('/health/').expect(200);
    });
  });

  describe('caching', () => {
    it('marks every /api answer no-store: data, errors, unknown routes, refusals before routing', async () => {
      const ok = await t.http().get('/api/me').set(bearer(tenant.tokens.admin)).expect(200);
      expect(ok.headers['cache-control']).toBe('no-store');
      problem(await t.http().get('/api/me'), 401);
      problem(await t.http().get('/api/no-such-route').set(bearer(tenant.tokens.admin)), 404);
      problem(await t.http().post('/api/no-such-route').send({}), 404);
      problem(await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":'), 400);
      const docs = await t.http().get('/api/docs-json').expect(200);
      expect(docs.headers['cache-control']).toBe('no-store');
      // A file (the minutes PDF) and an event stream.
      const meeting = (await t.http().post('/api/meetings').set(bearer(tenant.tokens.chair)).send({ scheduledAt: `${new Date().getUTCFullYear() + 1}-02-01T14:00:00+01:00` }).expect(201)).body;
      const pdf = await t.http().get(`/api/meetings/${meeting.id}/minutes.pdf`).set(bearer(tenant.tokens.chair));
      expect(pdf.headers['cache-control']).toBe('no-store');
      const stream = await openEventStream(t, `/api/meetings/${meeting.id}/events`, bearer(tenant.tokens.chair));
      try {
        expect(stream.status).toBe(200);
        expect(stream.headers['cache-control']).toBe('no-store');
      } finally {
        stream.close();
      }
    });
  });

  describe('failed sign-ins for unknown accounts', () => {
    const deniedFor = (email: string) => db.system((em) => em.query(
      `SELECT tenant_id, actor_id, details->>'reason' AS reason FROM audit_events WHERE action = 'auth.login' AND outcome = 'DENIED' AND ip IS NOT NULL
        ORDER BY at DESC, seq DESC LIMIT 1`)).then((rows) => ({ email, ...rows[0] }));

    it('are audited under the tenant whose users have that domain, or that the request named, else in the deployment trail', async () => {
      const domain = `${tenant.tenantId.slice(0, 8)}.hardening.example`;
      await t.http().post('/api/users').set(bearer(tenant.tokens.admin))
        .send({ email: `someone@${domain}`, name: 'Someone', role: 'evaluator', password: 'a long enough password 1' }).expect(201);
      await t.http().post('/api/auth/login').send({ email: `nobody@${domain}`, password: 'x' }).expect(401);
      expect(await deniedFor('domain')).toMatchObject({ tenant_id: tenant.tenantId, actor_id: null, reason: 'unknown-account' });
      // The tenant's auditor reads it in the tenant's trail.
      const trail = await t.http().get('/api/audit?action=auth.login').set(bearer(tenant.tokens.auditor)).expect(200);
      expect(trail.body.items).toContainEqual(expect.objectContaining({ action: 'auth.login', outcome: 'DENIED', actorId: null, entityId: null }));

      await t.http().post('/api/auth/login').send({ email: 'nobody@test.kernteam.be', password: 'x', tenantId: tenant.tenantId }).expect(401);
      expect(await deniedFor('named')).toMatchObject({ tenant_id: tenant.tenantId, reason: 'unknown-account' });

      // test.kernteam.be is the domain of every test tenant's users: no one tenant, so the deployment-level trail.
      await t.http().post('/api/auth/login').send({ email: 'nobody@test.kernteam.be', password: 'x' }).expect(401);
      expect(await deniedFor('shared')).toMatchObject({ tenant_id: null, reason: 'unknown-account' });
    });
  });
});
