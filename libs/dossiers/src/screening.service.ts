import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AppAbility, as } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { domainRule, invalid, notAllowed, staleVersion } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { WorkflowWriter } from '@kernteam/workflow';
import type { Dossier } from './dossier.entity';
import { DossiersService } from './dossiers.service';
import { orderedAnswers, SaveScreeningDto, ScreeningAnswer, screeningComplete, ScreeningView } from './screening';

interface ScreeningRow { answers: ScreeningAnswer[]; version: number; updated_by: string | null; updated_at: Date }

/**
 * The screening form of a dossier (issue 13, item 4): filled in while the dossier is in SCREENING, read-only after.
 * Every save is an event row (SAVE_SCREENING, state unchanged) in the dossier's history, with its audit and outbox rows.
 */
@Injectable()
export class ScreeningService {
  constructor(private readonly db: TenantDb, private readonly dossiers: DossiersService, private readonly writer: WorkflowWriter, private readonly audit: AuditService) {}

  async get(actor: Actor, ability: AppAbility, id: string): Promise<ScreeningView> {
    return this.db.tx(actor, async (em) => {
      const d = await this.dossiers.visible(em, actor, ability, id);
      const view = this.toView(d, ability, await this.row(em, actor.tenantId, id));
      // The notes are free text about the case: read like the dossier's history, so audited like it.
      await this.audit.record(em, actor, 'dossier.screening.read', { type: 'Dossier', id }, { answered: view.answers.length });
      return view;
    });
  }

  async save(actor: Actor, ability: AppAbility, id: string, dto: SaveScreeningDto): Promise<ScreeningView> {
    return this.db.tx(actor, async (em) => {
      const d = await this.dossiers.visible(em, actor, ability, id);
      if (!ability.can('update', as('Dossier', d))) throw notAllowed('Dossier', id, 'Only the casemanagement fills in the screening.');
      // Locked so a RETAIN / REJECT in flight either sees this save or comes after it (and then this save is refused).
      const [{ state }] = await em.query(`SELECT state FROM dossiers WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [id, actor.tenantId]);
      d.state = state;
      if (d.state !== 'SCREENING') throw domainRule(`The screening form is filled in while the dossier is in SCREENING (it is ${d.state}).`);
      const seen = new Set<string>();
      const problems = dto.answers.flatMap((a, i) => {
        if (seen.has(a.question)) return [{ field: `answers.${i}.question`, message: `${a.question} is answered more than once` }];
        seen.add(a.question);
        return [];
      });
      if (problems.length) throw invalid(problems);
      const answers = orderedAnswers(dto.answers.map((a) => ({ question: a.question, answer: a.answer, note: a.note?.trim() ? a.note.trim() : null })));
      const current = await this.row(em, actor.tenantId, id, true);
      if ((current?.version ?? 0) !== dto.version) throw staleVersion();
      if (current) {
        await em.query(`UPDATE dossier_screenings SET answers = $3, version = version + 1, updated_by = $4, updated_at = now() WHERE dossier_id = $1 AND tenant_id = $2`,
          [id, actor.tenantId, JSON.stringify(answers), actor.id]);
      } else {
        await em.query(`INSERT INTO dossier_screenings (dossier_id, tenant_id, answers, version, updated_by) VALUES ($1, $2, $3, 1, $4)`,
          [id, actor.tenantId, JSON.stringify(answers), actor.id]);
      }
      const complete = screeningComplete(answers);
      await this.writer.note(em, {
        entityType: 'Dossier', entityId: id, actor, event: 'SAVE_SCREENING', state: d.state,
        payload: { answered: answers.length, complete }, details: { screening: answers },
      });
      return this.toView(d, ability, await this.row(em, actor.tenantId, id));
    });
  }

  private async row(em: EntityManager, tenantId: string, id: string, lock = false): Promise<ScreeningRow | undefined> {
    const [row] = await em.query(
      `SELECT answers, version, updated_by, updated_at FROM dossier_screenings WHERE dossier_id = $1 AND tenant_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [id, tenantId],
    );
    return row;
  }

  private toView(d: Dossier, ability: AppAbility, row: ScreeningRow | undefined): ScreeningView {
    const answers = orderedAnswers(row?.answers ?? []);
    return {
      dossierId: d.id, version: row?.version ?? 0, answers, complete: screeningComplete(answers),
      editable: d.state === 'SCREENING' && ability.can('update', as('Dossier', d)),
      updatedBy: row?.updated_by ?? null, updatedAt: row?.updated_at ? row.updated_at.toISOString() : null,
    };
  }
}
