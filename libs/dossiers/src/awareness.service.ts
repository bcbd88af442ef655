import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AppAbility, as } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { brusselsDate, domainRule, FieldError, invalid, invalidTransition, notAllowed, staleVersion } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { acceptedEventTypes, step, WorkflowWriter } from '@kernteam/workflow';
import { AwarenessHistoryEntry, AwarenessTransitionDto, AwarenessView } from './awareness';
import { AwarenessContext, AwarenessEvent, awarenessMachine, AwarenessState } from './awareness.machine';
import type { Dossier } from './dossier.entity';
import { DossiersService } from './dossiers.service';

interface AwarenessRow {
  state: AwarenessState; version: number; informed_on: string | null; not_informed_reason: AwarenessContext['notInformedReason'];
  explanation: string | null; consent: AwarenessContext['consent']; consent_on: string | null;
}

const INITIAL_ROW: AwarenessRow = { state: 'NOT_RECORDED', version: 1, informed_on: null, not_informed_reason: null, explanation: null, consent: 'NOT_ASKED', consent_on: null };
const contextOf = (r: AwarenessRow): AwarenessContext =>
  ({ informedOn: r.informed_on, notInformedReason: r.not_informed_reason, explanation: r.explanation, consent: r.consent, consentOn: r.consent_on });

/** Which fields each event takes (any other is a 400, so nothing is silently ignored). */
const FIELDS: Record<AwarenessEvent['type'], (keyof AwarenessTransitionDto)[]> = {
  INFORM: ['informedOn'], NOT_INFORM: ['reason', 'explanation'], RECORD_CONSENT: ['consent', 'consentOn'],
};

/**
 * Awareness and consent of the person (issue 13, item 3): the awareness machine of a dossier, persisted in
 * `dossier_awareness` (created at its first step) with its event rows (entity type DossierAwareness).
 */
@Injectable()
export class AwarenessService {
  constructor(private readonly db: TenantDb, private readonly dossiers: DossiersService, private readonly writer: WorkflowWriter, private readonly audit: AuditService) {}

  async get(actor: Actor, ability: AppAbility, id: string): Promise<AwarenessView> {
    return this.db.tx(actor, async (em) => {
      const d = await this.dossiers.visible(em, actor, ability, id);
      const view = await this.view(em, ability, d);
      await this.audit.record(em, actor, 'dossier.awareness.read', { type: 'Dossier', id }, { returned: view.history.length });
      return view;
    });
  }

  async transition(actor: Actor, ability: AppAbility, id: string, dto: AwarenessTransitionDto): Promise<AwarenessView> {
    return this.db.tx(actor, async (em) => {
      const d = await this.dossiers.visible(em, actor, ability, id);
      if (!ability.can('update', as('Dossier', d))) throw notAllowed('Dossier', id, 'Only the casemanagement records awareness and consent.');
      if (d.state === 'GEANONIMISEERD') throw domainRule('An anonymised dossier cannot be changed.');
      const today = brusselsDate();
      const problems: FieldError[] = (Object.keys(FIELDS) as AwarenessEvent['type'][])
        .flatMap((e) => (e === dto.event ? [] : FIELDS[e]))
        .filter((f) => !FIELDS[dto.event].includes(f) && dto[f] !== undefined)
        .map((f) => ({ field: f, message: `${dto.event} takes no ${f}` }));
      for (const f of ['informedOn', 'consentOn'] as const) {
        if (dto[f] && dto[f]! > today) problems.push({ field: f, message: `${f} must not be after today (${today}, Europe/Brussels)` });
      }
      if (problems.length) throw invalid(problems);
      await em.query(`INSERT INTO dossier_awareness (id, tenant_id, state) VALUES ($1, $2, 'NOT_RECORDED') ON CONFLICT (id) DO NOTHING`, [id, actor.tenantId]);
      const row = (await this.row(em, actor.tenantId, id))!;
      if (row.version !== dto.version) throw staleVersion();
      const event = { type: dto.event, informedOn: dto.informedOn, reason: dto.reason, explanation: dto.explanation, consent: dto.consent, consentOn: dto.consentOn };
      const result = step(awarenessMachine, row.state, contextOf(row), event);
      if (!result.ok && result.problem === 'NOT_ACCEPTED') throw invalidTransition(dto.event, row.state);
      if (!result.ok) throw invalid(this.guardProblems(dto));
      const c = result.context as AwarenessContext;
      await this.writer.persist(em, {
        table: 'dossier_awareness', entityType: 'DossierAwareness', entityId: id, actor, version: row.version, event: dto.event,
        fromState: row.state, toState: result.state,
        // The explanation is free text: kept as the event's reason, which the retention job erases.
        reason: dto.event === 'NOT_INFORM' ? c.explanation : null,
        set: { informed_on: c.informedOn, not_informed_reason: c.notInformedReason, explanation: c.explanation, consent: c.consent, consent_on: c.consentOn },
        payload: {
          dossierId: id,
          ...(dto.event === 'INFORM' ? { informedOn: c.informedOn } : {}),
          ...(dto.event === 'NOT_INFORM' ? { notInformedReason: c.notInformedReason } : {}),
          ...(dto.event === 'RECORD_CONSENT' ? { consent: c.consent, consentOn: c.consentOn } : {}),
        },
      });
      return this.view(em, ability, d);
    });
  }

