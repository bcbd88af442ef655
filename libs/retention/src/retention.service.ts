import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@kernteam/audit';
import { CLOSURE_REASONS, DossiersService } from '@kernteam/dossiers';
import { readRuntimeConfig, TenantDb } from '@kernteam/persistence';

/** Final states after which the retention period runs (DESIGN.md §4). */
export const RETENTION_FINAL_STATES = ['AFGESLOTEN', 'NIET_WEERHOUDEN'] as const;

export interface RetentionRun { candidates: number; anonymised: number; failed: number }

/**
 * Retention: a dossier closed (AFGESLOTEN) or not retained (NIET_WEERHOUDEN) more than RETENTION_YEARS ago (counted
 * from the event that put it in that state) is anonymised: personal data and free text are erased, the statistical
 * skeleton stays (dates, states, outcomes, partners, the closure reason code), and the dossier moves to GEANONIMISEERD
 * through its machine. One transaction per dossier. Indicators read only the skeleton, so none of them changes.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(private readonly db: TenantDb, private readonly dossiers: DossiersService, private readonly audit: AuditService) {}

  /** The moment before which a final state must have been reached for the dossier to be anonymised now. */
  static cutoff(now: Date, years: number): Date {
    const c = new Date(now);
    c.setUTCFullYear(c.getUTCFullYear() - years);
    return c;
  }

  async run(now: Date = new Date()): Promise<RetentionRun> {
    const cutoff = RetentionService.cutoff(now, readRuntimeConfig().retentionYears);
    const due: { id: string; tenant_id: string }[] = await this.db.system((em) =>
      em.query(
        `SELECT d.id, d.tenant_id FROM dossiers d
          WHERE d.state = ANY($1::text[])
            AND (SELECT max(we.at) FROM workflow_events we
                  WHERE we.entity_type = 'Dossier' AND we.entity_id = d.id AND we.to_state = d.state) < $2
          ORDER BY d.tenant_id, d.id`,
        [[...RETENTION_FINAL_STATES], cutoff],
      ),
    );
    let anonymised = 0;
    let failed = 0;
    for (const row of due) {
      try {
        if (await this.anonymise(row.tenant_id, row.id, cutoff)) anonymised++;
      } catch (e) {
        failed++;
        this.logger.warn(`anonymising dossier ${row.id} failed: ${e instanceof Error ? e.message : e}`);
      }
    }
    if (due.length) this.logger.log(`retention: ${anonymised} dossiers anonymised, ${failed} failed, of ${due.length} due`);
    return { candidates: due.length, anonymised, failed };
  }

  /** Anonymises one dossier if it is (still) due; false when it is not. */
  async anonymise(tenantId: string, dossierId: string, cutoff: Date): Promise<boolean> {
    return this.db.tx({ tenantId }, async (em) => {
      const [locked] = await em.query(
        `SELECT d.state, (SELECT max(we.at) FROM workflow_events we WHERE we.entity_type = 'Dossier' AND we.entity_id = d.id AND we.to_state = d.state) AS final_at
           FROM dossiers d WHERE d.id = $1 AND d.tenant_id = $2 FOR UPDATE`,
        [dossierId, tenantId],
      );
      if (!locked || !(RETENTION_FINAL_STATES as readonly string[]).includes(locked.state) || !locked.final_at || !(locked.final_at < cutoff)) return false;
      const erased = await this.erase(em, tenantId, dossierId);
      const d = await this.dossiers.byId(em, tenantId, dossierId);
      await this.dossiers.apply(em, { id: null as unknown as string, tenantId, ip: null }, d, { type: 'ANONYMISE' });
      await em.query(`UPDATE dossiers SET anonymised_at = now() WHERE id = $1 AND tenant_id = $2`, [dossierId, tenantId]);
      await this.audit.append(em, { tenantId, actorId: null, action: 'dossier.anonymise', entityType: 'Dossier', entityId: dossierId, outcome: 'ALLOWED', ip: null, details: erased });
      return true;
    });
  }

  /** Erases personal data and free text of one dossier; returns how many rows each statement touched (counts only). */
  private async erase(em: EntityManager, tenantId: string, dossierId: string): Promise<Record<string, number>> {
    const count = async (sql: string, params: unknown[]) => {
      const res = await em.query(sql, params);
      return Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0;
    };
    const p = [dossierId, tenantId];
    return {
      subjects: await count(`UPDATE subjects SET first_name = NULL, last_name = NULL, birth_date = NULL, municipality = NULL, match_key = NULL, updated_at = now()
                              WHERE dossier_id = $1 AND tenant_id = $2`, p),
      dossier: await count(`UPDATE dossiers SET summary = NULL WHERE id = $1 AND tenant_id = $2`, p),
      contributions: await count(`UPDATE contributions SET text = NULL WHERE dossier_id = $1 AND tenant_id = $2`, p),
      agendaItems: await count(`UPDATE agenda_items SET summary = NULL WHERE dossier_id = $1 AND tenant_id = $2`, p),
      agreements: await count(`UPDATE agreements SET description = NULL, note = NULL WHERE dossier_id = $1 AND tenant_id = $2`, p),
      endorsements: await count(`UPDATE endorsements e SET note = NULL FROM agenda_items ai
                                   WHERE e.agenda_item_id = ai.id AND ai.dossier_id = $1 AND ai.tenant_id = $2`, p),
      feedbackSheets: await count(`UPDATE feedback_sheets SET content = NULL WHERE dossier_id = $1 AND tenant_id = $2`, p),
      feedbackApprovals: await count(`UPDATE feedback_sheet_approvals fa SET note = NULL FROM feedback_sheets fs
                                        WHERE fa.sheet_id = fs.id AND fs.dossier_id = $1 AND fs.tenant_id = $2`, p),
      // Reasons are free text (REJECT, an agreement not carried out, …), except a CLOSE's reason: a code, part of the skeleton.
      eventReasons: await count(`UPDATE workflow_events we SET reason = NULL
                                  WHERE we.tenant_id = $2 AND we.reason IS NOT NULL
                                    AND ((we.entity_type = 'Dossier' AND we.entity_id = $1 AND NOT (we.event = 'CLOSE' AND we.reason = ANY($3::text[])))
                                      OR (we.entity_type = 'Agreement' AND we.entity_id IN (SELECT id FROM agreements WHERE dossier_id = $1))
                                      OR (we.entity_type = 'FeedbackSheet' AND we.entity_id IN (SELECT id FROM feedback_sheets WHERE dossier_id = $1))
                                      OR (we.entity_type = 'DossierAwareness' AND we.entity_id = $1))`,
      [...p, [...CLOSURE_REASONS]]),
      // An outside service a signal was referred to is free text; a referral to a partner (an id) is skeleton.
      eventDetails: await count(`UPDATE workflow_events SET details = details - 'referredTo'
                                  WHERE tenant_id = $2 AND entity_type = 'Dossier' AND entity_id = $1 AND details->'referredTo' ? 'name'`, p),
      // Screening notes are free text; the answers (codes) are skeleton. Same in the SAVE_SCREENING history rows.
      screeningNotes: await count(`UPDATE dossier_screenings
                                      SET answers = (SELECT coalesce(jsonb_agg(jsonb_set(a, '{note}', 'null'::jsonb)), '[]'::jsonb) FROM jsonb_array_elements(answers) a)
                                    WHERE dossier_id = $1 AND tenant_id = $2`, p),
      screeningEventNotes: await count(`UPDATE workflow_events
                                           SET details = jsonb_set(details, '{screening}',
                                                 (SELECT coalesce(jsonb_agg(jsonb_set(a, '{note}', 'null'::jsonb)), '[]'::jsonb) FROM jsonb_array_elements(details->'screening') a))
                                         WHERE tenant_id = $2 AND entity_type = 'Dossier' AND entity_id = $1 AND event = 'SAVE_SCREENING' AND details ? 'screening'`, p),
      // Whether and when the person was informed, and their consent, are skeleton (PERSON_INFORMED); the explanation is not.
      awareness: await count(`UPDATE dossier_awareness SET explanation = NULL WHERE id = $1 AND tenant_id = $2`, p),
    };
  }
}
