import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { abilityToSqlWhere, Actor, AppAbility, as } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { conflict, notVisible } from '@kernteam/http';
import { OutboxService } from '@kernteam/jobs';
import { TenantDb } from '@kernteam/persistence';
import { DELIVERY_SQL_FIELDS } from './delivery.policy';
import { DeliveryListQuery, DeliveryList, DeliveryRow, DeliveryView, toDeliveryView } from './delivery.view';
import { MailerService } from './mailer.service';
import { NewNotification, NotificationsService } from './notifications.service';

const SELECT_VIEW = `SELECT d.id, d.kind, d.channel, d.state, d.user_id, u.name AS user_name, d.attempts, d.last_error, d.created_at,
  d.last_attempt_at, d.next_retry_at, d.sent_at FROM deliveries d JOIN users u ON u.id = d.user_id`;

/**
 * Notifying a person: the in-app notification and, when SMTP is configured, a `deliveries` row for the e-mail and the
 * outbox row of its own `delivery.send` job, all in the caller's transaction. The in-app notification is there at
 * commit, whatever becomes of the e-mail.
 */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly db: TenantDb,
    private readonly notifications: NotificationsService,
    private readonly mailer: MailerService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async notifyAndMail(em: EntityManager, n: NewNotification, opts: { mail?: boolean } = {}): Promise<{ notified: boolean; queued: boolean }> {
    const notified = await this.notifications.notify(em, n);
    const queued = opts.mail === false ? false : await this.queueMail(em, n);
    return { notified, queued };
  }

  /** One e-mail delivery per user and key (a job run twice queues nothing twice); true when it was new. */
  async queueMail(em: EntityManager, n: NewNotification): Promise<boolean> {
    if (!this.mailer.enabled) return false;
    const rows: { id: string }[] = await em.query(
      `INSERT INTO deliveries (tenant_id, user_id, channel, kind, dedupe_key, entity_type, entity_id, data)
       VALUES ($1, $2, 'email', $3, $4, $5, $6, $7)
       ON CONFLICT (user_id, dedupe_key, channel) DO NOTHING RETURNING id`,
      [n.tenantId, n.userId, n.kind, n.dedupeKey, n.entityType, n.entityId, JSON.stringify(n.data)],
    );
    if (!rows.length) return false;
    await this.outbox.add(em, n.tenantId, 'delivery.send', { deliveryId: rows[0].id });
    return true;
  }

  async list(actor: Actor, ability: AppAbility, q: DeliveryListQuery): Promise<DeliveryList> {
    const where = abilityToSqlWhere(ability, 'read', 'Delivery', DELIVERY_SQL_FIELDS);
    return this.db.tx(actor, async (em) => {
      const params = { ...where.params } as Record<string, unknown>;
      const filter = q.state ? ' AND d.state = :state' : '';
      if (q.state) params.state = q.state;
      const [sql, values] = em.connection.driver.escapeQueryWithParameters(
        `${SELECT_VIEW} WHERE (${where.sql})${filter} ORDER BY d.created_at DESC, d.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
        params,
      );
      const rows: DeliveryRow[] = await em.query(sql, values);
      const [csql, cvalues] = em.connection.driver.escapeQueryWithParameters(
        `SELECT d.state, count(*)::int AS n FROM deliveries d WHERE (${where.sql}) GROUP BY d.state`, where.params as Record<string, unknown>,
      );
      const counts = { PENDING: 0, SENT: 0, FAILED: 0, SKIPPED: 0 };
      for (const c of (await em.query(csql, cvalues)) as { state: keyof typeof counts; n: number }[]) counts[c.state] = c.n;
      return { items: rows.map(toDeliveryView), total: q.state ? counts[q.state] : Object.values(counts).reduce((a, b) => a + b, 0), page: q.page, pageSize: q.pageSize, counts };
    });
  }

  /** A FAILED delivery is tried again now (its own job, all its attempts again). Anything else is a 409. */
  async retry(actor: Actor, ability: AppAbility, id: string): Promise<DeliveryView> {
    return this.db.tx(actor, async (em) => {
      const [d]: { id: string; tenant_id: string; state: string }[] = await em.query(`SELECT id, tenant_id, state FROM deliveries WHERE id = $1 FOR UPDATE`, [id]);
      if (!d || !ability.can('read', as('Delivery', { tenantId: d.tenant_id }))) throw notVisible('Delivery', id);
      if (!ability.can('update', as('Delivery', { tenantId: d.tenant_id }))) throw notVisible('Delivery', id);
      if (d.state !== 'FAILED') throw conflict(`Only a FAILED delivery can be tried again; this one is ${d.state}.`);
      await em.query(`UPDATE deliveries SET state = 'PENDING', next_retry_at = NULL WHERE id = $1`, [id]);
      await this.outbox.add(em, actor.tenantId, 'delivery.send', { deliveryId: id });
      await this.audit.record(em, actor, 'delivery.retry', { type: 'Delivery', id }, { fromState: 'FAILED', toState: 'PENDING' });
      const [row]: DeliveryRow[] = await em.query(`${SELECT_VIEW} WHERE d.id = $1`, [id]);
      return toDeliveryView(row);
    });
  }
}
