import type { Policy } from '@kernteam/access';

/** DESIGN.md §6: only the auditor (DPO) reads the audit trail and verifies its chain; nobody changes it. */
export const auditPolicy: Policy = (actor, { can }) => {
  if (actor.role === 'auditor') {
    can('read', 'AuditEvent', { tenantId: actor.tenantId });
    can('verify', 'AuditEvent', { tenantId: actor.tenantId });
  }
};
