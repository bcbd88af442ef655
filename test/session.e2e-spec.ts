import { createHash } from 'node:crypto';
import { TenantDb } from '@kernteam/persistence';
import { bearer, PASSWORD, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { Browser, signInBrowser, withCookie, withCsrf } from './support/browser';

// Behind a TLS-terminating proxy: `X-Forwarded-Proto: https` makes a request secure (only because of this setting).
process.env.TRUST_PROXY = 'true';

const hash = (v: string) => createHash('sha256').update(v).digest('hex');
const cookieValue = (b: Browser) => b.cookie.slice(b.cookie.indexOf('=') + 1);

describe('browser sessions (/api/auth/session, cookie + CSRF on every route)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const db = () => t.app.get(TenantDb);
  const sessionRow = async (b: Browser) => {
    const [row] = await db().system((em) => em.query(`SELECT * FROM sessions WHERE id_hash = $1`, [hash(cookieValue(b))]));
    return row as { id: string; user_id: string; tenant_id: string; last_seen_at: Date; ended_at: Date | null; end_reason: string | null };
  };
  const dossierCount = async () => {
    const [{ n }] = await db().system((em) => em.query(`SELECT count(*)::int AS n FROM dossiers WHERE tenant_id = $1`, [tenant.tenantId]));
    return n as number;
  };
  const newDossier = (partnerId: string) => ({
    phenomenon: 'RADICALISERING', referringPartnerId: partnerId, receivedOn: '2026-10-01', summary: 'Via de browser', subject: { firstName: 'A', lastName: 'B' },
  });

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Session');
  });
  afterAll(() => t.close());

  it('signs in with an HttpOnly, SameSite=Strict cookie over http (not Secure) and answers the session', async () => {
    const before = Date.now();
    const res = await t.http().post('/api/auth/session').send({ email: tenant.emails.casemanager, password: PASSWORD }).expect(200);
    expect(res.body).toEqual({
      user: { id: expect.any(String), email: tenant.emails.casemanager, name: expect.any(String), role: 'casemanager', partnerId: tenant.partners.Casemanagement, tenantId: tenant.tenantId, language: null },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      idleTimeoutSeconds: 1800,
      expiresAt: expect.any(String),
      mfaEnrolmentRequired: false,
    });
    const expires = Date.parse(res.body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 1800_000 - 2_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 1800_000 + 2_000);
    expect(res.headers['x-session-expires-at']).toBe(res.body.expiresAt);
    const cookies = ([] as string[]).concat(res.headers['set-cookie']);
    expect(cookies).toHaveLength(1);
    const [pair, ...attrs] = cookies[0].split('; ');
    expect(pair).toMatch(/^kernteam_session=[A-Za-z0-9_-]{43}$/);
    expect(attrs.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    expect(res.body.csrfToken).not.toBe(pair.split('=')[1]);
  });

  it('stores only a hash of the cookie value', async () => {
    const b = await signInBrowser(t, tenant.emails.chair);
    const row = await sessionRow(b);
    expect(row).toMatchObject({ tenant_id: tenant.tenantId, ended_at: null });
    const [all] = await db().system((em) => em.query(`SELECT row_to_json(s)::text AS json FROM sessions s WHERE id = $1`, [row.id]));
    expect(all.json).not.toContain(cookieValue(b));
    expect(all.json).not.toContain(b.csrf);
  });

  it('uses the __Host- cookie with Secure over https (behind a trusted proxy) and then accepts only that one', async () => {
    const https = { 'X-Forwarded-Proto': 'https' };
    const b = await signInBrowser(t, tenant.emails.chair, https);
    const [pair, ...attrs] = b.setCookie.split('; ');
    expect(pair).toMatch(/^__Host-kernteam_session=[A-Za-z0-9_-]{43}$/);
    expect(attrs.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
    await t.http().get('/api/me').set(https).set(withCookie(b)).expect(200);
    // The same id under the plain name is not accepted over https (a plain-http page could have planted it).
    await t.http().get('/api/me').set(https).set({ Cookie: `kernteam_session=${cookieValue(b)}` }).expect(401);
  });

  it('survives a reload: GET /api/auth/session gives the user and the same CSRF token again, with a fresh expiry', async () => {
    const b = await signInBrowser(t, tenant.emails.police);
    await db().system((em) => em.query(`UPDATE sessions SET last_seen_at = now() - interval '10 minutes' WHERE id_hash = $1`, [hash(cookieValue(b))]));
    const res = await t.http().get('/api/auth/session').set(withCookie(b)).expect(200);
    expect(res.body).toEqual({ ...b.body, expiresAt: expect.any(String) });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now() + 1790_000);
    expect(res.headers['x-session-expires-at']).toBe(res.body.expiresAt);
    expect(res.headers['cache-control']).toBe('no-store');
    const me = await t.http().get('/api/me').set(withCookie(b)).expect(200);
    expect(me.body).toEqual(b.body.user);
    await t.http().get('/api/dossiers').set(withCookie(b)).expect(200);
  });

  it('needs the X-CSRF-Token header on a change made with the cookie; without or with a wrong one: 403, nothing changes', async () => {
    const b = await signInBrowser(t, tenant.emails.casemanager);
    const count = await dossierCount();
    const missing = await t.http().post('/api/dossiers').set(withCookie(b)).send(newDossier(tenant.partners.Politie)).expect(403);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body).toMatchObject({ type: 'urn:kernteam:problem:csrf', status: 403 });
    const wrong = await t.http().post('/api/dossiers').set({ ...withCookie(b), 'X-CSRF-Token': `${b.csrf.slice(0, -1)}x` }).send(newDossier(tenant.partners.Politie));
    expect(wrong.status).toBe(403);
    // Another session's token does not fit this session.
    const other = await signInBrowser(t, tenant.emails.casemanager);
    await t.http().post('/api/dossiers').set({ ...withCookie(b), 'X-CSRF-Token': other.csrf }).send(newDossier(tenant.partners.Politie)).expect(403);
    expect(await dossierCount()).toBe(count);
    const created = await t.http().post('/api/dossiers').set(withCsrf(b)).send(newDossier(tenant.partners.Politie)).expect(201);
    expect(await dossierCount()).toBe(count + 1);
    await t.http().patch(`/api/dossiers/${created.body.id}`).set(withCookie(b)).send({ version: 1, summary: 'Gewijzigd' }).expect(403);
    const after = await t.http().get(`/api/dossiers/${created.body.id}`).set(withCookie(b)).expect(200);
    expect(after.body).toMatchObject({ version: 1, summary: 'Via de browser' });
    // Signing out is a change too.
    await t.http().delete('/api/auth/session').set(withCookie(b)).expect(403);
    await t.http().get('/api/me').set(withCookie(b)).expect(200);
  });

  it('still accepts Bearer tokens, without a CSRF token and without a session header', async () => {
    const res = await t.http().post('/api/dossiers').set(bearer(tenant.tokens.casemanager)).send(newDossier(tenant.partners.Politie)).expect(201);
    expect(res.headers['x-session-expires-at']).toBeUndefined();
    // A Bearer request has no browser session to show or end.
    const none = await t.http().get('/api/auth/session').set(bearer(tenant.tokens.casemanager)).expect(401);
    expect(none.body.type).toBe('urn:kernteam:problem:unauthenticated');
  });

  it('counts each request as activity and puts X-Session-Expires-At on every cookie answer, refusals included', async () => {
    const b = await signInBrowser(t, tenant.emails.casemanager);
    await db().system((em) => em.query(`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE id_hash = $1`, [hash(cookieValue(b))]));
    const res = await t.http().get('/api/meetings/6f1c1d0e-0000-4000-8000-000000000000').set(withCookie(b)).expect(404);
    expect(Date.parse(res.headers['x-session-expires-at'])).toBeGreaterThan(Date.now() + 1790_000);
    expect(Date.now() - new Date((await sessionRow(b)).last_seen_at).getTime()).toBeLessThan(10_000);
    await t.http().get('/api/me').set(withCookie(b)).expect(200);
  });

  it('writes the session at most every 30 s: a request soon after the last one keeps last_seen_at and the expiry it answers', async () => {
    const b = await signInBrowser(t, tenant.emails.casemanager);
    await db().system((em) => em.query(`UPDATE sessions SET last_seen_at = now() - interval '20 seconds' WHERE id_hash = $1`, [hash(cookieValue(b))]));
    const seen = new Date((await sessionRow(b)).last_seen_at).getTime();
    const res = await t.http().get('/api/me').set(withCookie(b)).expect(200);
    expect(new Date((await sessionRow(b)).last_seen_at).getTime()).toBe(seen);
    expect(Date.parse(res.headers['x-session-expires-at'])).toBe(seen + 1800_000);
    // Older than 30 s: the request counts again.
    await db().system((em) => em.query(`UPDATE sessions SET last_seen_at = now() - interval '40 seconds' WHERE id_hash = $1`, [hash(cookieValue(b))]));
    const later = await t.http().get('/api/me').set(withCookie(b)).expect(200);
    const touched = new Date((await sessionRow(b)).last_seen_at).getTime();
    expect(Date.now() - touched).toBeLessThan(10_000);
    expect(Date.parse(later.headers['x-session-expires-at'])).toBe(touched + 1800_000);
  });

  it('ends a session idle for longer than SESSION_IDLE_MINUTES: 401 session-expired, cookie cleared', async () => {
    const b = await signInBrowser(t, tenant.emails.chair);
    await db().system((em) => em.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id_hash = $1`, [hash(cookieValue(b))]));
    const res = await t.http().get('/api/me').set(withCookie(b)).expect(401);
    expect(res.body).toMatchObject({ type: 'urn:kernteam:problem:session-expired', status: 401 });
    expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/^kernteam_session=; .*Expires=Thu, 01 Jan 1970/);
    expect(await sessionRow(b)).toMatchObject({ ended_at: expect.any(Date), end_reason: 'idle' });
    // Ended for good: coming back does not revive it.
    await db().system((em) => em.query(`UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1`, [hash(cookieValue(b))]));
    await t.http().get('/api/me').set(withCookie(b)).expect(401);
    await t.http().get('/api/auth/session').set(withCookie(b)).expect(401);
  });

  it('signs out: 204, the cookie cleared, the session ended and audited', async () => {
    const b = await signInBrowser(t, tenant.emails.school);
    const res = await t.http().delete('/api/auth/session').set(withCsrf(b)).expect(204);
    expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/^kernteam_session=; .*Expires=Thu, 01 Jan 1970/);
    const row = await sessionRow(b);
    expect(row).toMatchObject({ ended_at: expect.any(Date), end_reason: 'logout' });
    const gone = await t.http().get('/api/auth/session').set(withCookie(b)).expect(401);
    expect(gone.body.type).toBe('urn:kernteam:problem:unauthenticated');
    await t.http().post('/api/dossiers').set(withCsrf(b)).send(newDossier(tenant.partners.Onderwijs)).expect(401);
    const audit = await db().system((em) => em.query(
      `SELECT action, outcome FROM audit_events WHERE tenant_id = $1 AND actor_id = $2 AND action IN ('auth.login', 'auth.logout') ORDER BY seq`,
      [tenant.tenantId, row.user_id],
    ));
    expect(audit.slice(-2)).toEqual([{ action: 'auth.login', outcome: 'ALLOWED' }, { action: 'auth.logout', outcome: 'ALLOWED' }]);
  });

  it('stops a deactivated user\'s session at once', async () => {
    const email = `deactivated.${Date.now()}@test.kernteam.be`;
    const user = await t.http().post('/api/users').set(bearer(tenant.tokens.admin))
      .send({ email, name: 'Tijdelijk', role: 'member', partnerId: tenant.partners.OCMW, password: PASSWORD }).expect(201);
    const b = await signInBrowser(t, email);
    await t.http().get('/api/me').set(withCookie(b)).expect(200);
    await t.http().patch(`/api/users/${user.body.id}`).set(bearer(tenant.tokens.admin)).send({ active: false }).expect(200);
    const res = await t.http().get('/api/me').set(withCookie(b)).expect(401);
    expect(res.body.type).toBe('urn:kernteam:problem:unauthenticated');
    expect(await sessionRow(b)).toMatchObject({ end_reason: 'inactive' });
    await t.http().patch(`/api/users/${user.body.id}`).set(bearer(tenant.tokens.admin)).send({ active: true }).expect(200);
    await t.http().get('/api/me').set(withCookie(b)).expect(401);
  });

  it('refuses a wrong password like /api/auth/login (no cookie), audits it and throttles with 429 and Retry-After', async () => {
    const email = tenant.emails.auditor;
    const first = await t.http().post('/api/auth/session').send({ email, password: 'not the password' }).expect(401);
    expect(first.headers['set-cookie']).toBeUndefined();
    const viaLogin = await t.http().post('/api/auth/login').send({ email, password: 'not the password' }).expect(401);
    expect(first.body).toEqual(viaLogin.body);
    for (let i = 0; i < 3; i++) await t.http().post('/api/auth/session').send({ email, password: `wrong ${i}` }).expect(401);
    const throttled = await t.http().post('/api/auth/session').send({ email, password: PASSWORD }).expect(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.headers['set-cookie']).toBeUndefined();
    const [{ id }] = await db().system((em) => em.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [email]));
    const denied = await db().system((em) => em.query(
      `SELECT details->>'via' AS via FROM audit_events WHERE actor_id = $1 AND action = 'auth.login' AND outcome = 'DENIED' ORDER BY seq`, [id],
    ));
    expect(denied.map((r: { via: string }) => r.via)).toEqual(['session', 'token', 'session', 'session', 'session']);
  });

  it('answers 401 without a cookie or with one that names no session', async () => {
    const none = await t.http().get('/api/me').expect(401);
    expect(none.body.type).toBe('urn:kernteam:problem:unauthenticated');
    await t.http().get('/api/me').set({ Cookie: `kernteam_session=${'a'.repeat(43)}` }).expect(401);
    await t.http().get('/api/me').set({ Cookie: 'kernteam_session=not-a-session' }).expect(401);
  });
});
