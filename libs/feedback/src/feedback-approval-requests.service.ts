import { Injectable, Logger } from '@nestjs/common';
import { OnJob, OutboxService } from '@kernteam/jobs';
import { DeliveriesService } from '@kernteam/notifications';
import { TenantDb } from '@kernteam/persistence';
import { approverPartnersSql } from './feedback-sheet.policy';

/**
 * Worker side of feedback sheets: once a sheet is submitted, the members of every approving partner (present at the
 * discussion, the police excepted) are asked for their partner's decision, in-app and by e-mail (a link, no content),
 * once each however often the job runs. One transaction writes the notifications, the e-mail deliveries (each its own
 * job) and the job's completion. Once it is approved, the members of the police partner involved in its dossier
 * (the addressee, who could not see it before) are told in-app, once each.
 */
@Injectable()
export class FeedbackApprovalRequestsService {
  private readonly logger = new Logger('FeedbackApprovalRequests');

  constructor(private readonly db: TenantDb, private readonly deliveries: DeliveriesService, private readonly outbox: OutboxService) {}

  @OnJob('feedback.request-approval')
  async requestApproval(payload: Record<string, unknown>): Promise<{ notified: number; mailed: number }> {
    const tenantId = String(payload.tenantId);
    const sheetId = String(payload.sheetId);
    const result = await this.db.tx({ tenantId }, async (em) => {
      const recipients: { id: string }[] = await em.query(
        `SELECT u.id FROM feedback_sheets f
           JOIN users u ON u.tenant_id = f.tenant_id AND u.active AND u.role IN ('chair', 'casemanager', 'member')
          WHERE f.id = $1 AND f.state = 'TER_GOEDKEURING'
            AND u.partner_id IN (${approverPartnersSql('f')})
            AND NOT EXISTS (SELECT 1 FROM feedback_sheet_approvals a WHERE a.sheet_id = f.id AND a.partner_id = u.partner_id)
          ORDER BY u.id`,
        [sheetId],
      );
      let notified = 0;
      let mailed = 0;
      for (const r of recipients) {
        const done = await this.deliveries.notifyAndMail(em, {
          tenantId, userId: r.id, kind: 'feedback.approval_requested', entityType: 'FeedbackSheet', entityId: sheetId, data: {},
          dedupeKey: `feedback.approval:${sheetId}`,
        });
        if (done.notified) notified++;
        if (done.queued) mailed++;
      }
      await this.outbox.complete(em, payload.outboxId);
      return { recipients: recipients.length, notified, mailed };
    });
    this.logger.log(`feedback sheet ${sheetId}: ${result.recipients} recipients, ${result.notified} new requests, ${result.mailed} e-mails queued`);
    return { notified: result.notified, mailed: result.mailed };
  }

  @OnJob('feedback.approved')
  async announceApproval(payload: Record<string, unknown>): Promise<{ notified: number }> {
    const tenantId = String(payload.tenantId);
    const sheetId = String(payload.sheetId);
    // One transaction: the notifications and the job's completion (in-app only: the e-mail would say no more than "look").
    const { recipients, notified } = await this.db.tx({ tenantId }, async (em) => {
      const rows: { id: string }[] = await em.query(
        `SELECT u.id FROM feedback_sheets f
           JOIN dossiers d ON d.id = f.dossier_id
           JOIN users u ON u.tenant_id = f.tenant_id AND u.active AND u.role = 'member' AND u.partner_id = ANY(d.involved_partner_ids)
           JOIN partners p ON p.id = u.partner_id AND p.active AND p.type = 'POLITIE'
          WHERE f.id = $1 AND f.state = 'GOEDGEKEURD'
          ORDER BY u.id`,
        [sheetId],
      );
      let fresh = 0;
      for (const r of rows) {
        const done = await this.deliveries.notifyAndMail(em, {
          tenantId, userId: r.id, kind: 'feedback.approved', entityType: 'FeedbackSheet', entityId: sheetId, data: {}, dedupeKey: `feedback.approved:${sheetId}`,
        }, { mail: false });
        if (done.notified) fresh++;
      }
      await this.outbox.complete(em, payload.outboxId);
      return { recipients: rows, notified: fresh };
    });
    this.logger.log(`feedback sheet ${sheetId} approved: ${recipients.length} police members, ${notified} new notifications`);
    return { notified };
  }
}
