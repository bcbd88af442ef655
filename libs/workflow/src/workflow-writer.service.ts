import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { staleVersion } from '@kernteam/http';
import { OutboxService } from '@kernteam/jobs';

/** The job every lifecycle step hands to the worker (its outbox row is written with the step). */
const TRANSITIONED = 'workflow.transitioned';

/** Tables whose rows follow a lifecycle: `id`, `tenant_id`, `state`, `version`, `updated_at`. */
export type LifecycleTable = 'dossiers' | 'meetings' | 'agreements' | 'feedback_sheets' | 'dossier_awareness';

export interface PersistTransition {
  table: LifecycleTable;
  entityType: string;
  entityId: string;
  actor: Pick<Actor, 'id' | 'tenantId' | 'ip'> | { id: null; tenantId: string; ip: null };
  /** The version the caller based the change on; a different current version is a 409 and nothing is written. */
  version: number;
  event: string;
  fromState: string;
  toState: string;
  reason?: string | null;
  /** Further columns to set in the same UPDATE (snake_case column → value). */
  set?: Record<string, unknown>;
  /** Codes and ids only; stored with the event and handed to the job. */
  payload?: Record<string, string | number | boolean | null>;
  /** Further facts of the event shown in its history (may hold names, e.g. an outside service); never handed to jobs. */
  details?: Record<string, unknown>;
}

/**
 * Persists one lifecycle step in the caller's transaction: state + version bump guarded by the expected version,
 * the event row (next sequence number), the audit row and the outbox row. All or nothing.
 */
@Injectable()
export class WorkflowWriter {
  constructor(private readonly audit: AuditService, private readonly outbox: OutboxService) {}

  async persist(em: EntityManager, t: PersistTransition): Promise<{ version: number; seq: number; updatedAt: Date }> {
    const extra = Object.entries(t.set ?? {});
    const assignments = extra.map(([col], i) => `${col} = $${i + 13}`).join(', ');
    // One statement (one round trip): the guarded UPDATE, then the event and the outbox row only if it matched.
    const rows: { version: number; updated_at: Date; seq: number }[] = await em.query(
      `WITH u AS (
         UPDATE ${t.table} SET state = $1, version = version + 1, updated_at = now()${assignments ? `, ${assignments}` : ''}
          WHERE id = $2 AND tenant_id = $3 AND version = $4 AND state = $5 RETURNING version, updated_at),
       e AS (
         INSERT INTO workflow_events (tenant_id, entity_type, entity_id, seq, event, from_state, to_state, actor_id, reason, payload, details)
         SELECT $3, $6, $2, coalesce((SELECT max(seq) FROM workflow_events WHERE entity_type = $6 AND entity_id = $2), 0) + 1, $7, $5, $1, $8, $9, $10, $11
           FROM u RETURNING seq),
       o AS (
         INSERT INTO outbox (tenant_id, job_name, payload) SELECT $3, '${TRANSITIONED}', $12::jsonb || jsonb_build_object('seq', e.seq) FROM e)
       SELECT u.version, u.updated_at, e.seq FROM u, e`,
      [t.toState, t.entityId, t.actor.tenantId, t.version, t.fromState, t.entityType, t.event, t.actor.id, t.reason ?? null,
        JSON.stringify(t.payload ?? {}), t.details ? JSON.stringify(t.details) : null,
        JSON.stringify({ entityType: t.entityType, entityId: t.entityId, event: t.event, fromState: t.fromState, toState: t.toState, ...t.payload }),
        ...extra.map(([, v]) => v)],
    );
    if (rows.length !== 1) throw staleVersion();
    await this.audit.append(em, {
      tenantId: t.actor.tenantId, actorId: t.actor.id, action: `${t.entityType.toLowerCase()}.transition`, entityType: t.entityType,
      entityId: t.entityId, outcome: 'ALLOWED', ip: t.actor.ip, details: { event: t.event, fromState: t.fromState, toState: t.toState },
    });
    return { version: Number(rows[0].version), seq: Number(rows[0].seq), updatedAt: rows[0].updated_at };
  }

  /**
   * Records a fact about a lifecycle record that does not move it (e.g. a saved screening form): an event row with
   * from = to = its current state, its audit row and its outbox row, in the caller's transaction. The caller guards
   * whatever version the fact has.
   */
  async note(em: EntityManager, t: Omit<PersistTransition, 'version' | 'fromState' | 'toState' | 'set' | 'table' | 'reason'> & { state: string }): Promise<{ seq: number }> {
    const [{ seq }]: { seq: number }[] = await em.query(
      `INSERT INTO workflow_events (tenant_id, entity_type, entity_id, seq, event, from_state, to_state, actor_id, payload, details)
       SELECT $1, $2, $3, coalesce(max(seq), 0) + 1, $4, $5, $5, $6, $7, $8 FROM workflow_events WHERE entity_type = $2 AND entity_id = $3
       RETURNING seq`,
      [t.actor.tenantId, t.entityType, t.entityId, t.event, t.state, t.actor.id, JSON.stringify(t.payload ?? {}), t.details ? JSON.stringify(t.details) : null],
    );
    await this.audit.append(em, {
      tenantId: t.actor.tenantId, actorId: t.actor.id, action: `${t.entityType.toLowerCase()}.${t.event.toLowerCase()}`, entityType: t.entityType,
      entityId: t.entityId, outcome: 'ALLOWED', ip: t.actor.ip, details: { event: t.event, state: t.state, ...t.payload },
    });
    await this.outbox.add(em, t.actor.tenantId, 'workflow.transitioned', {
      entityType: t.entityType, entityId: t.entityId, event: t.event, fromState: t.state, toState: t.state, seq, ...t.payload,
    });
    return { seq: Number(seq) };
  }

  /** Records the creation of a lifecycle record as its first event (seq 1, no from-state). */
  async created(em: EntityManager, t: Omit<PersistTransition, 'version' | 'fromState' | 'set' | 'table' | 'reason'>): Promise<void> {
    await em.query(
      `INSERT INTO workflow_events (tenant_id, entity_type, entity_id, seq, event, from_state, to_state, actor_id, payload)
       VALUES ($1, $2, $3, 1, $4, NULL, $5, $6, $7)`,
      [t.actor.tenantId, t.entityType, t.entityId, t.event, t.toState, t.actor.id, JSON.stringify(t.payload ?? {})],
    );
    await this.audit.append(em, {
      tenantId: t.actor.tenantId, actorId: t.actor.id, action: `${t.entityType.toLowerCase()}.create`, entityType: t.entityType,
      entityId: t.entityId, outcome: 'ALLOWED', ip: t.actor.ip, details: { toState: t.toState },
    });
    await this.outbox.add(em, t.actor.tenantId, 'workflow.transitioned', {
      entityType: t.entityType, entityId: t.entityId, event: t.event, fromState: null, toState: t.toState, seq: 1, ...t.payload,
    });
  }
}
