import type { Policy } from '@kernteam/access';

/**
 * Transfers are the casemanagers' (DESIGN.md §6: casemanagement runs the dossier). A transfer has two tenants: the
 * sending LIVC reads and withdraws its own proposals, the receiving one reads and decides the ones sent to it. Which
 * event belongs to which side is the service's check (RECEIVER_EVENTS / SENDER_EVENTS). The "known elsewhere" query is
 * the casemanagers' too.
 */
export const transferPolicy: Policy = (actor, { can }) => {
  if (actor.role !== 'casemanager') return;
  const { tenantId } = actor;
  can('create', 'Transfer', { fromTenantId: tenantId });
  can('read', 'Transfer', { fromTenantId: tenantId });
  can('read', 'Transfer', { toTenantId: tenantId });
  can('transition', 'Transfer', { fromTenantId: tenantId });
  can('transition', 'Transfer', { toTenantId: tenantId });
  can('create', 'MatchQuery', { tenantId });
};
