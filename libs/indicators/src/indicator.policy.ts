import type { Policy } from '@kernteam/access';

/** DESIGN.md §6, plan / indicators column: evaluator, chair and casemanager read indicators; the others never. */
export const indicatorPolicy: Policy = (actor, { can }) => {
  if (actor.role === 'evaluator' || actor.role === 'chair' || actor.role === 'casemanager') {
    can('read', 'Indicator', { tenantId: actor.tenantId });
  }
};
