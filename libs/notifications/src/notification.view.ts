import { ApiProperty } from '@nestjs/swagger';
import { Bilingual } from '@kernteam/http';
import type { Notification } from './notification.entity';
import { NOTIFICATION_KINDS, notificationMessage } from './notification.messages';

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ type: String, nullable: true }) entityType: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) entityId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids and codes the message is made from; never free text.' })
  data: Record<string, unknown>;
  @ApiProperty({ type: () => Bilingual }) message: Bilingual;
  @ApiProperty() read: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readAt: string | null;
}

/** `POST /api/notifications/read-all`. */
export class NotificationsReadView {
  @ApiProperty({ type: 'integer', description: 'How many were unread and are now read.' }) updated: number;
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
