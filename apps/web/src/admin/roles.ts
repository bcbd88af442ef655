import type { Role } from '../session/session';

export const ROLES: readonly Role[] = ['admin', 'chair', 'casemanager', 'member', 'evaluator', 'auditor'];
/** Roles that act for a partner (API.md): the partner is required for them and offered only to them. */
export const PARTNER_ROLES: readonly Role[] = ['chair', 'casemanager', 'member'];

/** The partners a role may belong to: only active ones, and for a casemanager only a CASEMANAGEMENT partner. */
export const partnersFor = <P extends { active: boolean; type: string }>(role: Role | null, partners: readonly P[]): P[] =>
  !role || !PARTNER_ROLES.includes(role) ? [] : partners.filter((p) => p.active && (role !== 'casemanager' || p.type === 'CASEMANAGEMENT'));
