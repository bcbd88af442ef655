import type { Policy } from '@kernteam/access';
import { standingPartnersSql } from '@kernteam/tenants';

/**
 * DESIGN.md §6 for meetings.
 * - chair: manages meetings, including approving the minutes (APPROVE_MINUTES is the chair's alone);
 * - casemanager: plans meetings and manages agendas, attendance and outcomes, so may send every other event;
 * - member: reads the meetings they attend. "Attend" is decided as: their partner was present, or their partner is
 *   expected, i.e. invited: involved in a dossier on the agenda, or a standing partner of the tenant (its settings;
 *   invited to every meeting). Inside a meeting a member sees the agenda items of dossiers they may read, and the items
 *   of a session their partner was present at (what they heard, art. 458ter Sw.), nothing else;
 * - evaluator, admin, auditor: nothing (the evaluator gets aggregates through the indicators).
 *
 * The CASL subject: `tenantId`, `state`, `chairUserId`, `presentPartnerIds`, `expectedPartnerIds` (computed).
 * Transition rules carry the event as CASL field, so `can('transition', meeting, 'APPROVE_MINUTES')` decides per event.
 */
export const meetingPolicy: Policy = (actor, { can }) => {
  const { tenantId, partnerId } = actor;
  switch (actor.role) {
    case 'chair':
      can('manage', 'Meeting', { tenantId });
      break;
    case 'casemanager':
      can(['create', 'read', 'update'], 'Meeting', { tenantId });
      can('transition', 'Meeting', ['FINALIZE_AGENDA', 'OPEN', 'CLOSE', 'CANCEL'], { tenantId });
      break;
    case 'member':
      if (!partnerId) break;
      can('read', 'Meeting', { tenantId, presentPartnerIds: partnerId });
      can('read', 'Meeting', { tenantId, expectedPartnerIds: partnerId });
      // What a partner heard: every item of a session it was present at (outcome, summary, agreements), even when the
      // dossier itself stays out of its sight. Chair and casemanager read every dossier, so every item, already.
      can('read', 'AgendaItem', { tenantId, meetingPresentPartnerIds: partnerId, meetingState: { $in: [...SESSION_HELD_STATES] } });
      break;
    default:
      break;
  }
};

/** SQL of "the partners expected at meeting `m`": involved in an agenda dossier, or standing partners of the tenant; active only. */
export const expectedPartnersSql = (meetingAlias: string) => `
  SELECT p.id FROM partners p
   WHERE p.tenant_id = ${meetingAlias}.tenant_id AND p.active
     AND (p.id IN (${standingPartnersSql(`${meetingAlias}.tenant_id`)})
          OR EXISTS (SELECT 1 FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id
                      WHERE ai.meeting_id = ${meetingAlias}.id AND p.id = ANY(d.involved_partner_ids)))`;

/** Meeting states in which the session has started: attendance then says who heard the items. */
export const SESSION_HELD_STATES = ['IN_ZITTING', 'AFGEROND', 'VERSLAG_GOEDGEKEURD'] as const;

/** CASL fields of an agenda item → SQL (`agenda_items ai JOIN meetings m`). */
export const AGENDA_ITEM_SQL_FIELDS = {
  tenantId: 'ai.tenant_id',
  meetingState: 'm.state',
  meetingPresentPartnerIds: (op: string, p: string) => {
    if (op === 'eq') return `:${p} = ANY(m.present_partner_ids)`;
    throw new Error(`meetingPresentPartnerIds does not support ${op}`);
  },
};

/** CASL fields of a meeting → SQL (alias `m`), for lists filtered in the database. */
export const MEETING_SQL_FIELDS = {
  tenantId: 'm.tenant_id',
  state: 'm.state',
  chairUserId: 'm.chair_user_id',
  presentPartnerIds: (op: string, p: string) => {
    if (op === 'eq') return `:${p} = ANY(m.present_partner_ids)`;
    throw new Error(`presentPartnerIds does not support ${op}`);
  },
  expectedPartnerIds: (op: string, p: string) => {
    if (op === 'eq') return `:${p} IN (${expectedPartnersSql('m')})`;
    throw new Error(`expectedPartnerIds does not support ${op}`);
  },
};
