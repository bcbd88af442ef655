import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { TenantDb } from '@kernteam/persistence';
import type { TestApp } from './app';

/** One step of a dossier's history: the event, the state it led to, when (ISO instant), and its reason if any. */
export type HistoryStep = [event: string, toState: string, at: string, reason?: string];

export interface FixtureDossier { id: string; reference: string }

export interface AgreementSpec { responsible: string; dueOn: string; state?: string; doneOn?: string | null; description?: string; note?: string }
export interface EndorsementSpec { partner: string; endorsed: boolean; note?: string }

/**
 * Writes meetings, agenda items with outcomes, agreements, endorsements and dossiers with a given history straight into
 * the database (through TenantDb.system), for tests of what reads them: indicators, exports, retention. The meetings
 * API is built elsewhere; these rows have the shape its schema (migrations/1763750000000) defines.
 */
export class MeetingFixtures {
  private seq = 0;
  private readonly tag = randomUUID().slice(0, 4).toUpperCase();

  constructor(private readonly t: TestApp, readonly tenantId: string) {}

  private run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.t.app.get(TenantDb).system(work);
  }

  /**
   * A dossier received on `receivedOn`, with its subject and the given history after REGISTER (at `receivedOn`, 09:00
   * Brussels). Its state is the last step's state; CLOSE steps set the closure reason.
   */
  async dossier(opts: {
    receivedOn: string;
    history?: HistoryStep[];
    referringPartnerId: string;
    summary?: string;
    subject?: { firstName: string; lastName: string; birthDate?: string; municipality?: string };
  }): Promise<FixtureDossier> {
    const year = opts.receivedOn.slice(0, 4);
    const reference = `LIVC-${year}-${this.tag}${String(++this.seq).padStart(3, '0')}`;
    const history = opts.history ?? [];
    const state = history.length ? history[history.length - 1][1] : 'AANGEMELD';
    const lastClose = [...history].reverse().find(([e]) => e === 'CLOSE' || e === 'REOPEN');
    const closureReason = lastClose?.[0] === 'CLOSE' ? lastClose[3] ?? null : null;
    return this.run(async (em) => {
      const [{ id }] = await em.query(
        `INSERT INTO dossiers (tenant_id, reference, phenomenon, state, referring_partner_id, received_on, summary, involved_partner_ids, closure_reason, version)
         VALUES ($1, $2, 'RADICALISERING', $3, $4, $5, $6, ARRAY[$4]::uuid[], $7, $8) RETURNING id`,
        [this.tenantId, reference, state, opts.referringPartnerId, opts.receivedOn, opts.summary ?? null, closureReason, history.length + 1],
      );
      const s = opts.subject;
      await em.query(
        `INSERT INTO subjects (tenant_id, dossier_id, first_name, last_name, birth_date, gender, municipality) VALUES ($1, $2, $3, $4, $5, 'X', $6)`,
        [this.tenantId, id, s?.firstName ?? null, s?.lastName ?? null, s?.birthDate ?? null, s?.municipality ?? null],
      );
      const steps: HistoryStep[] = [['REGISTER', 'AANGEMELD', `${opts.receivedOn}T08:00:00Z`], ...history];
      let from: string | null = null;
      for (const [i, [event, to, at, reason]] of steps.entries()) {
        await em.query(
          `INSERT INTO workflow_events (tenant_id, entity_type, entity_id, seq, event, from_state, to_state, reason, at) VALUES ($1, 'Dossier', $2, $3, $4, $5, $6, $7, $8)`,
          [this.tenantId, id, i + 1, event, from, to, reason ?? null, at],
        );
        from = to;
      }
      return { id, reference };
    });
  }

  async contribution(dossierId: string, authorId: string, text: string): Promise<void> {
    await this.run((em) =>
      em.query(`INSERT INTO contributions (tenant_id, dossier_id, author_id, visibility, text) VALUES ($1, $2, $3, 'KERNTEAM', $4)`, [this.tenantId, dossierId, authorId, text]),
    );
  }

  /** A meeting at an instant (ISO with offset), in a state, with the partners present. */
  async meeting(opts: { at: string; state: string; present: string[] }): Promise<string> {
    return this.run(async (em) => {
      const [{ id }] = await em.query(
        `INSERT INTO meetings (tenant_id, scheduled_at, location, state, present_partner_ids) VALUES ($1, $2, 'Stadhuis', $3, $4::uuid[]) RETURNING id`,
        [this.tenantId, opts.at, opts.state, opts.present],
      );
      return id;
    });
  }

  /** One dossier on a meeting's agenda, with its outcome, agreements and endorsements. */
  async item(meetingId: string, dossierId: string, opts: {
    outcome: 'DISCUSSED' | 'POSTPONED' | null; summary?: string; agreements?: AgreementSpec[]; endorsements?: EndorsementSpec[];
  }): Promise<{ itemId: string; agreementIds: string[] }> {
    return this.run(async (em) => {
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM agenda_items WHERE meeting_id = $1`, [meetingId]);
      const [{ id: itemId }] = await em.query(
        `INSERT INTO agenda_items (tenant_id, meeting_id, dossier_id, position, outcome, summary, outcome_recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END) RETURNING id`,
        [this.tenantId, meetingId, dossierId, n + 1, opts.outcome, opts.summary ?? null],
      );
      const agreementIds: string[] = [];
      for (const a of opts.agreements ?? []) {
        const [{ id }] = await em.query(
          `INSERT INTO agreements (tenant_id, agenda_item_id, dossier_id, description, responsible_partner_id, due_on, state, note, done_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [this.tenantId, itemId, dossierId, a.description ?? 'Afspraak', a.responsible, a.dueOn, a.state ?? 'OPEN', a.note ?? null, a.doneOn ?? null],
        );
        agreementIds.push(id);
      }
      for (const e of opts.endorsements ?? []) {
        await em.query(
          `INSERT INTO endorsements (tenant_id, agenda_item_id, partner_id, endorsed, note) VALUES ($1, $2, $3, $4, $5)`,
          [this.tenantId, itemId, e.partner, e.endorsed, e.note ?? null],
        );
      }
      return { itemId, agreementIds };
    });
  }
}
