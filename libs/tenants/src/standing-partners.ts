/** Partner types standing in every LIVC-R unless the tenant chose its own (law of 30 July 2018; DESIGN.md §3). */
export const DEFAULT_STANDING_PARTNER_TYPES = ['BURGEMEESTER', 'CASEMANAGEMENT', 'POLITIE', 'PREVENTIE'] as const;

/**
 * SQL of "the standing partners of tenant `tenantIdSql`": the tenant's chosen partners, or (none chosen) its partners of
 * the default types; active ones only. The one definition, used for invitations, meeting visibility and the settings.
 */
export const standingPartnersSql = (tenantIdSql: string) => `
  SELECT sp.id FROM partners sp JOIN tenants st ON st.id = sp.tenant_id
   WHERE sp.tenant_id = ${tenantIdSql} AND sp.active
     AND CASE WHEN st.standing_partner_ids IS NULL THEN sp.type IN (${DEFAULT_STANDING_PARTNER_TYPES.map((t) => `'${t}'`).join(', ')})
              ELSE sp.id = ANY(st.standing_partner_ids) END`;
