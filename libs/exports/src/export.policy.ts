import type { Policy } from '@kernteam/access';

/** DESIGN.md §6: exports (anonymised, to the plan) are the evaluator's; chair and casemanager read indicators only. */
export const exportPolicy: Policy = (actor, { can }) => {
  if (actor.role === 'evaluator') {
    can('create', 'Export', { tenantId: actor.tenantId });
    can('read', 'Export', { tenantId: actor.tenantId });
  }
};
