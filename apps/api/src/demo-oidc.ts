import { INestApplicationContext, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { callbackUrl, createDevProvider, IdentityProvidersService, postLogoutUrl } from '@kernteam/auth';
import { RuntimeConfig, StartRefused, TenantDb } from '@kernteam/persistence';
import { DEMO_TENANT } from '@kernteam/tenants';

export const DEMO_IDP_NAME = 'Demo-IdP';

/** DEMO_OIDC=true is for a demo on this machine only: refused in production, before anything starts. */
export function checkDemoOidc(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DEMO_OIDC !== 'true') return false;
  if (env.NODE_ENV === 'production') throw new StartRefused('DEMO_OIDC=true starts a development identity provider: refused with NODE_ENV=production.');
  return true;
}

/**
 * With DEMO_OIDC=true: a local OpenID provider (oidc-provider with its development login form) on loopback, port
 * DEMO_OIDC_PORT or PORT+1, that knows every address (a demo e-mail address signs in with any password; another
 * address is refused by Kernteam, which shows the refusal), registered as the demo tenant's provider with a fresh
 * client secret on every start.
 */
export async function startDemoOidc(app: INestApplicationContext, cfg: RuntimeConfig): Promise<Server | undefined> {
  if (!checkDemoOidc()) return undefined;
  const logger = new Logger('DemoOIDC');
  const db = app.get(TenantDb);
  const [tenant] = await db.system((em) => em.query(`SELECT id FROM tenants WHERE name = $1`, [DEMO_TENANT]));
  if (!tenant) {
    logger.warn(`DEMO_OIDC: no demo tenant "${DEMO_TENANT}" (run seed-demo): no demo identity provider`);
    return undefined;
  }
  const port = Number(process.env.DEMO_OIDC_PORT) || cfg.port + 1;
  const publicHost = new URL(cfg.publicUrl).hostname;
  // Same host name as the app, so the browser treats both as one site; loopback only.
  const host = publicHost === 'localhost' ? 'localhost' : '127.0.0.1';
  const issuer = `http://${host}:${port}`;
  const secret = randomBytes(32).toString('base64url');
  const clientId = 'kernteam-demo';
  const dev = createDevProvider({
    issuer,
    clients: [{ client_id: clientId, client_secret: secret, redirect_uris: [callbackUrl()], post_logout_redirect_uris: [postLogoutUrl()] }],
    account: (login) => (/^[^@\s]+@[^@\s]+$/.test(login) ? { email: login.toLowerCase(), emailVerified: true } : undefined),
  });
  const server = await dev.listen(port, '127.0.0.1');
  const sealed = app.get(IdentityProvidersService).box.seal(secret);
  await db.system((em) => em.query(
    `INSERT INTO identity_providers (tenant_id, display_name, issuer, client_id, client_auth, secret_enc, end_session, active)
     VALUES ($1, $2, $3, $4, 'client_secret_basic', $5, true, true)
     ON CONFLICT (tenant_id, display_name) DO UPDATE
       SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id, client_auth = EXCLUDED.client_auth, secret_enc = EXCLUDED.secret_enc,
           active = true, version = identity_providers.version + 1, updated_at = now()`,
    [tenant.id, DEMO_IDP_NAME, issuer, clientId, sealed],
  ));
  process.stdout.write(`\nDemo identity provider "${DEMO_IDP_NAME}" at ${issuer}: on the login page choose "Aanmelden met ${DEMO_IDP_NAME}",\n`
    + `then sign in there with a demo e-mail address above and any password (development login form).\n\n`);
  return server;
}
