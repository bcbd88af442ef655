import type { Notification } from './notification.entity';
import type { Bilingual } from '@kernteam/http';
import { notificationMessage } from './notification.messages';

export interface NotificationView {
  id: string;
  kind: string;
  entityType: string | null;
  entityId: string | null;
  data: Record<string, unknown>;
  message: Bilingual;
  read: boolean;
  createdAt: string;
  readAt: string | null;
}

export const toNotificationView = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  entityType: n.entityType,
  entityId: n.entityId,
  data: n.data,
  message: notificationMessage(n.kind, n.data),
  read: n.readAt !== null,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});
