import type { Policy } from '@kernteam/access';

/** DESIGN.md §6 + API.md: every signed-in user reads the partners of their tenant; only the admin manages them. */
export const partnerPolicy: Policy = (actor, { can }) => {
  can('read', 'Partner', { tenantId: actor.tenantId });
  if (actor.role === 'admin') can('manage', 'Partner', { tenantId: actor.tenantId });
};
