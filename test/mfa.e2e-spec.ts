import { TenantDb } from '@kernteam/persistence';
import { TenantsService } from '@kernteam/tenants';
import { bearer, login, PASSWORD, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { signInBrowser, withCookie, withCsrf } from './support/browser';
import { appCode } from './support/totp';

const WEAK = 'wachtwoord123';

describe('second factor (TOTP + recovery codes), required roles, password strength', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const db = () => t.app.get(TenantDb);
  const userId = async (email: string) => (await db().system((em) => em.query(`SELECT id FROM users WHERE email = $1`, [email])))[0].id as string;
  const auditActions = async (entityId: string) =>
    (await db().system((em) => em.query(`SELECT action, outcome, details FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [entityId]))) as { action: string; outcome: string; details: Record<string, unknown> }[];

  /** Enrols TOTP for the user behind `token`; answers the secret and the recovery codes. */
  const enrol = async (token: string) => {
    const started = await t.http().post('/api/me/totp/enrol').set(bearer(token)).expect(200);
    const confirmed = await t.http().post('/api/me/totp/confirm').set(bearer(token)).send({ code: appCode(started.body.secret) }).expect(200);
    return { secret: started.body.secret as string, recoveryCodes: confirmed.body.recoveryCodes as string[], enrolment: started.body };
  };
  const passwordStep = async (email: string, via: 'session' | 'login' = 'session') => {
    const res = await t.http().post(`/api/auth/${via}`).send({ email, password: PASSWORD }).expect(401);
    expect(res.body).toMatchObject({ type: 'urn:kernteam:problem:mfa-required', mfaRequired: true, challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(res.headers['set-cookie']).toBeUndefined();
    return res.body.challenge as string;
  };

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Mfa');
  });
  afterAll(() => t.close());

  it('enrols: secret, otpauth URI and an SVG QR code; nothing changes until a right code confirms; ten recovery codes once', async () => {
    const token = tenant.tokens.police;
    const before = await t.http().get('/api/me/totp').set(bearer(token)).expect(200);
    expect(before.body).toEqual({ enabled: false, enabledAt: null, required: false, recoveryCodesLeft: 0 });
    const started = await t.http().post('/api/me/totp/enrol').set(bearer(token)).expect(200);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Kernteam:.+\?secret=[A-Z2-7]{32}&issuer=Kernteam&algorithm=SHA1&digits=6&period=30$/);
    expect(started.body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // Signing in still needs only the password until the enrolment is confirmed.
    await login(t, tenant.emails.police);
    const wrong = await t.http().post('/api/me/totp/confirm').set(bearer(token)).send({ code: appCode(started.body.secret, 5) }).expect(400);
    expect(wrong.body.errors[0].field).toBe('code');
    const ok = await t.http().post('/api/me/totp/confirm').set(bearer(token)).send({ code: appCode(started.body.secret) }).expect(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.body.recoveryCodes).size).toBe(10);
    const [stored] = await db().system((em) => em.query(`SELECT totp_secret, (SELECT string_agg(code_hash, ',') FROM recovery_codes r WHERE r.user_id = u.id) AS hashes FROM users u WHERE email = $1`, [tenant.emails.police]));
    expect(stored.totp_secret).not.toContain(started.body.secret);
    for (const c of ok.body.recoveryCodes) expect(stored.hashes).not.toContain(c);
    const after = await t.http().get('/api/me/totp').set(bearer(token)).expect(200);
    expect(after.body).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    await t.http().post('/api/me/totp/enrol').set(bearer(token)).expect(409);
  });

  it('signs in with password then code (browser and bearer); the challenge is single-use and bound to the kind of sign-in', async () => {
    const email = tenant.emails.school;
    const [{ id }] = await db().system((em) => em.query(`SELECT id FROM users WHERE email = $1`, [email]));
    const { secret } = await enrol(tenant.tokens.school);
    const challenge = await passwordStep(email);
    // One code, kept: computed again later it would be the next step's whenever a 30-s step ends in between.
    const code = appCode(secret, 1);
    // A browser challenge does not complete a bearer sign-in.
    await t.http().post('/api/auth/login/totp').send({ challenge, code }).expect(401);
    const done = await t.http().post('/api/auth/session/totp').send({ challenge, code }).expect(200);
    expect(done.body).toMatchObject({ user: { email }, mfaEnrolmentRequired: false, csrfToken: expect.any(String) });
    const cookie = ([] as string[]).concat(done.headers['set-cookie'])[0].split(';')[0];
    await t.http().get('/api/me').set({ Cookie: cookie }).expect(200);
    // Used once: the same challenge is spent.
    const again = await t.http().post('/api/auth/session/totp').send({ challenge, code: appCode(secret, -1) }).expect(401);
    expect(again.body.type).toBe('urn:kernteam:problem:mfa-challenge-expired');
    // The same code is never accepted twice (replay), even with a fresh challenge; the next one is, 30 s later.
    const second = await passwordStep(email, 'login');
    await t.http().post('/api/auth/login/totp').send({ challenge: second, code }).expect(401);
    await db().system((em) => em.query(`UPDATE users SET totp_last_step = totp_last_step - 2 WHERE id = $1`, [id]));
    const token = await t.http().post('/api/auth/login/totp').send({ challenge: second, code: appCode(secret, 0) }).expect(200);
    await t.http().get('/api/me').set(bearer(token.body.accessToken)).expect(200);
    // An expired challenge is refused.
    const old = await passwordStep(email);
    await db().system((em) => em.query(`UPDATE mfa_challenges SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND used_at IS NULL`, [id]));
    await t.http().post('/api/auth/session/totp').send({ challenge: old, code: appCode(secret) }).expect(401);
    const actions = (await auditActions(id)).filter((a) => a.action.startsWith('auth.login'));
    expect(actions.some((a) => a.action === 'auth.login' && a.details.factor === 'totp')).toBe(true);
  });

  it('refuses a wrong code with a field error and throttles after five (429 with Retry-After)', async () => {
    const email = tenant.emails.ocmw;
    const { secret } = await enrol(tenant.tokens.ocmw);
    const challenge = await passwordStep(email);
    const wrong = String((Number(appCode(secret)) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 4; i++) {
      const res = await t.http().post('/api/auth/session/totp').send({ challenge, code: wrong }).expect(401);
      expect(res.body.errors).toEqual([{ field: 'code', message: expect.stringContaining('De code klopt niet') }]);
    }
    await t.http().post('/api/auth/session/totp').send({ challenge, code: wrong }).expect(401);
    const throttled = await t.http().post('/api/auth/session/totp').send({ challenge, code: appCode(secret) }).expect(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // The password step is throttled by the same counter.
    await t.http().post('/api/auth/session').send({ email, password: PASSWORD }).expect(429);
    const denied = (await auditActions(await userId(email))).filter((a) => a.action === 'auth.login' && a.outcome === 'DENIED');
    expect(denied.map((a) => a.details.reason)).toEqual(Array(5).fill('bad-second-factor'));
    await db().system((em) => em.query(`DELETE FROM login_throttle`));
  });

  it('accepts each recovery code once', async () => {
    const email = tenant.emails.evaluator;
    const { recoveryCodes } = await enrol(tenant.tokens.evaluator);
    const first = await passwordStep(email);
    // Typed in lower case without the dash: still the same code.
    await t.http().post('/api/auth/session/totp').send({ challenge: first, recoveryCode: recoveryCodes[3].toLowerCase().replace('-', ' ') }).expect(200);
    const second = await passwordStep(email);
    const reused = await t.http().post('/api/auth/session/totp').send({ challenge: second, recoveryCode: recoveryCodes[3] }).expect(401);
    expect(reused.body.errors[0].field).toBe('recoveryCode');
    await t.http().post('/api/auth/session/totp').send({ challenge: second, recoveryCode: recoveryCodes[4] }).expect(200);
    const token = await t.http().post('/api/auth/login/totp').send({ challenge: await passwordStep(email, 'login'), recoveryCode: recoveryCodes[5] }).expect(200);
    const status = await t.http().get('/api/me/totp').set(bearer(token.body.accessToken)).expect(200);
    expect(status.body.recoveryCodesLeft).toBe(7);
    await db().system((em) => em.query(`DELETE FROM login_throttle`));
  });

  it('sends a user of a required role to enrol first: only the enrolment routes answer until it is confirmed', async () => {
    const other = await seedTenant(t, 'Mfa required');
    const settings = await t.http().get('/api/settings').set(bearer(other.tokens.admin)).expect(200);
    expect(settings.body.mfaRequiredRoles).toEqual([]);
    const patched = await t.http().patch('/api/settings').set(bearer(other.tokens.admin))
      .send({ version: settings.body.version, mfaRequiredRoles: ['casemanager', 'admin', 'chair', 'auditor'] }).expect(200);
    expect(patched.body.mfaRequiredRoles).toEqual(['admin', 'chair', 'casemanager', 'auditor']);
    await t.http().patch('/api/settings').set(bearer(other.tokens.admin)).send({ version: patched.body.version, mfaRequiredRoles: ['root'] }).expect(400);

    const b = await signInBrowser(t, other.emails.casemanager);
    expect(b.body).toMatchObject({ mfaEnrolmentRequired: true });
    const blocked = await t.http().get('/api/dossiers').set(withCookie(b)).expect(403);
    expect(blocked.body.type).toBe('urn:kernteam:problem:mfa-enrolment-required');
    await t.http().post('/api/me/password').set(withCsrf(b)).send({ currentPassword: PASSWORD, newPassword: 'een heel ander wachtwoord 42' }).expect(403);
    await t.http().get('/api/me').set(withCookie(b)).expect(200);
    const abilities = await t.http().get('/api/me/abilities').set(withCookie(b)).expect(200);
    expect(abilities.body.rules).toEqual([]);
    const again = await t.http().get('/api/auth/session').set(withCookie(b)).expect(200);
    expect(again.body.mfaEnrolmentRequired).toBe(true);
    // A restricted bearer token too.
    const restricted = await t.http().post('/api/auth/login').send({ email: other.emails.casemanager, password: PASSWORD }).expect(200);
    expect(restricted.body.mfaEnrolmentRequired).toBe(true);
    await t.http().get('/api/dossiers').set(bearer(restricted.body.accessToken)).expect(403);
    // A role not in the list signs in as before.
    const member = await signInBrowser(t, other.emails.police);
    expect(member.body.mfaEnrolmentRequired).toBe(false);
    await t.http().get('/api/dossiers').set(withCookie(member)).expect(200);

    const started = await t.http().post('/api/me/totp/enrol').set(withCsrf(b)).expect(200);
    await t.http().post('/api/me/totp/confirm').set(withCsrf(b)).send({ code: appCode(started.body.secret) }).expect(200);
    await t.http().get('/api/dossiers').set(withCookie(b)).expect(200);
    expect((await t.http().get('/api/auth/session').set(withCookie(b)).expect(200)).body.mfaEnrolmentRequired).toBe(false);
    // The role requires it: turning it off is refused.
    const off = await t.http().post('/api/me/totp/disable').set(withCsrf(b)).send({ currentPassword: PASSWORD, code: appCode(started.body.secret, 1) }).expect(422);
    expect(off.body.type).toBe('urn:kernteam:problem:domain-rule');
    await passwordStep(other.emails.casemanager);
  });

  it('turns it off with the current password and a code', async () => {
    const other = await seedTenant(t, 'Mfa off');
    const { secret } = await enrol(other.tokens.chair);
    const wrongPassword = await t.http().post('/api/me/totp/disable').set(bearer(other.tokens.chair)).send({ currentPassword: 'not the password', code: appCode(secret, 1) }).expect(422);
    expect(wrongPassword.body.errors[0].field).toBe('currentPassword');
    await t.http().post('/api/me/totp/disable').set(bearer(other.tokens.chair)).send({ currentPassword: PASSWORD, code: '000000' }).expect(400);
    await t.http().post('/api/me/totp/disable').set(bearer(other.tokens.chair)).send({ currentPassword: PASSWORD, code: appCode(secret, 1) }).expect(204);
    await login(t, other.emails.chair);
    expect((await auditActions(await userId(other.emails.chair))).map((a) => a.action)).toEqual(expect.arrayContaining(['user.totp.enrol', 'user.totp.enable', 'user.totp.disable']));
  });

  it('an admin resets a lost second factor: audited, the auditors told, the user signs in with the password (and enrols again when required)', async () => {
    const other = await seedTenant(t, 'Mfa reset');
    await enrol(other.tokens.casemanager);
    const id = await userId(other.emails.casemanager);
    await passwordStep(other.emails.casemanager);
    await t.http().delete(`/api/users/${id}/totp`).set(bearer(other.tokens.chair)).expect(403);
    await t.http().delete(`/api/users/${id}/totp`).set(bearer(other.tokens.admin)).expect(204);
    await t.http().delete(`/api/users/${id}/totp`).set(bearer(other.tokens.admin)).expect(422);
    await login(t, other.emails.casemanager);
    expect((await auditActions(id)).filter((a) => a.action === 'user.totp.reset')).toEqual([{ action: 'user.totp.reset', outcome: 'ALLOWED', details: {} }]);
    const notes = await t.http().get('/api/notifications').set(bearer(other.tokens.auditor)).expect(200);
    const items = notes.body.items ?? notes.body;
    expect(items.some((n: { kind: string }) => n.kind === 'user.second_factor_reset')).toBe(true);
  });

  it('refuses weak and common passwords everywhere one is set, with the message in Dutch and French on the field', async () => {
    const expectWeak = (body: { errors: { field: string; message: string }[] }, field: string) => {
      expect(body.errors).toEqual([{ field, message: expect.stringContaining('te zwak') }]);
      expect(body.errors[0].message).toContain('trop faible');
    };
    // My own password.
    const change = await t.http().post('/api/me/password').set(bearer(tenant.tokens.auditor)).send({ currentPassword: PASSWORD, newPassword: WEAK }).expect(400);
    expectWeak(change.body, 'newPassword');
    // One made of my own name and tenant is weak too.
    const [{ name }] = await db().system((em) => em.query(`SELECT name FROM users WHERE email = $1`, [tenant.emails.auditor]));
    await t.http().post('/api/me/password').set(bearer(tenant.tokens.auditor)).send({ currentPassword: PASSWORD, newPassword: `${name}${name}`.slice(0, 16) }).expect(400);
    await login(t, tenant.emails.auditor);
    // An admin creating a user with a password.
    const created = await t.http().post('/api/users').set(bearer(tenant.tokens.admin))
      .send({ email: `weak.${Date.now()}@test.kernteam.be`, name: 'Zwak', role: 'evaluator', password: 'Welkom123456' }).expect(400);
    expectWeak(created.body, 'password');
    // An invitation and a reset link.
    const invited = await t.http().post('/api/users').set(bearer(tenant.tokens.admin)).send({ email: `inv.${Date.now()}@test.kernteam.be`, name: 'Genodigde', role: 'evaluator' }).expect(201);
    const token = new URL(invited.body.invitation.url).searchParams.get('token');
    expectWeak((await t.http().post('/api/auth/password-reset').send({ token, password: 'azertyuiop123' }).expect(400)).body, 'password');
    await t.http().post('/api/auth/password-reset').send({ token, password: 'Lange zin over de Schelde 1830' }).expect(204);
    const reset = await t.http().post(`/api/users/${invited.body.id}/password-reset`).set(bearer(tenant.tokens.admin)).expect(201);
    const resetToken = new URL(reset.body.url).searchParams.get('token');
    expectWeak((await t.http().post('/api/auth/password-reset').send({ token: resetToken, password: 'motdepasse1234' }).expect(400)).body, 'password');
    // Bootstrap (the operator's CLI).
    await expect(t.app.get(TenantsService).bootstrap(`Bootstrap ${Date.now()}`, 'beheer@gemeente.be', 'password1234')).rejects.toThrow(/too weak/);
    const boot = await t.app.get(TenantsService).bootstrap(`Bootstrap ${Date.now()}`, 'beheer@gemeente.be', 'demo-Zk3v9Qp0LmT7xW2y');
    // A bootstrapped tenant requires the second factor of the default roles.
    const [{ roles }] = await db().system((em) => em.query(`SELECT mfa_required_roles AS roles FROM tenants WHERE id = $1`, [boot.tenantId]));
    expect(roles).toEqual(['admin', 'auditor', 'casemanager', 'chair']);
  });
});
