import type { Policy } from '@kernteam/access';

/** Everyone signed in reads and marks their own notifications, and nobody else's. */
export const notificationPolicy: Policy = (actor, { can }) => {
  can('read', 'Notification', { tenantId: actor.tenantId, userId: actor.id });
  can('update', 'Notification', { tenantId: actor.tenantId, userId: actor.id });
};

export const NOTIFICATION_SQL_FIELDS = { tenantId: 'n.tenant_id', userId: 'n.user_id' };
