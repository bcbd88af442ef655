import { SignJWT } from 'jose';
import { TenantDb } from '@kernteam/persistence';
import { bearer, login, PASSWORD, seedTenant, startApp, TestApp, TestTenant } from './support/app';

describe('auth (POST /api/auth/login, GET /api/me)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Auth');
    // The throttle counts per address across the run's test files: these tests count from zero.
    await t.app.get(TenantDb).system((em) => em.query(`DELETE FROM login_throttle`));
  });
  afterAll(() => t.close());

  it('signs in with the right password and returns the token and the user', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: tenant.emails.casemanager, password: PASSWORD }).expect(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: expect.any(Number),
      user: { email: tenant.emails.casemanager, role: 'casemanager', partnerId: tenant.partners.Casemanagement, tenantId: tenant.tenantId },
    });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const me = await t.http().get('/api/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body).toEqual(res.body.user);
  });

  describe('one person in several LIVCs', () => {
    let other: TestTenant;
    beforeAll(async () => {
      other = await seedTenant(t, 'Auth neighbour');
    });
    const create = (who: TestTenant, email: string, password: string) => t.http().post('/api/users').set(bearer(who.tokens.admin))
      .send({ email, name: 'Agent in twee LIVCs', role: 'member', partnerId: who.partners.Politie, password });

    it('lets another tenant create an account for an address that exists elsewhere, and signs in to the one whose password matches', async () => {
      const res = await create(other, tenant.emails.police.toUpperCase(), 'another long password').expect(201);
      expect(JSON.stringify(res.body)).not.toMatch(/conflict|exists/i);
      await create(other, tenant.emails.police, 'yet another password').expect(409); // within one tenant: still a duplicate
      const mine = await t.http().post('/api/auth/login').send({ email: tenant.emails.police, password: PASSWORD }).expect(200);
      expect(mine.body.user.tenantId).toBe(tenant.tenantId);
      const theirs = await t.http().post('/api/auth/login').send({ email: tenant.emails.police, password: 'another long password' }).expect(200);
      expect(theirs.body.user).toMatchObject({ tenantId: other.tenantId, id: res.body.id });
    });

    it('asks which LIVC only once the password matched more than one account, then signs in to the one chosen', async () => {
      const email = `twee.livcs.${Math.random().toString(36).slice(2)}@test.kernteam.be`;
      await create(tenant, email, PASSWORD).expect(201);
      await create(other, email, PASSWORD).expect(201);
      const ask = await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(409);
      expect(ask.body).toMatchObject({ type: 'urn:kernteam:problem:choose-tenant', status: 409 });
      expect(ask.body).not.toHaveProperty('accessToken');
      expect(ask.body.tenants.map((x: { name: string }) => x.name).sort()).toEqual([tenant.name, other.name].sort());
      expect(ask.body.tenants.every((x: { id: string; name: string }) => Object.keys(x).sort().join() === 'id,name')).toBe(true);
      // A wrong password reveals nothing about the accounts.
      const wrong = await t.http().post('/api/auth/login').send({ email, password: 'not the password' }).expect(401);
      expect(wrong.body).not.toHaveProperty('tenants');
      const chosen = await t.http().post('/api/auth/login').send({ email, password: PASSWORD, tenantId: other.tenantId }).expect(200);
      expect(chosen.body.user.tenantId).toBe(other.tenantId);
      const me = await t.http().get('/api/me').set(bearer(chosen.body.accessToken)).expect(200);
      expect(me.body.tenantId).toBe(other.tenantId);
      await t.http().post('/api/auth/login').send({ email, password: 'not the password', tenantId: other.tenantId }).expect(401);
      const third = await seedTenant(t, 'Auth third');
      await t.http().post('/api/auth/login').send({ email, password: PASSWORD, tenantId: third.tenantId }).expect(401);
      await t.http().post('/api/auth/login').send({ email, password: PASSWORD, tenantId: 'gent' }).expect(400);
    });
  });

  it('accepts the e-mail address in any case', async () => {
    await t.http().post('/api/auth/login').send({ email: tenant.emails.chair.toUpperCase(), password: PASSWORD }).expect(200);
  });

  it('answers a wrong password and an unknown e-mail address the same way', async () => {
    const wrong = await t.http().post('/api/auth/login').send({ email: tenant.emails.chair, password: 'not the password' }).expect(401);
    const unknown = await t.http().post('/api/auth/login').send({ email: 'nobody@nowhere.example', password: 'not the password' }).expect(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('audits each refused sign-in with its reason, under the account when it is clear whose it was', async () => {
    const db = t.app.get(TenantDb);
    const [{ since }] = await db.system((em) => em.query(`SELECT coalesce(max(id), 0) AS since FROM audit_events`));
    const denied = async () => db.system((em) => em.query(
      `SELECT tenant_id, actor_id, entity_type, entity_id, details->>'reason' AS reason FROM audit_events
        WHERE id > $1 AND action = 'auth.login' AND outcome = 'DENIED' AND (actor_id IS NULL OR tenant_id = $2) ORDER BY id`,
      [since, tenant.tenantId],
    ));
    const email = `uit.dienst.${Math.random().toString(36).slice(2)}@test.kernteam.be`;
    const off = await t.http().post('/api/users').set(bearer(tenant.tokens.admin))
      .send({ email, name: 'Uit dienst', role: 'member', partnerId: tenant.partners.OCMW, password: PASSWORD }).expect(201);
    await t.http().patch(`/api/users/${off.body.id}`).set(bearer(tenant.tokens.admin)).send({ active: false }).expect(200);
    const [{ id: chairId }] = await db.system((em) => em.query(`SELECT id FROM users WHERE email = $1`, [tenant.emails.chair]));
    await t.http().post('/api/auth/login').send({ email: tenant.emails.chair, password: 'not the password' }).expect(401);
    await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(401);
    await t.http().post('/api/auth/login').send({ email: `nobody.${Math.random().toString(36).slice(2)}@nowhere.example`, password: PASSWORD }).expect(401);
    const rows = await denied();
    const user = (id: string) => ({ tenant_id: tenant.tenantId, actor_id: id, entity_type: 'User', entity_id: id });
    expect(rows).toEqual(expect.arrayContaining([
      { ...user(chairId), reason: 'bad-password' },
      { ...user(off.body.id), reason: 'inactive' },
      { tenant_id: null, actor_id: null, entity_type: null, entity_id: null, reason: 'unknown-account' },
    ]));
  });

  it('throttles repeated failures for an account with 429, even with the right password afterwards', async () => {
    const email = tenant.emails.ocmw;
    for (let i = 0; i < 5; i++) await t.http().post('/api/auth/login').send({ email, password: `wrong ${i}` }).expect(401);
    const res = await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).toMatchObject({ status: 429 });
    // Another account from the same address is not locked out by it.
    await t.http().post('/api/auth/login').send({ email: tenant.emails.school, password: PASSWORD }).expect(200);
  });

  it('throttles an address that tries many accounts', async () => {
    const before = process.env.LOGIN_THROTTLE_PER_ADDRESS;
    process.env.LOGIN_THROTTLE_PER_ADDRESS = '3';
    const clear = () => t.app.get(TenantDb).system((em) => em.query(`DELETE FROM login_throttle`));
    await clear();
    try {
      for (let i = 0; i < 3; i++) await t.http().post('/api/auth/login').send({ email: `spray${i}@nowhere.example`, password: 'x' }).expect(401);
      await t.http().post('/api/auth/login').send({ email: tenant.emails.evaluator, password: PASSWORD }).expect(429);
    } finally {
      process.env.LOGIN_THROTTLE_PER_ADDRESS = before;
      await clear();
    }
  });

  it('refuses requests without a token, with a malformed one, or with a forged one', async () => {
    await t.http().get('/api/me').expect(401);
    await t.http().get('/api/me').set('Authorization', 'Bearer nonsense').expect(401);
    const token = tenant.tokens.chair;
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const res = await t.http().get('/api/me').set(bearer(forged)).expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('takes a deactivation into account at once, on a token issued before', async () => {
    const token = await login(t, tenant.emails.school);
    await t.http().get('/api/me').set(bearer(token)).expect(200);
    const users = await t.http().get('/api/users?pageSize=200').set(bearer(tenant.tokens.admin)).expect(200);
    const school = users.body.items.find((u: { email: string }) => u.email === tenant.emails.school);
    await t.http().patch(`/api/users/${school.id}`).set(bearer(tenant.tokens.admin)).send({ active: false }).expect(200);
    await t.http().get('/api/me').set(bearer(token)).expect(401);
    await t.http().post('/api/auth/login').send({ email: tenant.emails.school, password: PASSWORD }).expect(401);
  });

  it('refuses an expired token', async () => {
    const me = await t.http().get('/api/me').set(bearer(tenant.tokens.chair)).expect(200);
    const key = new TextEncoder().encode(process.env.AUTH_SECRET);
    const expired = await new SignJWT({ tid: tenant.tenantId }).setProtectedHeader({ alg: 'HS256' }).setSubject(me.body.id)
      .setIssuer('kernteam').setAudience('kernteam-api').setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(key);
    await t.http().get('/api/me').set(bearer(expired)).expect(401);
    const unsigned = await new SignJWT({ tid: tenant.tenantId }).setProtectedHeader({ alg: 'HS256' }).setSubject(me.body.id)
      .setIssuer('kernteam').setAudience('kernteam-api').setExpirationTime('1h').sign(new TextEncoder().encode('another secret of sufficient length!!'));
    await t.http().get('/api/me').set(bearer(unsigned)).expect(401);
  });

  it('sends security headers and keeps CORS closed', async () => {
    const res = await t.http().get('/api/me').set(bearer(tenant.tokens.chair)).set('Origin', 'https://evil.example').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // HSTS only on https requests (web-serving.e2e-spec.ts); this one came over plain http.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http().options('/api/me').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves health without a token', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', queue: 'up' });
  });
});
