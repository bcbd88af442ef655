// An oidc-provider in a process of its own, for what Jest's sandbox cannot run in process: its checks of client keys
// (private_key_jwt) compare Uint8Arrays across realms and fail there. Same settings as libs/auth/src/oidc/dev-provider.ts
// (development login form, consent granted, claims in the ID token). Config from OIDC_CHILD (JSON); prints "ready".
import Provider from 'oidc-provider';

const { issuer, port, clients } = JSON.parse(process.env.OIDC_CHILD);
const provider = new Provider(issuer, {
  clients,
  cookies: { keys: ['child-provider-cookie-key-for-tests-only'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  findAccount: async (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, email: id, email_verified: true, name: id }) }),
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});
provider.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
