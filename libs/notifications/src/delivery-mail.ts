import { buildCalendar } from './ics';
import type { OutgoingMail } from './mailer.service';
import { approvalRequestMail, cancellationMail, INVITATION_SUMMARY, invitationMail, NotificationKind, reminderMail, transferProposedMail } from './notification.messages';

/** Meetings have no end time in the record; the calendar event blocks this long. */
export const MEETING_DURATION_MS = 2 * 60 * 60 * 1000;

/** One calendar event per meeting, whoever receives it and however often. */
export const meetingUid = (meetingId: string) => `meeting-${meetingId}@kernteam`;

/** Where a message points in the product, from what it is about. */
export function deliveryLink(publicUrl: string, entityType: string, entityId: string): string {
  const path = entityType === 'Meeting' ? 'meetings' : entityType === 'Agreement' ? 'agreements' : entityType === 'Transfer' ? 'transfers' : 'feedback-sheets';
  return `${publicUrl}/${path}/${entityId}`;
}

export interface DeliveryFacts {
  kind: NotificationKind;
  entityType: string;
  entityId: string;
  /** The notification's data: codes, ids, dates (and a meeting's place). */
  data: Record<string, unknown>;
}

/**
 * The e-mail of a delivery, rendered when it is sent from the row's codes and dates: the same text whichever attempt
 * sends it, and no content beyond what the notification holds.
 */
export function deliveryMail(d: DeliveryFacts, to: string, opts: { publicUrl: string; sender: string; now?: Date }): OutgoingMail {
  const link = deliveryLink(opts.publicUrl, d.entityType, d.entityId);
  const s = (k: string) => String(d.data[k] ?? '');
  const location = typeof d.data.location === 'string' ? d.data.location : null;
  const calendar = (method: 'REQUEST' | 'CANCEL') => {
    const start = new Date(s('scheduledAt'));
    return buildCalendar({
      uid: meetingUid(d.entityId), sequence: method === 'REQUEST' ? 0 : 1, method, start, end: new Date(start.getTime() + MEETING_DURATION_MS),
      stamp: opts.now ?? new Date(), summary: INVITATION_SUMMARY, location, description: method === 'REQUEST' ? link : undefined, url: link,
      organizer: { email: opts.sender, name: 'Kernteam' }, attendee: to,
    });
  };
  switch (d.kind) {
    case 'meeting.invitation':
      return { to, ...invitationMail({ scheduledAt: s('scheduledAt'), location, link }), calendar: { method: 'REQUEST', content: calendar('REQUEST') } };
    case 'meeting.cancelled':
      return { to, ...cancellationMail({ scheduledAt: s('scheduledAt'), link }), calendar: { method: 'CANCEL', content: calendar('CANCEL') } };
    case 'agreement.due':
    case 'agreement.overdue':
      return { to, ...reminderMail({ dueOn: s('dueOn'), overdue: d.kind === 'agreement.overdue', link }) };
    case 'feedback.approval_requested':
      return { to, ...approvalRequestMail({ link }) };
    case 'transfer.proposed':
      return { to, ...transferProposedMail({ link }) };
    default:
      // In-app only (an approval announced to the police, notices to the auditors): never queued as an e-mail.
      throw new Error(`no e-mail for notification kind ${d.kind}`);
  }
}

/**
 * When a FAILED delivery is tried again by the periodic job: 5 minutes after the first round, then twice as long
 * each round, at most 6 hours apart.
 */
export function nextRetryDelayMs(round: number): number {
  const base = Number(process.env.DELIVERY_RETRY_BASE_MS || 5 * 60_000);
  return Math.min(6 * 60 * 60_000, base * 2 ** Math.min(round, 20));
}

/** What went wrong, as a code without addresses or server text (which can hold an address). */
export function deliveryErrorCode(e: unknown): string {
  const err = e as { responseCode?: number; code?: string };
  if (typeof err?.responseCode === 'number') return `smtp-${err.responseCode}`;
  if (typeof err?.code === 'string' && /^[A-Z_]{2,32}$/.test(err.code)) return err.code.toLowerCase();
  return 'error';
}
