import { TenantDb } from '@kernteam/persistence';
import { bearer, login, PASSWORD, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { signInBrowser, withCookie, withCsrf } from './support/browser';

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
const unique = (k: string) => `${k}.${Math.random().toString(36).slice(2)}@test.kernteam.be`;

describe('one-time account links, own password, preferred language', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Links');
  });
  afterAll(() => t.close());

  const admin = () => bearer(tenant.tokens.admin);
  const auditorNotifications = async () =>
    (await t.http().get('/api/notifications?pageSize=200').set(bearer(tenant.tokens.auditor)).expect(200)).body.items as { kind: string; entityId: string; data: { role: string } }[];

  it('invites a user created without a password: the link sets their password once, and the auditors are told of the grant', async () => {
    const email = unique('invited');
    const created = await t.http().post('/api/users').set(admin()).send({ email, name: 'Uitgenodigd', role: 'member', partnerId: tenant.partners.Politie }).expect(201);
    expect(created.body).toMatchObject({ pendingInvitation: true, invitation: { delivery: 'SHOWN', url: expect.stringContaining('/password-reset?token='), expiresAt: expect.any(String) } });
    const hours = (Date.parse(created.body.invitation.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    // Nobody can sign in before the invitation is used, and the row holds only a hash of the token.
    await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(401);
    const token = tokenOf(created.body.invitation.url);
    const stored = await t.app.get(TenantDb).system((em) => em.query(`SELECT token_hash FROM account_links WHERE user_id = $1`, [created.body.id]));
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);

    await t.http().post('/api/auth/password-reset').send({ token, password: 'short' }).expect(400);
    await t.http().post('/api/auth/password-reset').send({ token, password: 'my own chosen password' }).expect(204);
    await login(t, email, 'my own chosen password');
    const again = await t.http().post('/api/auth/password-reset').send({ token, password: 'a second try password' }).expect(400);
    const unknown = await t.http().post('/api/auth/password-reset').send({ token: 'x'.repeat(43), password: 'a second try password' }).expect(400);
    expect(again.body.detail).toBe(unknown.body.detail); // used or unknown: one answer
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
    const listed = await t.http().get(`/api/users/${created.body.id}`).set(admin()).expect(200);
    expect(listed.body.pendingInvitation).toBe(false);

    expect(await auditorNotifications()).toContainEqual(expect.objectContaining({ kind: 'user.role_granted', entityId: created.body.id, data: { role: 'member' } }));
  });

  it('refuses a password in PATCH and resets through a link that works once, ends sessions and old tokens, and expires', async () => {
    const email = unique('reset');
    const u = await t.http().post('/api/users').set(admin()).send({ email, name: 'Reset', role: 'member', partnerId: tenant.partners.OCMW, password: PASSWORD }).expect(201);
    const refused = await t.http().patch(`/api/users/${u.body.id}`).set(admin()).send({ password: 'another long password' }).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);

    const browser = await signInBrowser(t, email);
    const oldToken = await login(t, email);
    const reset = await t.http().post(`/api/users/${u.body.id}/password-reset`).set(admin()).expect(201);
    expect(reset.body).toMatchObject({ delivery: 'SHOWN', url: expect.any(String), expiresAt: expect.any(String) });
    for (const who of ['chair', 'casemanager', 'police', 'evaluator', 'auditor']) {
      await t.http().post(`/api/users/${u.body.id}/password-reset`).set(bearer(tenant.tokens[who])).expect(403);
    }
    // Issuing a link changes nothing yet.
    await t.http().get('/api/me').set(bearer(oldToken)).expect(200);

    await t.http().post('/api/auth/password-reset').send({ token: tokenOf(reset.body.url), password: 'a brand new password' }).expect(204);
    await t.http().get('/api/me').set(withCookie(browser)).expect(401);
    await t.http().get('/api/me').set(bearer(oldToken)).expect(401);
    await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(401);
    const fresh = await login(t, email, 'a brand new password');
    await t.http().get('/api/me').set(bearer(fresh)).expect(200);
    await t.http().post('/api/auth/password-reset').send({ token: tokenOf(reset.body.url), password: 'yet another password' }).expect(400);
    expect(await auditorNotifications()).toContainEqual(expect.objectContaining({ kind: 'user.password_reset', entityId: u.body.id }));

    // A link older than 24 hours is refused with the same answer.
    const late = await t.http().post(`/api/users/${u.body.id}/password-reset`).set(admin()).expect(201);
    await t.app.get(TenantDb).system((em) => em.query(`UPDATE account_links SET expires_at = now() - interval '1 minute' WHERE user_id = $1 AND used_at IS NULL`, [u.body.id]));
    const expired = await t.http().post('/api/auth/password-reset').send({ token: tokenOf(late.body.url), password: 'too late a password' }).expect(400);
    expect(expired.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
    await login(t, email, 'a brand new password');
  });

  it('notifies the auditors when a role that sees dossiers is granted, not for an evaluator', async () => {
    const u = await t.http().post('/api/users').set(admin()).send({ email: unique('eval'), name: 'Evaluator', role: 'evaluator' }).expect(201);
    expect((await auditorNotifications()).some((n) => n.entityId === u.body.id)).toBe(false);
    await t.http().patch(`/api/users/${u.body.id}`).set(admin()).send({ role: 'chair', partnerId: tenant.partners.Burgemeester }).expect(200);
    expect(await auditorNotifications()).toContainEqual(expect.objectContaining({ kind: 'user.role_granted', entityId: u.body.id, data: { role: 'chair' } }));
  });

  it('changes my own password: wrong current refused on its field, throttled; other sessions and tokens end, this session stays', async () => {
    const email = unique('own');
    await t.http().post('/api/users').set(admin()).send({ email, name: 'Eigen', role: 'member', partnerId: tenant.partners.Onderwijs, password: PASSWORD }).expect(201);
    const here = await signInBrowser(t, email);
    const elsewhere = await signInBrowser(t, email);
    const token = await login(t, email);

    const wrong = await t.http().post('/api/me/password').set(withCsrf(here)).send({ currentPassword: 'not my password', newPassword: 'my next long password' }).expect(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const short = await t.http().post('/api/me/password').set(withCsrf(here)).send({ currentPassword: PASSWORD, newPassword: 'short' }).expect(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    await t.http().get('/api/me').set(bearer(token)).expect(200);

    await t.http().post('/api/me/password').set(withCsrf(here)).send({ currentPassword: PASSWORD, newPassword: 'my next long password' }).expect(204);
    await t.http().get('/api/me').set(withCookie(here)).expect(200);
    await t.http().get('/api/me').set(withCookie(elsewhere)).expect(401);
    await t.http().get('/api/me').set(bearer(token)).expect(401);
    await login(t, email, 'my next long password');

    // Wrong current passwords count as failed sign-ins: the sixth attempt within the window is throttled.
    for (let i = 0; i < 5; i++) {
      await t.http().post('/api/me/password').set(withCsrf(here)).send({ currentPassword: `wrong ${i}`, newPassword: 'whatever long enough' }).expect(422);
    }
    await t.http().post('/api/me/password').set(withCsrf(here)).send({ currentPassword: 'my next long password', newPassword: 'whatever long enough' }).expect(429);
  });

  it('stores my preferred language, and audits these changes without the password', async () => {
    const me = await t.http().patch('/api/me').set(bearer(tenant.tokens.school)).send({ language: 'fr-BE' }).expect(200);
    expect(me.body).toMatchObject({ email: tenant.emails.school, language: 'fr-BE' });
    await t.http().patch('/api/me').set(bearer(tenant.tokens.school)).send({ language: 'en' }).expect(400);
    expect((await t.http().get('/api/me').set(bearer(tenant.tokens.school)).expect(200)).body.language).toBe('fr-BE');
    const rows: { action: string; details: unknown }[] = await t.app.get(TenantDb).system((em) =>
      em.query(`SELECT action, details FROM audit_events WHERE tenant_id = $1 AND action LIKE 'user.%'`, [tenant.tenantId]));
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['user.create', 'user.password-reset.issue', 'user.password.reset', 'user.invitation.accept', 'user.password.change', 'user.preferences.update']) expect(actions).toContain(a);
    expect(JSON.stringify(rows)).not.toMatch(/password"?\s*:\s*"|chosen password|brand new|next long/);
  });
});
