import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OnJob, OutboxService } from '@kernteam/jobs';
import { readRuntimeConfig, TenantDb } from '@kernteam/persistence';
import { deliveryErrorCode, deliveryMail, nextRetryDelayMs } from './delivery-mail';
import type { DeliveryState } from './delivery.view';
import { MailerService } from './mailer.service';
import type { NotificationKind } from './notification.messages';

interface LockedDelivery {
  id: string; tenant_id: string; user_id: string; kind: NotificationKind; dedupe_key: string; entity_type: string; entity_id: string;
  data: Record<string, unknown>; state: DeliveryState; retry_rounds: number; email: string; active: boolean;
}

export type SendOutcome = 'sent' | 'already-done' | 'skipped' | 'retrying' | 'failed';

/**
 * The worker side of deliveries. `delivery.send` sends one e-mail: it locks the delivery row, sends only when it is
 * still PENDING or FAILED, and commits SENT (with the outbox row's completion) right after the server's 250 reply, so a
 * retried, reconciled or concurrent job never sends a SENT delivery again; the window left is a crash between the 250
 * and the commit (the Message-ID is stable, so such a duplicate is recognisable). A failure is written to the row in
 * the same transaction; after the job's last attempt the delivery is FAILED, with the time `deliveries.retry` will
 * try it again (growing, at most 6 h apart), and stays in PostgreSQL for the casemanager to see.
 */
@Injectable()
export class DeliverySender {
  private readonly logger = new Logger('Deliveries');

  constructor(private readonly db: TenantDb, private readonly mailer: MailerService, private readonly outbox: OutboxService) {}

  @OnJob('delivery.send')
  async send(payload: Record<string, unknown>, job?: Job): Promise<{ outcome: SendOutcome }> {
    const tenantId = String(payload.tenantId);
    const deliveryId = String(payload.deliveryId);
    const lastAttempt = job ? job.attemptsMade + 1 >= (job.opts.attempts ?? 1) : true;
    const cfg = readRuntimeConfig();
    let failure: string | undefined;
    const outcome = await this.db.tx({ tenantId }, async (em): Promise<SendOutcome> => {
      const [d]: LockedDelivery[] = await em.query(
        `SELECT d.id, d.tenant_id, d.user_id, d.kind, d.dedupe_key, d.entity_type, d.entity_id, d.data, d.state, d.retry_rounds, u.email, u.active
           FROM deliveries d JOIN users u ON u.id = d.user_id WHERE d.id = $1 FOR UPDATE OF d`,
        [deliveryId],
      );
      if (!d || d.state === 'SENT' || d.state === 'SKIPPED') {
        await this.outbox.complete(em, payload.outboxId);
        return 'already-done';
      }
      if (!d.active || !this.mailer.enabled) {
        await em.query(`UPDATE deliveries SET state = 'SKIPPED', last_error = $2, next_retry_at = NULL WHERE id = $1`,
          [d.id, d.active ? 'smtp-disabled' : 'recipient-inactive']);
        await this.outbox.complete(em, payload.outboxId);
        return 'skipped';
      }
      const messageId = this.mailer.messageId(d.user_id, d.dedupe_key);
      try {
        await this.mailer.send(deliveryMail({ kind: d.kind, entityType: d.entity_type, entityId: d.entity_id, data: d.data }, d.email, { publicUrl: cfg.publicUrl, sender: this.mailer.sender }), messageId);
      } catch (e) {
        failure = deliveryErrorCode(e);
        await em.query(
          `UPDATE deliveries SET attempts = attempts + 1, last_error = $2, last_attempt_at = now(),
                  state = CASE WHEN $3 THEN 'FAILED' ELSE 'PENDING' END,
                  next_retry_at = CASE WHEN $3 THEN now() + make_interval(secs => $4::float8 / 1000) ELSE NULL END
            WHERE id = $1`,
          [d.id, failure, lastAttempt, nextRetryDelayMs(d.retry_rounds)],
        );
        // A FAILED delivery is this job's end: its next try is a new job (`deliveries.retry` or a manual retry).
        if (lastAttempt) await this.outbox.complete(em, payload.outboxId);
        return lastAttempt ? 'failed' : 'retrying';
      }
      await em.query(
        `UPDATE deliveries SET state = 'SENT', attempts = attempts + 1, last_attempt_at = now(), sent_at = now(), message_id = $2,
                last_error = NULL, next_retry_at = NULL WHERE id = $1`,
        [d.id, messageId],
      );
      await this.outbox.complete(em, payload.outboxId);
      return 'sent';
    });
    if (outcome === 'failed') this.logger.warn(`delivery ${deliveryId} FAILED after its retries (${failure}); it is tried again later`);
    // Thrown after the commit, so BullMQ retries with backoff (or records the final failure) while the row is written.
    if (failure) throw new Error(`delivery ${deliveryId} not sent: ${failure}`);
    return { outcome };
  }

  /** Periodic (SCHEDULES['deliveries-retry']): FAILED deliveries whose retry time has come get a new job. */
  @OnJob('deliveries.retry')
  async retryFailed(): Promise<{ requeued: number }> {
    const requeued = await this.db.system(async (em) => {
      const rows: { id: string; tenant_id: string }[] = await em.query(
        // A SELECT around the UPDATE: TypeORM answers an UPDATE … RETURNING with [rows, count].
        `WITH due AS (SELECT id FROM deliveries WHERE state = 'FAILED' AND next_retry_at <= now()
                       ORDER BY next_retry_at LIMIT 500 FOR UPDATE SKIP LOCKED),
              queued AS (UPDATE deliveries d SET state = 'PENDING', retry_rounds = retry_rounds + 1, next_retry_at = NULL
                           FROM due WHERE d.id = due.id RETURNING d.id, d.tenant_id)
         SELECT id, tenant_id FROM queued`,
      );
      for (const r of rows) await this.outbox.add(em, r.tenant_id, 'delivery.send', { deliveryId: r.id });
      return rows.length;
    });
    if (requeued) this.logger.log(`${requeued} failed deliveries queued again`);
    return { requeued };
  }
}
