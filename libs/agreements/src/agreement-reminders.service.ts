import { Injectable, Logger } from '@nestjs/common';
import { addDays, brusselsDate } from '@kernteam/http';
import { OnJob } from '@kernteam/jobs';
import { DeliveriesService } from '@kernteam/notifications';
import { readRuntimeConfig, TenantDb } from '@kernteam/persistence';
import { AGREEMENT_OPEN_STATES } from './agreement.machine';

interface DueAgreement { id: string; tenant_id: string; due_on: string; responsible_partner_id: string; casemanager_id: string | null }

/**
 * The daily reminder (SCHEDULES, Europe/Brussels): agreements still open (never a lapsed one) whose due date is within
 * `REMINDER_DAYS`, or past. Recipients: the members of the responsible partner and the dossier's casemanager (all
 * casemanagers when the dossier has no active one). The key holds the Brussels date, so a user gets at most one
 * reminder per agreement per day however often the job runs. Per agreement, one transaction writes the notifications
 * and the e-mail deliveries (each its own job, so one recipient's failing mail server holds back nobody else).
 */
@Injectable()
export class AgreementRemindersService {
  private readonly logger = new Logger('AgreementReminders');

  constructor(private readonly db: TenantDb, private readonly deliveries: DeliveriesService) {}

  @OnJob('agreement.remind')
  async remind(): Promise<{ agreements: number; notified: number; mailed: number }> {
    const cfg = readRuntimeConfig();
    const today = brusselsDate();
    const horizon = addDays(today, cfg.reminderDays);
    // Across tenants (a system job); every write below runs scoped to the agreement's tenant.
    const due: DueAgreement[] = await this.db.system((em) => em.query(
      `SELECT a.id, a.tenant_id, a.due_on::text AS due_on, a.responsible_partner_id, d.casemanager_id
         FROM agreements a JOIN dossiers d ON d.id = a.dossier_id
        WHERE a.state = ANY($2::text[]) AND a.due_on <= $1
        ORDER BY a.tenant_id, a.due_on, a.id`,
      [horizon, [...AGREEMENT_OPEN_STATES]],
    ));
    let notified = 0;
    let mailed = 0;
    for (const a of due) {
      const tenantId = a.tenant_id;
      const overdue = a.due_on < today;
      await this.db.tx({ tenantId }, async (em) => {
        const recipients: { id: string }[] = await em.query(
          `SELECT u.id FROM users u
            WHERE u.tenant_id = $1 AND u.active
              AND ((u.partner_id = $2 AND u.role IN ('chair', 'casemanager', 'member'))
                   OR (u.role = 'casemanager' AND (u.id = $3
                       OR NOT EXISTS (SELECT 1 FROM users c WHERE c.id = $3 AND c.active AND c.role = 'casemanager'))))
            ORDER BY u.id`,
          [tenantId, a.responsible_partner_id, a.casemanager_id],
        );
        for (const r of recipients) {
          const done = await this.deliveries.notifyAndMail(em, {
            tenantId, userId: r.id, kind: overdue ? 'agreement.overdue' : 'agreement.due', entityType: 'Agreement', entityId: a.id,
            data: { dueOn: a.due_on, remindedOn: today }, dedupeKey: `agreement.reminder:${a.id}:${today}`,
          });
          if (done.notified) notified++;
          if (done.queued) mailed++;
        }
      });
    }
    this.logger.log(`${due.length} agreements due by ${horizon}: ${notified} new reminders, ${mailed} e-mails`);
    return { agreements: due.length, notified, mailed };
  }
}
