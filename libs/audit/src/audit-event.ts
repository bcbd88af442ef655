import { createHash, hash } from 'node:crypto';

export type AuditOutcome = 'ALLOWED' | 'DENIED';

/** What is written: ids and codes only, never names or free text (GDPR art. 9/10). */
export interface AuditEntry {
  tenantId: string | null;
  actorId: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  outcome: AuditOutcome;
  ip?: string | null;
  /** Codes and counts only (e.g. `{ event: 'CLOSE', fromState, toState }`). */
  details?: Record<string, string | number | boolean | null>;
}

export interface ChainedAuditEntry extends AuditEntry {
  seq: number;
  at: string;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
export const NO_TENANT_CHAIN = '00000000-0000-0000-0000-000000000000';

/** Canonical JSON: keys sorted at every level, so the same row always hashes the same. */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Format 1 (rows written before issue 12): one hash over the content, the sequence number and the previous hash. */
export function auditHash(e: ChainedAuditEntry): string {
  const body = {
    tenantId: e.tenantId, seq: e.seq, at: e.at, actorId: e.actorId, action: e.action, entityType: e.entityType ?? null,
    entityId: e.entityId ?? null, outcome: e.outcome, ip: e.ip ?? null, details: e.details ?? {}, prevHash: e.prevHash,
  };
  return createHash('sha256').update(canonical(body)).digest('hex');
}

/** How a row's hash is made: 1 = {@link auditHash}; 2 = {@link chainHash} over {@link bodyDigest}, chained in SQL. */
export type HashFormat = 1 | 2;

/** Format 2, the API's half: the SHA-256 of the canonical content of a row, everything but its place in the chain. */
export function bodyDigest(e: AuditEntry & { at: string }): string {
  return hash('sha256', canonicalBody(e), 'hex');
}

const scalar = (v: string | null | undefined): string => (v === null || v === undefined ? 'null' : JSON.stringify(v));

/**
 * `canonical` of a row's content, written out: its keys are fixed, so they are put in sorted order here rather than
 * sorted on every append (only `details` goes through `canonical`). audit-event.spec.ts holds the two equal.
 */
export function canonicalBody(e: AuditEntry & { at: string }): string {
  return `{"action":${scalar(e.action)},"actorId":${scalar(e.actorId)},"at":${scalar(e.at)},"details":${canonical(e.details ?? {})},` +
    `"entityId":${scalar(e.entityId)},"entityType":${scalar(e.entityType)},"ip":${scalar(e.ip)},"outcome":${scalar(e.outcome)},"tenantId":${scalar(e.tenantId)}}`;
}

/** Format 2, the database's half (`audit_append` computes the same): the digest tied to its place in the chain. */
export function chainHash(prevHash: string, seq: number, digest: string): string {
  return hash('sha256', `${prevHash}:${seq}:${digest}`, 'hex');
}
