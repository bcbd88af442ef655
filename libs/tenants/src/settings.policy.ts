import type { Policy } from '@kernteam/access';

/** Tenant settings: every signed-in user of the tenant reads them (name, language, theme); the admin changes them. */
export const settingsPolicy: Policy = (actor, { can }) => {
  const { tenantId } = actor;
  can('read', 'Settings', { tenantId });
  if (actor.role === 'admin') can('update', 'Settings', { tenantId });
};
