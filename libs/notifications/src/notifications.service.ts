import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { abilityToSqlWhere, Actor, AppAbility, as } from '@kernteam/access';
import { notVisible, Page } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import type { NotificationListQuery } from './notification.dto';
import { Notification } from './notification.entity';
import type { NotificationKind } from './notification.messages';
import { NOTIFICATION_SQL_FIELDS } from './notification.policy';
import { NotificationView, toNotificationView } from './notification.view';

export interface NewNotification {
  tenantId: string;
  userId: string;
  kind: NotificationKind;
  entityType: string;
  entityId: string;
  /** Codes, ids and dates only. */
  data: Record<string, string | number | boolean | null>;
  /** Unique per user; the same key twice is one notification (jobs are retried). */
  dedupeKey: string;
}

@Injectable()
export class NotificationsService {
  constructor(private readonly db: TenantDb) {}

  /** Inserts a notification unless the user already has one with this key; true when it was new. */
  async notify(em: EntityManager, n: NewNotification): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO notifications (tenant_id, user_id, kind, entity_type, entity_id, data, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
      [n.tenantId, n.userId, n.kind, n.entityType, n.entityId, JSON.stringify(n.data), n.dedupeKey],
    );
    return rows.length === 1;
  }

  async list(actor: Actor, ability: AppAbility, q: NotificationListQuery): Promise<Page<NotificationView>> {
    const where = abilityToSqlWhere(ability, 'read', 'Notification', NOTIFICATION_SQL_FIELDS);
    return this.db.tx(actor, async (em) => {
      const qb = em.getRepository(Notification).createQueryBuilder('n').where(where.sql, where.params).andWhere('n.user_id = :me', { me: actor.id });
      if (q.unread === 'true') qb.andWhere('n.read_at IS NULL');
      if (q.unread === 'false') qb.andWhere('n.read_at IS NOT NULL');
      const [rows, total] = await qb
        .orderBy('CASE WHEN n.read_at IS NULL THEN 0 ELSE 1 END', 'ASC')
        .addOrderBy('n.created_at', 'DESC')
        .addOrderBy('n.id', 'ASC')
        .skip((q.page - 1) * q.pageSize)
        .take(q.pageSize)
        .getManyAndCount();
      return { items: rows.map(toNotificationView), total, page: q.page, pageSize: q.pageSize };
    });
  }

  /** Marks one's own notification read (idempotent: the first read time is kept). */
  async markRead(actor: Actor, ability: AppAbility, id: string): Promise<NotificationView> {
    return this.db.tx(actor, async (em) => {
      const repo = em.getRepository(Notification);
      const n = await repo.findOneBy({ id, tenantId: actor.tenantId });
      if (!n || !ability.can('update', as('Notification', n))) throw notVisible('Notification', id);
      await em.query(`UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1`, [id]);
      return toNotificationView(await repo.findOneByOrFail({ id }));
    });
  }

  /** Marks all of one's own unread notifications read; how many were. */
  async markAllRead(actor: Actor, ability: AppAbility): Promise<{ updated: number }> {
    // An UPDATE names its columns without the list's alias.
    const where = abilityToSqlWhere(ability, 'update', 'Notification', { tenantId: 'tenant_id', userId: 'user_id' });
    return this.db.tx(actor, async (em) => {
      const res = await em.createQueryBuilder().update(Notification).set({ readAt: () => 'now()' })
        .where(where.sql, where.params).andWhere('user_id = :me', { me: actor.id }).andWhere('read_at IS NULL')
        .execute();
      return { updated: res.affected ?? 0 };
    });
  }
}
