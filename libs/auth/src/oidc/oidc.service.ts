import { Injectable, Logger } from '@nestjs/common';
import { webcrypto } from 'node:crypto';
import { AuditService } from '@kernteam/audit';
import { TenantDb } from '@kernteam/persistence';
import { User } from '@kernteam/users';
import { MfaService } from '../mfa.service';
import { SessionService } from '../session.service';
import { callbackUrl, IdentityProviderRow, IdentityProvidersService, isLoopbackHttp, postLogoutUrl } from './identity-providers.service';
import type { SignInProviderView } from './identity-provider.dto';
import { openid } from './openid';
import { SecretBox } from './secret-box';

type Configuration = InstanceType<ReturnType<typeof openid>['Configuration']>;

/** What the browser keeps between start and callback: in an encrypted, HttpOnly, 10-minute cookie, never in the URL. */
export interface OidcTransaction {
  providerId: string;
  state: string;
  nonce: string;
  verifier: string;
  redirect: string;
  expiresAt: number;
}

export const TRANSACTION_SECONDS = 600;

/** Why a provider sign-in did not sign anybody in: the person (`refused`) or the exchange (`failed`). */
export type OidcRefusal =
  | 'unknown-account' | 'email-not-verified' | 'inactive' | 'partner-inactive' // refused: the person has no usable Kernteam account
  | 'no-transaction' | 'state' | 'provider-error' | 'token' | 'provider-unavailable'; // failed: the exchange itself

/**
 * Authentication methods (RFC 8176 `amr` values) by kind of factor: something known, something held, something one is.
 * A provider sign-in counts as a second factor when its `amr` says `mfa`, or names methods of two different kinds
 * (`pwd` + `otp`, `pin` + `hwk`, `face` + `swk`); two methods of one kind (`pwd` + `kba`) are one factor.
 */
const FACTOR_KIND: Record<string, 'knows' | 'has' | 'is'> = {
  pwd: 'knows', pin: 'knows', kba: 'knows',
  otp: 'has', hwk: 'has', swk: 'has', sc: 'has', sms: 'has', tel: 'has', pop: 'has',
  fpt: 'is', face: 'is', iris: 'is', retina: 'is', vbm: 'is',
};

export function providerCheckedSecondFactor(amr: unknown): boolean {
  if (!Array.isArray(amr)) return false;
  if (amr.includes('mfa')) return true;
  return new Set(amr.map((m) => (typeof m === 'string' ? FACTOR_KIND[m] : undefined)).filter(Boolean)).size >= 2;
}

/** A finished callback: a browser session, or (the user has a second factor the provider did not check) its challenge. */
export type OidcCallbackResult =
  | { sessionId: string; redirect: string; expiresAt: Date }
  | { challenge: string; redirect: string };

export const isPersonRefusal = (r: OidcRefusal) => ['unknown-account', 'email-not-verified', 'inactive', 'partner-inactive'].includes(r);

export class OidcRefused extends Error {
  constructor(readonly reason: OidcRefusal) {
    super(`OIDC sign-in refused: ${reason}`);
  }
}

/** A path of this site only: one leading slash, no scheme or host, no backslash or control characters. */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500 || !value.startsWith('/') || value.startsWith('//')) return '/';
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  try {
    const u = new URL(value, 'http://kernteam.invalid');
    if (u.origin !== 'http://kernteam.invalid') return '/';
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return '/';
  }
}

const CONFIG_TTL_MS = 60 * 60 * 1000;

/**
 * The provider vouches for the address: `email_verified: true`; or, from Microsoft Entra ID, which sends no
 * `email_verified`, its optional claim `xms_edov` (the address's domain is verified by the tenant that owns it).
 */
export function emailVerified(claims: Record<string, unknown>): boolean {
  if (claims.email_verified !== undefined) return claims.email_verified === true;
  return claims.xms_edov === true || claims.xms_edov === 1 || claims.xms_edov === '1' || claims.xms_edov === 'true';
}

