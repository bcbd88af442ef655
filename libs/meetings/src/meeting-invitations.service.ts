import { Injectable, Logger } from '@nestjs/common';
import { OnJob } from '@kernteam/jobs';
import { buildCalendar, cancellationMail, INVITATION_SUMMARY, invitationMail, MailerService, NotificationsService } from '@kernteam/notifications';
import { readRuntimeConfig, TenantDb } from '@kernteam/persistence';
import { expectedPartnersSql } from './meeting.policy';

/** Meetings have no end time in the record; the calendar event blocks this long. */
const MEETING_DURATION_MS = 2 * 60 * 60 * 1000;
const INVITED_STATES = ['AGENDA_VASTGELEGD', 'IN_ZITTING'];

interface MeetingFacts { id: string; scheduled_at: Date; location: string | null; state: string }
interface Recipient { id: string; email: string }

/**
 * Worker side of meetings: invitations once the agenda is finalised, cancellation notices when an announced meeting
 * is cancelled. Each recipient gets one in-app notification (unique `dedupe_key`) and, when SMTP is configured, one
 * e-mail with a calendar invitation (see MailerService for the sent-marker and its at-least-once window). A retried
 * or restarted job therefore only does what is left. The e-mail carries date, place and link only.
 */
@Injectable()
export class MeetingInvitationsService {
  private readonly logger = new Logger('MeetingInvitations');

  constructor(private readonly db: TenantDb, private readonly notifications: NotificationsService, private readonly mailer: MailerService) {}

  @OnJob('meeting.invite')
  async invite(payload: Record<string, unknown>): Promise<{ invited: number; mailed: number }> {
    const tenantId = String(payload.tenantId);
    const meetingId = String(payload.meetingId);
    const cfg = readRuntimeConfig();
    const m = await this.meeting(tenantId, meetingId);
    if (!m || !INVITED_STATES.includes(m.state)) return { invited: 0, mailed: 0 };
    // Members of the expected partners: involved in an agenda dossier, or standing partners of the tenant.
    const recipients: Recipient[] = await this.db.tx({ tenantId }, (em) => em.query(
      `SELECT u.id, u.email FROM users u
        WHERE u.tenant_id = $1 AND u.active AND u.role IN ('chair', 'casemanager', 'member')
          AND u.partner_id IN (SELECT e.id FROM meetings m CROSS JOIN LATERAL (${expectedPartnersSql('m')}) e WHERE m.id = $2)
        ORDER BY u.id`,
      [tenantId, meetingId],
    ));
    const key = `meeting.invitation:${meetingId}`;
    const link = `${cfg.publicUrl}/meetings/${meetingId}`;
    const scheduledAt = new Date(m.scheduled_at).toISOString();
    const mail = invitationMail({ scheduledAt, location: m.location, link });
    let invited = 0;
    let mailed = 0;
    for (const r of recipients) {
      // A meeting cancelled while this job runs invites nobody more.
      const current = await this.meeting(tenantId, meetingId);
      if (!current || !INVITED_STATES.includes(current.state)) break;
      const isNew = await this.db.tx({ tenantId }, (em) => this.notifications.notify(em, {
        tenantId, userId: r.id, kind: 'meeting.invitation', entityType: 'Meeting', entityId: meetingId,
        data: { scheduledAt, location: m.location }, dedupeKey: key,
      }));
      if (isNew) invited++;
      const calendar = buildCalendar({
        uid: this.uid(meetingId), sequence: 0, method: 'REQUEST', start: new Date(m.scheduled_at),
        end: new Date(new Date(m.scheduled_at).getTime() + MEETING_DURATION_MS), stamp: new Date(), summary: INVITATION_SUMMARY,
        location: m.location, description: link, url: link, organizer: { email: this.mailer.sender, name: 'Kernteam' }, attendee: r.email,
      });
      const sent = await this.mailer.deliverOnce(tenantId, r.id, key, { to: r.email, ...mail, calendar: { method: 'REQUEST', content: calendar } });
      if (sent === 'sent') mailed++;
    }
    this.logger.log(`meeting ${meetingId}: ${recipients.length} recipients, ${invited} new notifications, ${mailed} e-mails`);
    return { invited, mailed };
  }

  @OnJob('meeting.cancel-notice')
  async cancelNotice(payload: Record<string, unknown>): Promise<{ notified: number; mailed: number }> {
    const tenantId = String(payload.tenantId);
    const meetingId = String(payload.meetingId);
    const cfg = readRuntimeConfig();
    const m = await this.meeting(tenantId, meetingId);
    if (!m || m.state !== 'GEANNULEERD') return { notified: 0, mailed: 0 };
    const invitation = `meeting.invitation:${meetingId}`;
    // Those who were invited: in-app for all of them, and a calendar cancellation where the invitation was e-mailed.
    const recipients: (Recipient & { mailed: boolean })[] = await this.db.tx({ tenantId }, (em) => em.query(
      `SELECT u.id, u.email, EXISTS (SELECT 1 FROM email_deliveries ed WHERE ed.user_id = u.id AND ed.dedupe_key = $2) AS mailed
         FROM users u
        WHERE u.tenant_id = $1 AND u.active AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.dedupe_key = $2)
        ORDER BY u.id`,
      [tenantId, invitation],
    ));
    const key = `meeting.cancelled:${meetingId}`;
    const link = `${cfg.publicUrl}/meetings/${meetingId}`;
    const scheduledAt = new Date(m.scheduled_at).toISOString();
    let notified = 0;
    let mailed = 0;
    for (const r of recipients) {
      const isNew = await this.db.tx({ tenantId }, (em) => this.notifications.notify(em, {
        tenantId, userId: r.id, kind: 'meeting.cancelled', entityType: 'Meeting', entityId: meetingId, data: { scheduledAt }, dedupeKey: key,
      }));
      if (isNew) notified++;
      if (!r.mailed) continue;
      const calendar = buildCalendar({
        uid: this.uid(meetingId), sequence: 1, method: 'CANCEL', start: new Date(m.scheduled_at),
        end: new Date(new Date(m.scheduled_at).getTime() + MEETING_DURATION_MS), stamp: new Date(), summary: INVITATION_SUMMARY,
        location: m.location, url: link, organizer: { email: this.mailer.sender, name: 'Kernteam' }, attendee: r.email,
      });
      const sent = await this.mailer.deliverOnce(tenantId, r.id, key, {
        to: r.email, ...cancellationMail({ scheduledAt, link }), calendar: { method: 'CANCEL', content: calendar },
      });
      if (sent === 'sent') mailed++;
    }
    this.logger.log(`meeting ${meetingId} cancelled: ${notified} notices, ${mailed} e-mails`);
    return { notified, mailed };
  }

  /** One calendar event per meeting, whoever receives it and however often. */
  private uid(meetingId: string): string {
    return `meeting-${meetingId}@kernteam`;
  }

  private async meeting(tenantId: string, meetingId: string): Promise<MeetingFacts | undefined> {
    const [m] = await this.db.tx({ tenantId }, (em) => em.query(`SELECT id, scheduled_at, location, state FROM meetings WHERE id = $1`, [meetingId]));
    return m;
  }
}
