import type { Policy } from '@kernteam/access';

/**
 * Grant requests (four-eyes approval of watched-role grants and resets): the admins and the chair of the tenant see
 * and decide them. That the decider is not the requester (nor the account concerned) is a rule of the service (422).
 */
export const grantRequestPolicy: Policy = (actor, { can }) => {
  const { tenantId } = actor;
  if (actor.role === 'admin' || actor.role === 'chair') {
    can('read', 'GrantRequest', { tenantId });
    can('update', 'GrantRequest', { tenantId });
  }
};
