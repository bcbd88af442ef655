import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDevProvider, DevAccount } from '@kernteam/auth';
import { TenantDb } from '@kernteam/persistence';
import { TenantsService } from '@kernteam/tenants';
import { bearer, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { appCode } from './support/totp';

// The redirect URI the provider sends the browser to; the test plays the browser and hands the query to the app.
const PUBLIC_URL = 'http://127.0.0.1:39517';
process.env.PUBLIC_URL = PUBLIC_URL;
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;
const SECRET = 'a client secret only the provider and the admin know';

/** A person's browser: cookies per origin (the app's and the provider's), as a browser keeps them. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(setCookie: string[] | string | undefined) {
    for (const c of ([] as string[]).concat(setCookie ?? [])) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.cookies.delete(pair.slice(0, eq).trim());
      else this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The issuer must be known before a provider is made: a free port first. */
async function freePort(): Promise<number> {
  const probe = await new Promise<Server>((r) => { const s = createServer(); s.listen(0, '127.0.0.1', () => r(s)); });
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  return port;
}

describe('OpenID Connect sign-in (code flow with PKCE against a real oidc-provider)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let server: Server;
  let issuer: string;
  let providerId: string;
  const accounts = new Map<string, DevAccount>();
  const db = () => t.app.get(TenantDb);
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateJwk = { ...jwk.privateKey.export({ format: 'jwk' }), kid: 'kernteam-test', alg: 'ES256' };

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'OIDC');
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    const provider = createDevProvider({
      issuer,
      clients: [
        { client_id: 'kernteam', client_secret: SECRET, redirect_uris: [CALLBACK], post_logout_redirect_uris: [`${PUBLIC_URL}/login`] },
      ],
      account: (login) => accounts.get(login),
    });
    server = await provider.listen(port, '127.0.0.1');
    const created = await t.http().post('/api/identity-providers').set(bearer(tenant.tokens.admin))
      .send({ displayName: 'Stad Gent', issuer, clientId: 'kernteam', clientAuth: 'client_secret_basic', secret: SECRET }).expect(201);
    providerId = created.body.id;
  });

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await t?.close();
  });

  /**
   * Plays the browser: start at Kernteam, the provider's login form (any password), back to Kernteam's callback.
   * Answers the callback's response (its Location) and the browser's cookies. `tamper` changes the authorization
   * URL or the callback query on the way, as an attacker in the middle would.
   */
  async function signIn(login: string, opts: { redirect?: string; provider?: string; tamperAuth?: (u: URL) => void; tamperCallback?: (q: URLSearchParams) => void } = {}) {
    const jar = new Jar();
    const start = await t.http().get(`/api/auth/oidc/${opts.provider ?? providerId}/start`).query(opts.redirect ? { redirect: opts.redirect } : {}).expect(302);
    jar.take(start.headers['set-cookie']);
    const auth = new URL(start.headers.location);
    opts.tamperAuth?.(auth);
    const providerJar = new Jar();
    let url = auth.href;
    let init: RequestInit = {};
    for (let hop = 0; hop < 10; hop++) {
      const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: providerJar.header() } });
      providerJar.take(res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (location?.startsWith(CALLBACK)) {
        const query = new URL(location).searchParams;
        opts.tamperCallback?.(query);
        const cb = await t.http().get(`/api/auth/oidc/callback?${query}`).set('Cookie', jar.header()).expect(302);
        jar.take(cb.headers['set-cookie']);
        return { location: cb.headers.location as string, jar, authUrl: auth };
      }
      if (location) {
        url = new URL(location, url).href;
        init = {};
        continue;
      }
      // The development login form: any login the provider knows, any password.
      const html = await res.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no form at ${url}: ${res.status} ${html.slice(0, 200)}`);
      url = new URL(action, url).href;
      init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString() };
    }
    throw new Error('too many redirects');
  }

  const auditRows = (action: string, since: Date) => db().system((em) => em.query(
    `SELECT actor_id, outcome, details FROM audit_events WHERE tenant_id = $1 AND action = $2 AND at >= $3 ORDER BY id`, [tenant.tenantId, action, since]));

  const sessionOf = (jar: Jar) => t.http().get('/api/auth/session').set('Cookie', jar.header());

  it('the admin API refuses other roles and never returns the secret', async () => {
    for (const who of ['casemanager', 'chair', 'auditor', 'evaluator'] as const) {
      await t.http().get('/api/identity-providers').set(bearer(tenant.tokens[who])).expect(403);
      await t.http().post('/api/identity-providers').set(bearer(tenant.tokens[who])).send({ displayName: 'X', issuer, clientId: 'x', clientAuth: 'client_secret_basic', secret: 'x' }).expect(403);
    }
    const list = await t.http().get('/api/identity-providers').set(bearer(tenant.tokens.admin)).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ id: providerId, displayName: 'Stad Gent', issuer, clientId: 'kernteam', redirectUri: CALLBACK, postLogoutRedirectUri: `${PUBLIC_URL}/login` })]);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
    expect(list.body[0]).not.toHaveProperty('secret');
    const patched = await t.http().patch(`/api/identity-providers/${providerId}`).set(bearer(tenant.tokens.admin)).send({ endSession: true }).expect(200);
    expect(JSON.stringify(patched.body)).not.toContain(SECRET);
    const [row] = await db().system((em) => em.query(`SELECT secret_enc FROM identity_providers WHERE id = $1`, [providerId]));
    expect(row.secret_enc).not.toContain(SECRET);
    // An http issuer is only for loopback; a private_key_jwt secret must be a private JWK.
    const bad = await t.http().post('/api/identity-providers').set(bearer(tenant.tokens.admin))
      .send({ displayName: 'Bad', issuer: 'http://idp.example.be', clientId: 'x', clientAuth: 'private_key_jwt', secret: 'not a key' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['issuer', 'secret']);
  });

  it('lists the sign-in buttons of a tenant by display name only', async () => {
    const res = await t.http().get('/api/auth/oidc/providers').query({ tenant: tenant.tenantId }).expect(200);
    expect(res.body).toEqual([{ id: providerId, displayName: 'Stad Gent', startUrl: `/api/auth/oidc/${providerId}/start` }]);
    // Without `tenant` the buttons show while only one LIVC signs in through providers; once a second one does, none.
    const withProviders = async () => (await db().system((em) =>
      em.query(`SELECT count(DISTINCT tenant_id)::int AS n FROM identity_providers WHERE active`)))[0].n as number;
    if ((await withProviders()) === 1) expect((await t.http().get('/api/auth/oidc/providers').expect(200)).body).toEqual(res.body);
    const other = await t.app.get(TenantsService).seedTenant(`OIDC other ${Date.now()}`, [], [], () => 'unused');
    await db().system((em) => em.query(
      `INSERT INTO identity_providers (tenant_id, display_name, issuer, client_id, client_auth, secret_enc, end_session, active)
       SELECT $1, 'Andere stad', issuer, client_id, client_auth, secret_enc, end_session, true FROM identity_providers WHERE id = $2`,
      [other.tenantId, providerId]));
    expect(await withProviders()).toBeGreaterThan(1);
    expect((await t.http().get('/api/auth/oidc/providers').expect(200)).body).toEqual([]);
    await t.http().get('/api/auth/oidc/providers').query({ tenant: 'not-a-uuid' }).expect(400);
  });

  it('the first time matches by verified e-mail and stores the subject; signs in to a same-site redirect with PKCE', async () => {
    const since = new Date();
    accounts.set('marie', { email: tenant.emails.casemanager.toUpperCase(), emailVerified: true });
    const { location, jar, authUrl } = await signIn('marie', { redirect: '/dossiers?state=OPEN' });
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authUrl.searchParams.get('nonce')).toBeTruthy();
    expect(location).toBe('/dossiers?state=OPEN');
    const session = await sessionOf(jar).expect(200);
    expect(session.body.user).toMatchObject({ email: tenant.emails.casemanager, role: 'casemanager' });
    const [identity] = await db().system((em) => em.query(`SELECT subject, user_id FROM user_identities WHERE provider_id = $1`, [providerId]));
    expect(identity).toEqual({ subject: 'marie', user_id: session.body.user.id });
    expect(await auditRows('auth.login', since)).toEqual([{ actor_id: session.body.user.id, outcome: 'ALLOWED', details: { via: 'oidc', provider: providerId } }]);
  });

  it('later matches by the stored subject, whatever address the provider now gives', async () => {
    accounts.set('marie', { email: 'marie.new@elders.example', emailVerified: false });
    const { location, jar } = await signIn('marie', { redirect: 'https://evil.example/' });
    expect(location).toBe('/'); // not a path of this site: the start page instead
    expect((await sessionOf(jar).expect(200)).body.user.email).toBe(tenant.emails.casemanager);
  });

  it('refuses an unknown person, an unverified address, an inactive user or partner, each with an audit row; creates nobody', async () => {
    const since = new Date();
    const [{ n: before }] = await db().system((em) => em.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1`, [tenant.tenantId]));
    accounts.set('stranger', { email: 'nobody@elders.example', emailVerified: true });
    const unknown = await signIn('stranger');
    expect(unknown.location).toBe('/login?reason=oidc-refused');
    await sessionOf(unknown.jar).expect(401);
    accounts.set('unverified', { email: tenant.emails.police, emailVerified: false });
    expect((await signIn('unverified')).location).toBe('/login?reason=oidc-refused');
    accounts.set('gone', { email: tenant.emails.ocmw, emailVerified: true });
    await db().system((em) => em.query(`UPDATE users SET active = false WHERE lower(email) = lower($1)`, [tenant.emails.ocmw]));
    expect((await signIn('gone')).location).toBe('/login?reason=oidc-refused');
    accounts.set('school', { email: tenant.emails.school, emailVerified: true });
    await db().system((em) => em.query(`UPDATE partners SET active = false WHERE id = $1`, [tenant.partners.Onderwijs]));
    expect((await signIn('school')).location).toBe('/login?reason=oidc-refused');
    const rows = await auditRows('auth.login', since);
    expect(rows.map((r: { outcome: string; details: { reason: string } }) => [r.outcome, r.details.reason]))
      .toEqual([['DENIED', 'unknown-account'], ['DENIED', 'email-not-verified'], ['DENIED', 'inactive'], ['DENIED', 'partner-inactive']]);
    const [{ n: after }] = await db().system((em) => em.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1`, [tenant.tenantId]));
    expect(after).toBe(before);
  });

  it('refuses a tampered state or nonce', async () => {
    const since = new Date();
    accounts.set('chair', { email: tenant.emails.chair, emailVerified: true });
    const state = await signIn('chair', { tamperCallback: (q) => q.set('state', `${q.get('state')}x`) });
    expect(state.location).toBe('/login?reason=oidc-failed');
    await sessionOf(state.jar).expect(401);
    // A nonce changed on the way to the provider comes back in the ID token: it is not the one of this browser.
    const nonce = await signIn('chair', { tamperAuth: (u) => u.searchParams.set('nonce', 'attacker-nonce') });
    expect(nonce.location).toBe('/login?reason=oidc-failed');
    await sessionOf(nonce.jar).expect(401);
    const rows = await auditRows('auth.login', since);
    expect(rows.map((r: { details: { reason: string } }) => r.details.reason)).toEqual(['state', 'token']);
    const [linked] = await db().system((em) => em.query(`SELECT 1 FROM user_identities WHERE subject = 'chair'`));
    expect(linked).toBeUndefined();
  });

  it("signs out at Kernteam and continues at the provider's end-session with id_token_hint", async () => {
    accounts.set('marie', { email: tenant.emails.casemanager, emailVerified: true });
    const { jar } = await signIn('marie');
    const { body: { csrfToken } } = await sessionOf(jar).expect(200);
    const out = await t.http().post('/api/auth/oidc/logout').set({ Cookie: jar.header(), 'X-CSRF-Token': csrfToken }).expect(200);
    const end = new URL(out.body.redirectTo);
    expect(`${end.origin}${end.pathname}`).toBe(`${issuer}/session/end`);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/login`);
    expect(end.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    await sessionOf(jar).expect(401);
    // The provider accepts the hint: it asks to confirm the sign-out there (not an error page).
    const confirm = await fetch(end);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('logout');
  });

  it('a password session signs out to the login page', async () => {
    const res = await t.http().post('/api/auth/session').send({ email: tenant.emails.admin, password: 'correct horse battery staple' }).expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'])[0].split(';')[0];
    const out = await t.http().post('/api/auth/oidc/logout').set({ Cookie: cookie, 'X-CSRF-Token': res.body.csrfToken }).expect(200);
    expect(out.body).toEqual({ redirectTo: '/login' });
  });

  it('signs in with private_key_jwt client authentication (the provider in a process of its own)', async () => {
    const port = await freePort();
    const childIssuer = `http://127.0.0.1:${port}`;
    const publicJwk = { ...jwk.publicKey.export({ format: 'jwk' }), kid: 'kernteam-test', alg: 'ES256', use: 'sig' };
    const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'support/oidc-provider-child.mjs')], {
      env: { ...process.env, OIDC_CHILD: JSON.stringify({ issuer: childIssuer, port, clients: [{
        client_id: 'kernteam-jwt', token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'ES256', jwks: { keys: [publicJwk] },
        redirect_uris: [CALLBACK], post_logout_redirect_uris: [`${PUBLIC_URL}/login`] }] }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`provider exited ${code}`)));
      });
      const created = await t.http().post('/api/identity-providers').set(bearer(tenant.tokens.admin))
        .send({ displayName: 'Stad Gent (sleutel, proces)', issuer: childIssuer, clientId: 'kernteam-jwt', clientAuth: 'private_key_jwt', secret: JSON.stringify(privateJwk) }).expect(201);
      const { location, jar } = await signIn(tenant.emails.evaluator, { provider: created.body.id });
      expect(location).toBe('/');
      expect((await sessionOf(jar).expect(200)).body.user.email).toBe(tenant.emails.evaluator);
    } finally {
      child.kill();
    }
  });

  it('asks for the second factor a password sign-in asks for, unless the provider says it checked one (amr)', async () => {
    const since = new Date();
    await db().system((em) => em.query(`UPDATE tenants SET mfa_required_roles = '{casemanager,chair}' WHERE id = $1`, [tenant.tenantId]));
    try {
      // A role that needs a second factor, none enrolled, one factor at the provider: a session that may only enrol.
      accounts.set('marie', { email: tenant.emails.casemanager, emailVerified: true, amr: ['pwd', 'kba'] });
      const restricted = await signIn('marie', { redirect: '/dossiers' });
      expect(restricted.location).toBe('/dossiers');
      expect((await sessionOf(restricted.jar).expect(200)).body.mfaEnrolmentRequired).toBe(true);
      const blocked = await t.http().get('/api/dossiers').set('Cookie', restricted.jar.header()).expect(403);
      expect(blocked.body.type).toBe('urn:kernteam:problem:mfa-enrolment-required');
      // Two kinds of factor at the provider: a whole session.
      accounts.set('marie', { email: tenant.emails.casemanager, emailVerified: true, amr: ['pwd', 'otp'] });
      const full = await signIn('marie');
      expect((await sessionOf(full.jar).expect(200)).body.mfaEnrolmentRequired).toBe(false);
      await t.http().get('/api/dossiers').set('Cookie', full.jar.header()).expect(200);

      // An enrolled user: the provider's word on the person is not enough, the code is asked as after a password.
      const started = await t.http().post('/api/me/totp/enrol').set(bearer(tenant.tokens.chair)).expect(200);
      await t.http().post('/api/me/totp/confirm').set(bearer(tenant.tokens.chair)).send({ code: appCode(started.body.secret) }).expect(200);
      accounts.set('chair', { email: tenant.emails.chair, emailVerified: true });
      const step = await signIn('chair', { redirect: '/meetings' });
      const [path, fragment] = step.location.split('#');
      expect(path).toBe('/login?redirect=%2Fmeetings');
      const challenge = new URLSearchParams(fragment).get('challenge');
      expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await sessionOf(step.jar).expect(401); // no session before the code
      await t.http().post('/api/auth/session/totp').send({ challenge, code: '000000' }).expect(401);
      const done = await t.http().post('/api/auth/session/totp').send({ challenge, code: appCode(started.body.secret, 1) }).expect(200);
      expect(done.body.user.email).toBe(tenant.emails.chair);
      // The provider reports multi-factor authentication: signed in without the code.
      accounts.set('chair', { email: tenant.emails.chair, emailVerified: true, amr: ['mfa', 'pwd'] });
      const direct = await signIn('chair');
      expect(direct.location).toBe('/');
      expect((await sessionOf(direct.jar).expect(200)).body.mfaEnrolmentRequired).toBe(false);

      const rows = [...await auditRows('auth.login', since), ...await auditRows('auth.login.provider', since)];
      const casemanager = (await sessionOf(full.jar)).body.user.id;
      const chair = done.body.user.id;
      expect(rows).toEqual(expect.arrayContaining([
        { actor_id: casemanager, outcome: 'ALLOWED', details: { via: 'oidc', provider: providerId, restriction: 'mfa-enrolment' } },
        { actor_id: casemanager, outcome: 'ALLOWED', details: { via: 'oidc', provider: providerId, factor: 'provider' } },
        { actor_id: chair, outcome: 'ALLOWED', details: { via: 'oidc', provider: providerId } }, // auth.login.provider: the first step
        { actor_id: chair, outcome: 'DENIED', details: { via: 'session', reason: 'bad-second-factor' } },
        { actor_id: chair, outcome: 'ALLOWED', details: { via: 'session', factor: 'totp' } },
        { actor_id: chair, outcome: 'ALLOWED', details: { via: 'oidc', provider: providerId, factor: 'provider' } },
      ]));
      expect(rows).toHaveLength(6);
    } finally {
      await db().system((em) => em.query(`UPDATE tenants SET mfa_required_roles = '{}' WHERE id = $1`, [tenant.tenantId]));
    }
  });

  it('keeps a private JWK write-only; a deleted provider no longer starts a sign-in', async () => {
    const created = await t.http().post('/api/identity-providers').set(bearer(tenant.tokens.admin))
      .send({ displayName: 'Stad Gent (sleutel)', issuer, clientId: 'kernteam-jwt', clientAuth: 'private_key_jwt', secret: JSON.stringify(privateJwk) }).expect(201);
    expect(JSON.stringify(created.body)).not.toContain(String(privateJwk.d));
    expect(created.body).toMatchObject({ clientAuth: 'private_key_jwt', active: true, endSession: true });
    await t.http().delete(`/api/identity-providers/${created.body.id}`).set(bearer(tenant.tokens.admin)).expect(204);
    await t.http().get(`/api/identity-providers/${created.body.id}`).set(bearer(tenant.tokens.admin)).expect(404);
    expect((await t.http().get(`/api/auth/oidc/${created.body.id}/start`).expect(302)).headers.location).toBe('/login?reason=oidc-failed');
  });
});
