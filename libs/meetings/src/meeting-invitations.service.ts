import { Injectable, Logger } from '@nestjs/common';
import { OnJob, OutboxService } from '@kernteam/jobs';
import { DeliveriesService } from '@kernteam/notifications';
import { TenantDb } from '@kernteam/persistence';
import { expectedPartnersSql } from './meeting.policy';

const INVITED_STATES = ['AGENDA_VASTGELEGD', 'IN_ZITTING'];

interface MeetingFacts { id: string; scheduled_at: Date; location: string | null; state: string }

/**
 * Worker side of meetings: invitations once the agenda is finalised, cancellation notices when an announced meeting
 * is cancelled. One transaction per job writes, for every recipient, the in-app notification (unique `dedupe_key`)
 * and, when SMTP is configured, an e-mail delivery with a job of its own (DeliverySender), and marks the job's outbox
 * row complete: a retried or reconciled job only adds what is missing, and one recipient's mail server never holds
 * back another's mail nor anyone's in-app notification. The e-mail carries date, place and link only.
 */
@Injectable()
export class MeetingInvitationsService {
  private readonly logger = new Logger('MeetingInvitations');

  constructor(private readonly db: TenantDb, private readonly deliveries: DeliveriesService, private readonly outbox: OutboxService) {}

  @OnJob('meeting.invite')
  async invite(payload: Record<string, unknown>): Promise<{ invited: number; mailed: number }> {
    const tenantId = String(payload.tenantId);
    const meetingId = String(payload.meetingId);
    const result = await this.db.tx({ tenantId }, async (em) => {
      // FOR SHARE: a cancellation waits for this transaction, so its notice job sees every invitation written here.
      const [m]: MeetingFacts[] = await em.query(`SELECT id, scheduled_at, location, state FROM meetings WHERE id = $1 FOR SHARE`, [meetingId]);
      let invited = 0;
      let mailed = 0;
      if (m && INVITED_STATES.includes(m.state)) {
        // Members of the expected partners: involved in an agenda dossier, or standing partners of the tenant.
        const recipients: { id: string }[] = await em.query(
          `SELECT u.id FROM users u
            WHERE u.tenant_id = $1 AND u.active AND u.role IN ('chair', 'casemanager', 'member')
              AND u.partner_id IN (SELECT e.id FROM meetings m CROSS JOIN LATERAL (${expectedPartnersSql('m')}) e WHERE m.id = $2)
            ORDER BY u.id`,
          [tenantId, meetingId],
        );
        const scheduledAt = new Date(m.scheduled_at).toISOString();
        for (const r of recipients) {
          const done = await this.deliveries.notifyAndMail(em, {
            tenantId, userId: r.id, kind: 'meeting.invitation', entityType: 'Meeting', entityId: meetingId,
            data: { scheduledAt, location: m.location }, dedupeKey: `meeting.invitation:${meetingId}`,
          });
          if (done.notified) invited++;
          if (done.queued) mailed++;
        }
      }
      await this.outbox.complete(em, payload.outboxId);
      return { invited, mailed };
    });
    this.logger.log(`meeting ${meetingId}: ${result.invited} new notifications, ${result.mailed} e-mails queued`);
    return result;
  }

  @OnJob('meeting.cancel-notice')
  async cancelNotice(payload: Record<string, unknown>): Promise<{ notified: number; mailed: number }> {
    const tenantId = String(payload.tenantId);
    const meetingId = String(payload.meetingId);
    const invitation = `meeting.invitation:${meetingId}`;
    const result = await this.db.tx({ tenantId }, async (em) => {
      const [m]: MeetingFacts[] = await em.query(`SELECT id, scheduled_at, location, state FROM meetings WHERE id = $1`, [meetingId]);
      let notified = 0;
      let mailed = 0;
      if (m && m.state === 'GEANNULEERD') {
        // Invitation e-mails not sent yet are not sent at all (the row lock waits for one being sent right now); those
        // that were sent get a calendar cancellation.
        const invitations: { user_id: string; state: string }[] = await em.query(
          `SELECT user_id, state FROM deliveries WHERE dedupe_key = $1 AND channel = 'email' FOR UPDATE`, [invitation]);
        await em.query(
          `UPDATE deliveries SET state = 'SKIPPED', last_error = 'meeting-cancelled', next_retry_at = NULL
            WHERE dedupe_key = $1 AND channel = 'email' AND state IN ('PENDING', 'FAILED')`, [invitation]);
        const mailedInvitation = new Set(invitations.filter((i) => i.state === 'SENT').map((i) => i.user_id));
        // Those who were invited: in-app for all of them.
        const recipients: { id: string }[] = await em.query(
          `SELECT u.id FROM users u
            WHERE u.tenant_id = $1 AND u.active AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.dedupe_key = $2)
            ORDER BY u.id`,
          [tenantId, invitation],
        );
        const scheduledAt = new Date(m.scheduled_at).toISOString();
        for (const r of recipients) {
          const done = await this.deliveries.notifyAndMail(em, {
            tenantId, userId: r.id, kind: 'meeting.cancelled', entityType: 'Meeting', entityId: meetingId,
            data: { scheduledAt, location: m.location }, dedupeKey: `meeting.cancelled:${meetingId}`,
          }, { mail: mailedInvitation.has(r.id) });
          if (done.notified) notified++;
          if (done.queued) mailed++;
        }
      }
      await this.outbox.complete(em, payload.outboxId);
      return { notified, mailed };
    });
    this.logger.log(`meeting ${meetingId} cancelled: ${result.notified} notices, ${result.mailed} e-mails queued`);
    return result;
  }
}
