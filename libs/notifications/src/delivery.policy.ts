import type { Policy } from '@kernteam/access';

/**
 * The casemanager (who follows up that partners were told) and the admin see the tenant's e-mail deliveries, by
 * recipient name and kind of message only, and may have a failed one tried again.
 */
export const deliveryPolicy: Policy = (actor, { can }) => {
  if (actor.role === 'casemanager' || actor.role === 'admin') {
    can('read', 'Delivery', { tenantId: actor.tenantId });
    can('update', 'Delivery', { tenantId: actor.tenantId });
  }
};

export const DELIVERY_SQL_FIELDS = { tenantId: 'd.tenant_id' };
