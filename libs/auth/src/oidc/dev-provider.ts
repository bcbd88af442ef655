import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';

/** A person the development provider knows, by the login typed in its form (which is also their subject, `sub`). */
export interface DevAccount {
  email: string;
  emailVerified: boolean;
  name?: string;
  /** The authentication methods the ID token reports (`amr`, RFC 8176), e.g. `['pwd', 'mfa']`; none when unset. */
  amr?: string[];
}

export interface DevClient {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  jwks?: { keys: object[] };
}

export interface DevProviderOptions {
  issuer: string;
  clients: DevClient[];
  /** The account of a login, or undefined (the provider then asks again). */
  account: (login: string) => DevAccount | undefined | Promise<DevAccount | undefined>;
}

/**
 * A local OpenID provider (`oidc-provider` with its development login form: any login its `account` knows, any
 * password) for the demo (DEMO_OIDC=true) and the tests. Consent is granted without asking: the only clients are
 * Kernteam itself. Never for production: `npm start` refuses DEMO_OIDC when NODE_ENV=production.
 */
export function createDevProvider(options: DevProviderOptions) {
  // oidc-provider 9 is an ES module; Node 20.19+ require()s it. Loaded only when a development provider is wanted.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('oidc-provider');
  const Provider = mod.default ?? mod;
  const provider = new Provider(options.issuer, {
    clients: options.clients,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // `amr` with `openid`: how the person signed in goes into every ID token that has it, as a real provider reports it.
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    // The scopes' claims go into the ID token too, so the client needs no userinfo call.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: async (_ctx: unknown, id: string) => {
      const a = await options.account(id);
      if (!a) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: a.email, email_verified: a.emailVerified, name: a.name ?? a.email }) };
    },
    // First-party clients only: the grant the client asks for is given without a consent screen.
    loadExistingGrant: async (ctx: any) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    renderError: async (ctx: any, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="en"><title>Error</title><main><h1>${escape(out.error)}</h1><p>${escape(out.error_description ?? '')}</p></main></html>`;
    },
  });
  // The development login form finishes with the account only; the methods an account is said to have used go with it.
  const finish = provider.interactionFinished.bind(provider);
  provider.interactionFinished = async (req: unknown, res: unknown, result: any, opts: unknown) => {
    const amr = result?.login?.accountId ? (await options.account(result.login.accountId))?.amr : undefined;
    return finish(req, res, amr ? { ...result, login: { ...result.login, amr } } : result, opts);
  };
  // The demo runs over http on loopback; its cookies cannot be Secure there.
  provider.proxy = true;
  return {
    provider,
    listen: (port: number, host: string) =>
      new Promise<Server>((resolve, reject) => {
        const server = provider.listen(port, host) as Server;
        server.once('listening', () => resolve(server));
        server.once('error', reject);
      }),
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
