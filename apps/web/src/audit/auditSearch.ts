/** `/audit?actorId=&action=&entityType=&entityId=&outcome=&from=&to=&page=`: the filters under the API's own names. */
export interface AuditSearch {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  outcome?: 'ALLOWED' | 'DENIED';
  from?: string;
  to?: string;
  page?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim() && v.length <= max ? v.trim() : undefined);

/** What the URL holds, kept only when the API would accept it (a hand-edited link never ends in a 400). */
export function parseAuditSearch(s: Record<string, unknown>): AuditSearch {
  const page = Number(s.page);
  return {
    actorId: typeof s.actorId === 'string' && UUID.test(s.actorId) ? s.actorId : undefined,
    action: text(s.action, 100),
    entityType: text(s.entityType, 50),
    entityId: typeof s.entityId === 'string' && UUID.test(s.entityId) ? s.entityId : undefined,
    outcome: s.outcome === 'ALLOWED' || s.outcome === 'DENIED' ? s.outcome : undefined,
    from: typeof s.from === 'string' && DAY.test(s.from) ? s.from : undefined,
    to: typeof s.to === 'string' && DAY.test(s.to) ? s.to : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}

/** `/audit/access-log?reference=LIVC-2026-0007&page=` */
export interface AccessLogSearch { reference?: string; page?: number }

export function parseAccessLogSearch(s: Record<string, unknown>): AccessLogSearch {
  const page = Number(s.page);
  return { reference: text(s.reference, 40)?.toUpperCase(), page: Number.isInteger(page) && page > 1 ? page : undefined };
}

/** The entity types the trail names (the API's own codes). */
export const ENTITY_TYPES = [
  'Dossier', 'Meeting', 'AgendaItem', 'Agreement', 'FeedbackSheet', 'Contribution', 'Plan', 'PlanNode', 'Export', 'User', 'Partner', 'Tenant',
  'Notification', 'AuditEvent',
] as const;