  private guardProblems(dto: AwarenessTransitionDto): FieldError[] {
    if (dto.event === 'INFORM') return [{ field: 'informedOn', message: 'informedOn is required for INFORM' }];
    if (dto.event === 'NOT_INFORM') {
      return [
        ...(dto.reason ? [] : [{ field: 'reason', message: 'reason (NOT_POSSIBLE or NOT_ADVISABLE) is required for NOT_INFORM' }]),
        ...(dto.explanation?.trim() ? [] : [{ field: 'explanation', message: 'a short explanation is required for NOT_INFORM' }]),
      ];
    }
    if (!dto.consent) return [{ field: 'consent', message: 'consent is required for RECORD_CONSENT' }];
    return dto.consent === 'NOT_ASKED'
      ? [{ field: 'consentOn', message: 'NOT_ASKED takes no consentOn' }]
      : [{ field: 'consentOn', message: `consentOn is required with consent ${dto.consent}` }];
  }

  private async row(em: EntityManager, tenantId: string, id: string): Promise<AwarenessRow | undefined> {
    const [row] = await em.query(
      `SELECT state, version, informed_on::text AS informed_on, not_informed_reason, explanation, consent, consent_on::text AS consent_on
         FROM dossier_awareness WHERE id = $1 AND tenant_id = $2`, [id, tenantId]);
    return row;
  }

  private async view(em: EntityManager, ability: AppAbility, d: Dossier): Promise<AwarenessView> {
    const row = (await this.row(em, d.tenantId, d.id)) ?? INITIAL_ROW;
    const events = await em.query(
      `SELECT seq, event, from_state, to_state, actor_id, at, reason, payload FROM workflow_events
        WHERE entity_type = 'DossierAwareness' AND entity_id = $1 AND tenant_id = $2 ORDER BY seq`, [d.id, d.tenantId]);
    const writable = ability.can('update', as('Dossier', d)) && d.state !== 'GEANONIMISEERD';
    return {
      dossierId: d.id, state: row.state, version: Number(row.version), informedOn: row.informed_on, notInformedReason: row.not_informed_reason,
      explanation: row.explanation, consent: row.consent, consentOn: row.consent_on,
      allowedEvents: writable ? acceptedEventTypes(awarenessMachine, row.state) : [],
      history: events.map((r: Record<string, unknown>): AwarenessHistoryEntry => {
        const p = (r.payload ?? {}) as Record<string, string | null>;
        return {
          seq: Number(r.seq), event: String(r.event), fromState: (r.from_state as string | null) ?? null, toState: String(r.to_state),
          actorId: (r.actor_id as string | null) ?? null, at: (r.at as Date).toISOString(),
          informedOn: p.informedOn ?? null, notInformedReason: p.notInformedReason ?? null, explanation: (r.reason as string | null) ?? null,
          consent: p.consent ?? null, consentOn: p.consentOn ?? null,
        };
      }),
    };
  }
}
