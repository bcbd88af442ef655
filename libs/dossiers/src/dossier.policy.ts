import type { Policy } from '@kernteam/access';

/** Early states a member sees only for signals their own partner referred (also used by rules that follow dossier visibility). */
export const EARLY_DOSSIER_STATES = ['AANGEMELD', 'SCREENING'];
const EARLY = EARLY_DOSSIER_STATES;

/**
 * DESIGN.md §6 for dossiers, identities (Subject) and contributions. Subject conditions are evaluated against the
 * dossier the subject belongs to, so identities follow dossier visibility exactly.
 */
export const dossierPolicy: Policy = (actor, { can }) => {
  const { tenantId, partnerId } = actor;
  switch (actor.role) {
    case 'casemanager':
      can('manage', 'Dossier', { tenantId });
      can('manage', 'Subject', { tenantId });
      can('manage', 'Contribution', { tenantId });
      break;
    case 'chair':
      can('read', 'Dossier', { tenantId });
      can('read', 'Subject', { tenantId });
      can('read', 'Contribution', { tenantId, visibility: 'KERNTEAM' });
      break;
    case 'member': {
      if (!partnerId) break;
      const involvedLater = { tenantId, involvedPartnerIds: partnerId, state: { $nin: EARLY } };
      const referredByOwn = { tenantId, involvedPartnerIds: partnerId, referringPartnerId: partnerId };
      can('read', 'Dossier', involvedLater);
      can('read', 'Dossier', referredByOwn);
      can('read', 'Subject', involvedLater);
      can('read', 'Subject', referredByOwn);
      can('create', 'Dossier', { tenantId, referringPartnerId: partnerId });
      can('read', 'Contribution', { tenantId, visibility: 'KERNTEAM' });
      can('read', 'Contribution', { tenantId, visibility: 'RESTRICTED', authorPartnerId: partnerId });
      can('create', 'Contribution', { tenantId, authorPartnerId: partnerId });
      break;
    }
    default:
      break; // admin, evaluator, auditor never see a dossier
  }
};

/** How the CASL condition fields of a dossier map to SQL (alias `d`), for lists filtered in the database. */
export const DOSSIER_SQL_FIELDS = {
  tenantId: 'd.tenant_id',
  state: 'd.state',
  referringPartnerId: 'd.referring_partner_id',
  involvedPartnerIds: (op: string, p: string) => {
    if (op === 'eq') return `:${p} = ANY(d.involved_partner_ids)`;
    throw new Error(`involvedPartnerIds does not support ${op}`);
  },
};

export const CONTRIBUTION_SQL_FIELDS = {
  tenantId: 'c.tenant_id',
  visibility: 'c.visibility',
  authorPartnerId: 'c.author_partner_id',
};
