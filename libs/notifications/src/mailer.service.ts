import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { readRuntimeConfig } from '@kernteam/persistence';
import { TenantDb } from '@kernteam/persistence';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** An iCalendar object (text/calendar part with its method), for invitations. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

export type DeliveryResult = 'sent' | 'already-sent' | 'disabled';

/**
 * E-mail through SMTP (`SMTP_URL`), at most one message per user and key as far as this database can know.
 *
 * The sent-marker is a row of `email_deliveries` (unique per user and key), inserted in a transaction that stays
 * open while the SMTP server takes the message and commits right after its 250 reply:
 * - a committed marker means sent: a retried or restarted job skips the message;
 * - a worker that dies before committing (also while the server holds the message) leaves no marker: the
 *   database aborts the transaction and the retry sends again;
 * - a second worker on the same message waits on the uncommitted marker and then skips it.
 * What no SMTP client can prevent is a crash after the server's 250 and before the commit: the message was
 * delivered but not marked, and the retry delivers it again. That is at-least-once, not exactly-once; the window is
 * one COMMIT long. The Message-ID (derived from user and key) and, for invitations, the calendar UID are stable, so
 * a duplicate is recognisable and updates the same calendar event instead of adding one.
 */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly smtpUrl?: string;
  private made?: Transporter;
  private readonly from: string;
  private readonly domain: string;

  constructor(private readonly db: TenantDb) {
    const cfg = readRuntimeConfig();
    this.from = cfg.mailFrom;
    this.domain = /@([^>\s]+)/.exec(cfg.mailFrom)?.[1] ?? 'kernteam';
    this.smtpUrl = cfg.smtpUrl || undefined;
  }

  get enabled(): boolean {
    return this.smtpUrl !== undefined;
  }

  /** The SMTP transport, made on the first message: the API process (which sends none) never loads nodemailer. */
  private get transport(): Transporter | undefined {
    if (!this.smtpUrl || this.made) return this.made;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createTransport } = require('nodemailer') as typeof import('nodemailer');
    // Bounded waits: the marker's transaction stays open while the server answers.
    this.made = createTransport({ url: this.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    return this.made;
  }

  get sender(): string {
    return /<([^>]+)>/.exec(this.from)?.[1] ?? this.from;
  }

  /** The stable Message-ID of a user's message with this key, so a duplicate is recognisable. */
  messageId(userId: string, dedupeKey: string): string {
    return `<${createHash('sha256').update(`${userId}|${dedupeKey}`).digest('hex').slice(0, 40)}@${this.domain}>`;
  }

  /** Hands one message to the SMTP server; throws what the server or the connection said. */
  async send(mail: OutgoingMail, messageId: string): Promise<void> {
    if (!this.transport) throw new Error('SMTP is not configured');
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId,
      ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.content, filename: 'kernteam.ics' } } : {}),
    });
  }

  /**
   * Sends the message unless the user already got the one with this key (the older one-shot path; the product's own
   * notifications go through `deliveries`, one job per recipient: see DeliverySender).
   */
  async deliverOnce(tenantId: string, userId: string, dedupeKey: string, mail: OutgoingMail): Promise<DeliveryResult> {
    const transport = this.transport;
    if (!transport) return 'disabled';
    return this.db.tx({ tenantId }, async (em) => {
      const claimed: { id: string }[] = await em.query(
        `INSERT INTO email_deliveries (tenant_id, user_id, dedupe_key) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
        [tenantId, userId, dedupeKey],
      );
      if (!claimed.length) return 'already-sent';
      const messageId = `<${createHash('sha256').update(`${userId}|${dedupeKey}`).digest('hex').slice(0, 40)}@${this.domain}>`;
      await transport.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId,
        ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.content, filename: 'kernteam.ics' } } : {}),
      });
      await em.query(`UPDATE email_deliveries SET sent_at = now(), message_id = $2 WHERE id = $1`, [claimed[0].id, messageId]);
      return 'sent';
    });
  }

  onApplicationShutdown(): void {
    this.made?.close();
  }
}
