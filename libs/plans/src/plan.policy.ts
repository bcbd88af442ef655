import type { Policy } from '@kernteam/access';

/** DESIGN.md §6, plan / indicators column: the evaluator manages the plan; chair and casemanager read it. */
export const planPolicy: Policy = (actor, { can }) => {
  const tenantId = actor.tenantId;
  if (actor.role === 'evaluator') can('manage', 'Plan', { tenantId });
  if (actor.role === 'chair' || actor.role === 'casemanager') can('read', 'Plan', { tenantId });
};
