import type { Policy } from '@kernteam/access';

/**
 * DESIGN.md §4/§6 and GwH 52/2021 for feedback sheets (terugkoppelingsfiches) to the police. Reading a sheet also
 * needs read access to its dossier (checked by the service first), so these rules only narrow further.
 *
 * Approvers ("partners present at the discussion") are the partners present at the meeting, except the police: the
 * police is the addressee, may not see the sheet before it is approved (DESIGN.md §6), and therefore cannot be asked
 * to approve it. Its members read a sheet only once GOEDGEKEURD.
 *
 * - casemanager: drafts, edits, submits, reads all; approves on behalf of their partner when it is an approver;
 * - chair: reads all; approves on behalf of their partner when it is an approver;
 * - member: reads approved sheets (the sheet only, not the deliberation) and, when their partner is an approver, the
 *   submitted ones, which they approve or reject on behalf of their partner.
 *
 * The CASL subject: `tenantId`, `state`, `approverPartnerIds` (computed). CASL field `deliberation` covers who
 * approved with which note; `sheet` the sheet itself.
 */
export const feedbackSheetPolicy: Policy = (actor, { can }) => {
  const { tenantId, partnerId } = actor;
  const submitted = { $in: ['TER_GOEDKEURING', 'GOEDGEKEURD', 'AFGEWEZEN'] };
  switch (actor.role) {
    case 'casemanager':
      can(['create', 'read', 'update', 'transition'], 'FeedbackSheet', { tenantId });
      if (partnerId) can('endorse', 'FeedbackSheet', { tenantId, approverPartnerIds: partnerId, state: 'TER_GOEDKEURING' });
      break;
    case 'chair':
      can('read', 'FeedbackSheet', { tenantId });
      if (partnerId) can('endorse', 'FeedbackSheet', { tenantId, approverPartnerIds: partnerId, state: 'TER_GOEDKEURING' });
      break;
    case 'member':
      if (!partnerId) break;
      can('read', 'FeedbackSheet', ['sheet'], { tenantId, state: 'GOEDGEKEURD' });
      can('read', 'FeedbackSheet', { tenantId, approverPartnerIds: partnerId, state: submitted });
      can('endorse', 'FeedbackSheet', { tenantId, approverPartnerIds: partnerId, state: 'TER_GOEDKEURING' });
      break;
    default:
      break;
  }
};

/** SQL of the approvers of sheet `f`: partners present at its meeting, the police excepted. */
export const approverPartnersSql = (sheetAlias: string) => `
  SELECT p.id FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id JOIN partners p ON p.id = ANY(m.present_partner_ids)
   WHERE ai.id = ${sheetAlias}.agenda_item_id AND p.type <> 'POLITIE'`;

/** CASL fields of a feedback sheet → SQL (alias `f`). */
export const FEEDBACK_SHEET_SQL_FIELDS = {
  tenantId: 'f.tenant_id',
  state: 'f.state',
  approverPartnerIds: (op: string, p: string) => {
    if (op === 'eq') return `:${p} IN (${approverPartnersSql('f')})`;
    throw new Error(`approverPartnerIds does not support ${op}`);
  },
};
