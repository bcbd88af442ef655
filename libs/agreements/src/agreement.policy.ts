import type { Policy } from '@kernteam/access';
import { EARLY_DOSSIER_STATES } from '@kernteam/dossiers';

/**
 * DESIGN.md §6 for agreements (afspraken). The casemanager manages them; the chair reads all; a member reads those
 * of their own partner and those of dossiers they may see (the dossier rule of dossier.policy.ts, restated on the
 * agreement's dossier fields), and moves those of their own partner. Evaluator, admin and auditor: nothing.
 *
 * The CASL subject is the agreement joined with its dossier: `tenantId`, `state`, `responsiblePartnerId`,
 * `dossierState`, `dossierReferringPartnerId`, `dossierInvolvedPartnerIds`.
 */
export const agreementPolicy: Policy = (actor, { can }) => {
  const { tenantId, partnerId } = actor;
  switch (actor.role) {
    case 'casemanager':
      can('manage', 'Agreement', { tenantId });
      break;
    case 'chair':
      can('read', 'Agreement', { tenantId });
      if (partnerId) can('transition', 'Agreement', { tenantId, responsiblePartnerId: partnerId });
      break;
    case 'member':
      if (!partnerId) break;
      can('read', 'Agreement', { tenantId, responsiblePartnerId: partnerId });
      can('read', 'Agreement', { tenantId, dossierInvolvedPartnerIds: partnerId, dossierState: { $nin: EARLY_DOSSIER_STATES } });
      can('read', 'Agreement', { tenantId, dossierInvolvedPartnerIds: partnerId, dossierReferringPartnerId: partnerId });
      can('transition', 'Agreement', { tenantId, responsiblePartnerId: partnerId });
      break;
    default:
      break;
  }
};

/** CASL fields of an agreement → SQL, for `agreements a JOIN dossiers d`. */
export const AGREEMENT_SQL_FIELDS = {
  tenantId: 'a.tenant_id',
  state: 'a.state',
  responsiblePartnerId: 'a.responsible_partner_id',
  dossierState: 'd.state',
  dossierReferringPartnerId: 'd.referring_partner_id',
  dossierInvolvedPartnerIds: (op: string, p: string) => {
    if (op === 'eq') return `:${p} = ANY(d.involved_partner_ids)`;
    throw new Error(`dossierInvolvedPartnerIds does not support ${op}`);
  },
};
