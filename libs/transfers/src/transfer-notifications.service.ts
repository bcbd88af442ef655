import { Injectable, Logger } from '@nestjs/common';
import { OutboxService } from '@kernteam/jobs';
import { DeliveriesService, type NotificationKind } from '@kernteam/notifications';
import { TenantDb } from '@kernteam/persistence';

type Notice = { kind: NotificationKind; mail: boolean; data: Record<string, string> };

/**
 * Worker side of transfers: who is told of a step, in the tenant whose job it is (each step reaches both LIVCs' jobs).
 * A proposal is told to the receiving LIVC's casemanagers, in-app and by e-mail (a link, no content): otherwise it
 * waits unseen until one opens the start page. A withdrawal is told to them in-app. A decision is told, in-app, to the
 * casemanager who proposed it (or, when that account is no longer an active casemanager, to the sending LIVC's
 * casemanagers). Once each per user however often the job runs; one transaction writes them and the job's completion.
 */
@Injectable()
export class TransferNotificationsService {
  private readonly logger = new Logger('TransferNotifications');

  constructor(private readonly db: TenantDb, private readonly deliveries: DeliveriesService, private readonly outbox: OutboxService) {}

  async onStep(payload: Record<string, unknown>): Promise<{ notified: number }> {
    const tenantId = String(payload.tenantId);
    const transferId = String(payload.entityId);
    const event = String(payload.event);
    const notified = await this.db.crossing(async (em, to) => {
      // The transfer row is the owner's (it belongs to two tenants); the notifications are the tenant's own rows.
      const [tr]: { from_tenant_id: string; to_tenant_id: string; proposed_by: string }[] = await em.query(
        `SELECT from_tenant_id, to_tenant_id, proposed_by FROM transfers WHERE id = $1`, [transferId]);
      const notice = tr && this.noticeFor(event, tenantId === tr.to_tenant_id, tenantId === tr.from_tenant_id);
      await to.as(tenantId);
      let fresh = 0;
      if (notice) {
        const recipients: { id: string }[] = await em.query(
          `SELECT u.id FROM users u WHERE u.tenant_id = $1 AND u.active AND u.role = 'casemanager'
              AND ($2::uuid IS NULL OR u.id = $2 OR NOT EXISTS (SELECT 1 FROM users p WHERE p.id = $2 AND p.active AND p.role = 'casemanager'))
            ORDER BY u.id`,
          [tenantId, notice.kind === 'transfer.decided' ? tr.proposed_by : null],
        );
        for (const r of recipients) {
          const done = await this.deliveries.notifyAndMail(em, {
            tenantId, userId: r.id, kind: notice.kind, entityType: 'Transfer', entityId: transferId, data: notice.data, dedupeKey: `${notice.kind}:${transferId}`,
          }, { mail: notice.mail });
          if (done.notified) fresh++;
        }
      }
      await this.outbox.complete(em, payload.outboxId);
      return fresh;
    });
    if (notified) this.logger.log(`transfer ${transferId} ${event}: ${notified} new notifications`);
    return { notified };
  }

  private noticeFor(event: string, receiving: boolean, sending: boolean): Notice | null {
    if (receiving && event === 'PROPOSE') return { kind: 'transfer.proposed', mail: true, data: {} };
    if (receiving && event === 'WITHDRAW') return { kind: 'transfer.withdrawn', mail: false, data: {} };
    if (sending && (event === 'ACCEPT' || event === 'REFUSE')) return { kind: 'transfer.decided', mail: false, data: { decision: event } };
    return null;
  }
}
