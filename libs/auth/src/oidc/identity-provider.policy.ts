import type { Policy } from '@kernteam/access';

/** Only the tenant's admin configures its identity providers; nobody else sees them (the login page gets names only). */
export const identityProviderPolicy: Policy = (actor, { can }) => {
  if (actor.role === 'admin') can('manage', 'IdentityProvider', { tenantId: actor.tenantId });
};
