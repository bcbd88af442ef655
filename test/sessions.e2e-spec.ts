import { createHash } from 'node:crypto';
import { TenantDb } from '@kernteam/persistence';
import { bearer, login, PASSWORD, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { Browser, signInBrowser, withCookie, withCsrf } from './support/browser';

const hash = (v: string) => createHash('sha256').update(v).digest('hex');
const cookieValue = (b: Browser) => b.cookie.slice(b.cookie.indexOf('=') + 1);
const FIREFOX = { 'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0' };
const CHROME = { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' };

describe('sessions a DPO can trust (absolute lifetime, my sessions, sign out elsewhere, admin ends all)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const db = () => t.app.get(TenantDb);
  const audit = async (action: string) => {
    const rows = await db().system((em) => em.query(`SELECT actor_id, outcome, details FROM audit_events WHERE tenant_id = $1 AND action = $2 ORDER BY seq`, [tenant.tenantId, action]));
    return rows as { actor_id: string; outcome: string; details: Record<string, unknown> }[];
  };

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Sessions');
  });
  afterAll(() => t.close());

  it('ends a session at the absolute lifetime (12 h) even when it was active a moment ago, and says the earlier end', async () => {
    const b = await signInBrowser(t, tenant.emails.chair);
    // Both ends are reported, the earlier one wins: right after sign-in that is the idle end (30 min).
    expect(Date.parse(b.body.expiresAt)).toBeLessThan(Date.now() + 31 * 60_000);
    await db().system((em) => em.query(`UPDATE sessions SET created_at = now() - interval '11 hours 50 minutes' WHERE id_hash = $1`, [hash(cookieValue(b))]));
    const near = await t.http().get('/api/auth/session').set(withCookie(b)).expect(200);
    const expires = Date.parse(near.body.expiresAt);
    expect(expires).toBeLessThan(Date.now() + 11 * 60_000);
    expect(expires).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(near.headers['x-session-expires-at']).toBe(near.body.expiresAt);
    await db().system((em) => em.query(`UPDATE sessions SET created_at = now() - interval '12 hours 1 minute', last_seen_at = now() WHERE id_hash = $1`, [hash(cookieValue(b))]));
    const res = await t.http().get('/api/me').set(withCookie(b)).expect(401);
    expect(res.body.type).toBe('urn:kernteam:problem:session-expired');
    const [row] = await db().system((em) => em.query(`SELECT end_reason FROM sessions WHERE id_hash = $1`, [hash(cookieValue(b))]));
    expect(row.end_reason).toBe('absolute');
  });

  it('lists my live sessions with browser, address and the current one flagged, never a cookie value', async () => {
    const one = await signInBrowser(t, tenant.emails.police, FIREFOX);
    const two = await signInBrowser(t, tenant.emails.police, CHROME);
    const ended = await signInBrowser(t, tenant.emails.police);
    await t.http().delete('/api/auth/session').set(withCsrf(ended)).expect(204);
    const res = await t.http().get('/api/me/sessions').set(withCookie(two)).expect(200);
    expect(res.body).toEqual([
      { id: expect.any(String), createdAt: expect.any(String), lastSeenAt: expect.any(String), expiresAt: expect.any(String), userAgent: 'Chrome · Linux', ip: expect.any(String), current: true },
      { id: expect.any(String), createdAt: expect.any(String), lastSeenAt: expect.any(String), expiresAt: expect.any(String), userAgent: 'Firefox · Windows', ip: expect.any(String), current: false },
    ]);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(cookieValue(one));
    expect(text).not.toContain(hash(cookieValue(one)));
    // Somebody else's list holds none of them.
    const other = await t.http().get('/api/me/sessions').set(bearer(tenant.tokens.school)).expect(200);
    expect(other.body.map((s: { id: string }) => s.id)).not.toContain(res.body[0].id);
  });

  it('signs out one session: refused on its next request, audited; another user cannot end it', async () => {
    const laptop = await signInBrowser(t, tenant.emails.ocmw, FIREFOX);
    const phone = await signInBrowser(t, tenant.emails.ocmw, CHROME);
    const list = await t.http().get('/api/me/sessions').set(withCookie(phone)).expect(200);
    const laptopId = list.body.find((s: { current: boolean }) => !s.current).id;
    await t.http().delete(`/api/me/sessions/${laptopId}`).set(withCsrf(await signInBrowser(t, tenant.emails.school))).expect(404);
    await t.http().delete(`/api/me/sessions/${laptopId}`).set(withCsrf(phone)).expect(204);
    const refused = await t.http().get('/api/me').set(withCookie(laptop)).expect(401);
    expect(refused.body.type).toBe('urn:kernteam:problem:unauthenticated');
    await t.http().get('/api/me').set(withCookie(phone)).expect(200);
    await t.http().delete(`/api/me/sessions/${laptopId}`).set(withCsrf(phone)).expect(404);
    expect((await audit('auth.session.revoke')).at(-1)).toMatchObject({ outcome: 'ALLOWED', details: { current: false } });
  });

  it('signs out everywhere else: every other session refused, this one stays', async () => {
    const a = await signInBrowser(t, tenant.emails.evaluator);
    const b = await signInBrowser(t, tenant.emails.evaluator);
    const here = await signInBrowser(t, tenant.emails.evaluator);
    const res = await t.http().post('/api/me/sessions/revoke-others').set(withCsrf(here)).expect(200);
    expect(res.body).toEqual({ endedSessions: 2 });
    await t.http().get('/api/me').set(withCookie(a)).expect(401);
    await t.http().get('/api/me').set(withCookie(b)).expect(401);
    await t.http().get('/api/me').set(withCookie(here)).expect(200);
    const list = await t.http().get('/api/me/sessions').set(withCookie(here)).expect(200);
    expect(list.body).toHaveLength(1);
    expect((await audit('auth.session.revoke-others')).at(-1)).toMatchObject({ outcome: 'ALLOWED', details: { ended: 2 } });
  });

  it('refuses a cookie write without the CSRF token (403) and changes nothing', async () => {
    const a = await signInBrowser(t, tenant.emails.auditor);
    const b = await signInBrowser(t, tenant.emails.auditor);
    const res = await t.http().post('/api/me/sessions/revoke-others').set(withCookie(b)).expect(403);
    expect(res.body.type).toBe('urn:kernteam:problem:csrf');
    await t.http().get('/api/me').set(withCookie(a)).expect(200);
    const list = await t.http().get('/api/me/sessions').set(withCookie(b)).expect(200);
    expect(list.body.length).toBeGreaterThanOrEqual(2);
    await t.http().delete(`/api/me/sessions/${list.body[1].id}`).set(withCookie(b)).expect(403);
  });

  it('an admin ends all sessions of a user: browser sessions and bearer tokens refused, a new sign-in works; audited', async () => {
    const email = tenant.emails.casemanager;
    const browser = await signInBrowser(t, email);
    const token = await login(t, email);
    await t.http().get('/api/me').set(bearer(token)).expect(200);
    const [{ id }] = await db().system((em) => em.query(`SELECT id FROM users WHERE email = $1`, [email]));
    await t.http().post(`/api/users/${id}/sessions/revoke`).set(bearer(tenant.tokens.chair)).expect(403);
    const res = await t.http().post(`/api/users/${id}/sessions/revoke`).set(bearer(tenant.tokens.admin)).expect(200);
    expect(res.body.endedSessions).toBeGreaterThanOrEqual(1);
    await t.http().get('/api/me').set(withCookie(browser)).expect(401);
    await t.http().get('/api/me').set(bearer(token)).expect(401);
    await t.http().get('/api/me').set(bearer(tenant.tokens.casemanager)).expect(401);
    await t.http().get('/api/me').set(bearer(await login(t, email, PASSWORD))).expect(200);
    await t.http().post('/api/users/00000000-0000-4000-8000-000000000000/sessions/revoke').set(bearer(tenant.tokens.admin)).expect(404);
    const rows = await audit('user.sessions.revoke');
    expect(rows.at(-1)).toMatchObject({ outcome: 'ALLOWED', details: { ended: res.body.endedSessions } });
  });
});