/**
 * OpenID Connect sign-in (authorization code with PKCE, `state` and `nonce`, server side, openid-client 6): the person
 * is matched to a Kernteam user of the provider's tenant by the stored subject, or the first time by a verified
 * e-mail address (then the subject is stored). There is no self-registration; roles stay in Kernteam.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');
  private readonly configs = new Map<string, { key: string; at: number; config: Configuration }>();
  readonly transactions = new SecretBox('oidc transaction');
  private readonly idTokens = new SecretBox('oidc id tokens');

  constructor(
    private readonly db: TenantDb, private readonly providers: IdentityProvidersService, private readonly sessions: SessionService, private readonly audit: AuditService,
    private readonly mfa: MfaService,
  ) {}

  /** The sign-in buttons: one tenant's active providers; without `tenant` only when the deployment has one tenant. */
  async signInProviders(tenant?: string): Promise<SignInProviderView[]> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (tenant !== undefined && !uuid.test(tenant)) return [];
    const rows: { id: string; display_name: string }[] = await this.db.system((em) => tenant
      ? em.query(`SELECT id, display_name FROM identity_providers WHERE active AND tenant_id = $1 ORDER BY display_name`, [tenant.toLowerCase()])
      : em.query(
        // Only one LIVC of the deployment signs in through providers (a city with a demo or a second LIVC beside it):
        // its buttons show; with several, the login URL names the LIVC (`?tenant=`), so no LIVC sees another's.
        `SELECT id, display_name FROM identity_providers
          WHERE active AND (SELECT count(DISTINCT tenant_id) FROM identity_providers WHERE active) = 1 ORDER BY display_name`));
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, startUrl: `/api/auth/oidc/${r.id}/start` }));
  }

  /** The provider's authorization URL and the transaction the browser keeps; null for an unknown or inactive provider. */
  async start(providerId: string, redirect: unknown): Promise<{ url: string; transaction: string } | null> {
    const row = await this.activeRow(providerId);
    if (!row) return null;
    const oc = openid();
    const config = await this.config(row);
    const verifier = oc.randomPKCECodeVerifier();
    const tx: OidcTransaction = {
      providerId: row.id, state: oc.randomState(), nonce: oc.randomNonce(), verifier, redirect: safeRedirect(redirect), expiresAt: Date.now() + TRANSACTION_SECONDS * 1000,
    };
    const url = oc.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl(), scope: 'openid email profile', response_type: 'code', state: tx.state, nonce: tx.nonce,
      code_challenge: await oc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    return { url: url.href, transaction: this.transactions.seal(JSON.stringify(tx)) };
  }

  /**
   * The callback: checks the transaction (state), exchanges the code (PKCE verifier, ID token signature, issuer,
   * audience, nonce), matches the person and starts a browser session like the password sign-in does. Every outcome
   * is audited (`auth.login` with `via: 'oidc'`).
   *
   * The second factor is the password sign-in's too: a user who enrolled one answers its challenge after the provider
   * (`POST /api/auth/session/totp`), and a user whose role the tenant requires one for, without one, gets a session
   * restricted to the enrolment — unless the provider's ID token says it checked a second factor itself
   * ({@link providerCheckedSecondFactor}).
   */
  async callback(query: string, sealed: string | undefined, ip: string, previous?: string, userAgent?: string | null): Promise<OidcCallbackResult> {
    const tx = this.readTransaction(sealed);
    const row = tx ? await this.activeRow(tx.providerId) : null;
    const params = new URLSearchParams(query);
    const fail = async (reason: OidcRefusal, user?: { id: string; tenantId: string }): Promise<never> => {
      await this.db.system((em) => this.audit.append(em, {
        tenantId: user?.tenantId ?? row?.tenant_id ?? null, actorId: user?.id ?? null, action: 'auth.login', entityType: user ? 'User' : null, entityId: user?.id ?? null,
        outcome: 'DENIED', ip, details: { via: 'oidc', reason, ...(row ? { provider: row.id } : {}) },
      }));
      throw new OidcRefused(reason);
    };
    if (!tx || !row) return fail('no-transaction');
    if (params.get('state') !== tx.state) return fail('state');
    if (params.has('error')) return fail('provider-error');
    const oc = openid();
    let claims: Record<string, unknown>;
    let idToken: string | undefined;
    try {
      const config = await this.config(row);
      const tokens = await oc.authorizationCodeGrant(config, new URL(`${callbackUrl()}?${params.toString()}`), {
        pkceCodeVerifier: tx.verifier, expectedState: tx.state, expectedNonce: tx.nonce, idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      idToken = tokens.id_token;
      // Some providers put the e-mail address only in userinfo (the subject must be the same: openid-client checks).
      if (claims.email === undefined && config.serverMetadata().userinfo_endpoint) {
        claims = { ...(await oc.fetchUserInfo(config, tokens.access_token, String(claims.sub))), ...claims };
      }
    } catch (e) {
      // The error's code only (never the response body: it may hold personal data).
      this.logger.warn(`token exchange refused for provider ${row.id}: ${(e as { code?: string }).code ?? (e as Error).name}`);
      return fail('token');
    }
    const subject = String(claims.sub);
    const user = await this.match(row, subject, claims);
    if (typeof user === 'string') return fail(user);
    if (!user.active) return fail('inactive', user);
    if (user.partnerId) {
      const [partner] = await this.db.system((em) => em.query(`SELECT active FROM partners WHERE id = $1 AND tenant_id = $2`, [user.partnerId, user.tenantId]));
      if (!partner?.active) return fail('partner-inactive', user);
    }
    const byProvider = providerCheckedSecondFactor(claims.amr);
    return this.db.system(async (em): Promise<OidcCallbackResult> => {
      await em.query(
        `INSERT INTO user_identities (tenant_id, provider_id, user_id, subject) VALUES ($1, $2, $3, $4)
         ON CONFLICT (provider_id, subject) DO UPDATE SET last_used_at = now()`,
        [row.tenant_id, row.id, user.id, subject],
      );
      const [mfa]: { enrolled: boolean; required: boolean }[] = await em.query(
        `SELECT u.totp_enabled_at IS NOT NULL AS enrolled, u.role = ANY(t.mfa_required_roles) AS required
           FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.id = $1`, [user.id]);
      const base = { via: 'oidc', provider: row.id };
      if (mfa.enrolled && !byProvider) {
        // The provider proved who this is, as a right password does; the sign-in is done with the user's own code.
        await this.audit.append(em, { tenantId: user.tenantId, actorId: user.id, action: 'auth.login.provider', entityType: 'User', entityId: user.id, outcome: 'ALLOWED', ip, details: base });
        const { challenge } = await this.mfa.issueChallenge(em, user, 'session');
        return { challenge, redirect: tx.redirect };
      }
      const restriction = mfa.required && !byProvider ? 'mfa-enrolment' : null;
      await this.audit.append(em, {
        tenantId: user.tenantId, actorId: user.id, action: 'auth.login', entityType: 'User', entityId: user.id, outcome: 'ALLOWED', ip,
        details: { ...base, ...(byProvider ? { factor: 'provider' } : {}), ...(restriction ? { restriction } : {}) },
      });
      if (previous) await this.sessions.endByCookie(previous, em);
      const sessionId = this.sessions.newId();
      // Listed in the user's sessions like a password sign-in's (browser and address).
      const session = await this.sessions.create(em, user, sessionId, { ip, userAgent: userAgent ?? null, restriction });
      if (idToken && row.end_session) {
        await em.query(`INSERT INTO oidc_sessions (session_id, tenant_id, provider_id, id_token_enc) VALUES ($1, $2, $3, $4)`,
          [session.id, row.tenant_id, row.id, this.idTokens.seal(idToken)]);
      }
      return { sessionId, redirect: tx.redirect, expiresAt: session.expiresAt };
    });
  }

  /** Where sign-out of this session continues: the provider's end-session URL when it has one, else the login page. */
  async logoutTarget(sessionRowId: string): Promise<string> {
    const [row] = await this.db.system((em) => em.query(
      `SELECT p.*, o.id_token_enc FROM oidc_sessions o JOIN identity_providers p ON p.id = o.provider_id AND p.tenant_id = o.tenant_id
        WHERE o.session_id = $1 AND p.end_session`, [sessionRowId]));
    if (!row) return '/login';
    const idToken = this.idTokens.open(row.id_token_enc);
    try {
      const config = await this.config(row);
      if (!idToken || !config.serverMetadata().end_session_endpoint) return '/login';
      return openid().buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutUrl() }).href;
    } catch {
      return '/login';
    }
  }

  readTransaction(sealed: string | undefined): OidcTransaction | null {
    const plain = sealed ? this.transactions.open(sealed) : null;
    if (!plain) return null;
    try {
      const tx = JSON.parse(plain) as OidcTransaction;
      return tx.expiresAt > Date.now() ? tx : null;
    } catch {
      return null;
    }
  }

  /** The user of this subject, or the first time the one user of the tenant with this verified address; else why not. */
  private async match(row: IdentityProviderRow, subject: string, claims: Record<string, unknown>): Promise<User | OidcRefusal> {
    return this.db.system(async (em) => {
      const users = em.getRepository(User);
      const [known] = await em.query(`SELECT user_id FROM user_identities WHERE provider_id = $1 AND subject = $2`, [row.id, subject]);
      if (known) return (await users.findOneBy({ id: known.user_id, tenantId: row.tenant_id })) ?? 'unknown-account';
      const email = typeof claims.email === 'string' ? claims.email : undefined;
      if (!email) return 'unknown-account';
      // Only the provider's word that the address is verified makes it a match (Entra: see README on `email`).
      if (!emailVerified(claims)) return 'email-not-verified';
      const user = await users.createQueryBuilder('u').where('lower(u.email) = lower(:email) AND u.tenant_id = :tenantId', { email, tenantId: row.tenant_id }).getOne();
      if (!user) return 'unknown-account';
      // A user already linked to another subject of this provider is not taken over by a second one with the same address.
      const [linked] = await em.query(`SELECT 1 FROM user_identities WHERE provider_id = $1 AND user_id = $2`, [row.id, user.id]);
      return linked ? 'unknown-account' : user;
    });
  }

  private async activeRow(providerId: string): Promise<IdentityProviderRow | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(providerId)) return null;
    const [row] = await this.db.system((em) => em.query(`SELECT * FROM identity_providers WHERE id = $1 AND active`, [providerId.toLowerCase()]));
    return row ?? null;
  }

  /** The provider's discovered configuration with its client authentication, kept an hour and renewed when the row changes. */
  private async config(row: IdentityProviderRow): Promise<Configuration> {
    const key = `${row.version}:${new Date(row.updated_at).getTime()}`;
    const cached = this.configs.get(row.id);
    if (cached && cached.key === key && Date.now() - cached.at < CONFIG_TTL_MS) return cached.config;
    const oc = openid();
    const secret = this.providers.box.open(row.secret_enc);
    if (secret === null) throw new Error('the identity provider secret cannot be read (was AUTH_SECRET changed?)');
    const auth = row.client_auth === 'private_key_jwt'
      ? oc.PrivateKeyJwt(await privateKey(JSON.parse(secret)))
      : row.client_auth === 'client_secret_post' ? oc.ClientSecretPost(secret) : oc.ClientSecretBasic(secret);
    const issuer = new URL(row.issuer);
    const config = await oc.discovery(issuer, row.client_id, undefined, auth, isLoopbackHttp(issuer) ? { execute: [oc.allowInsecureRequests] } : undefined);
    this.configs.set(row.id, { key, at: Date.now(), config });
    return config;
  }
}

type SubtleKey = Awaited<ReturnType<typeof webcrypto.subtle.importKey>>;
const JWK_ALGS: Record<string, webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams> = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
};

async function privateKey(jwk: webcrypto.JsonWebKey & { kid: string; alg: string }): Promise<{ key: SubtleKey; kid: string }> {
  return { key: await webcrypto.subtle.importKey('jwk', jwk, JWK_ALGS[jwk.alg], false, ['sign']), kid: jwk.kid };
}
