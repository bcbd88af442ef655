import type { Policy } from '@kernteam/access';

/** DESIGN.md §6, users column: admin manages; chair, casemanager and member read; evaluator and auditor nothing. */
export const userPolicy: Policy = (actor, { can }) => {
  const tenantId = actor.tenantId;
  if (actor.role === 'admin') can('manage', 'User', { tenantId });
  if (actor.role === 'chair' || actor.role === 'casemanager' || actor.role === 'member') can('read', 'User', { tenantId });
};
