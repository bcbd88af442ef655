import { auditHash, AuditOutcome, bodyDigest, chainHash, GENESIS_HASH, HashFormat } from './audit-event';

export interface StoredAuditRow {
  tenant_id: string | null;
  seq: string | number;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  details: Record<string, string | number | boolean | null>;
  prev_hash: string;
  hash: string;
  /** Absent on rows read without it: format 1. */
  hash_format?: HashFormat | number | null;
}

export interface ChainCheck {
  valid: boolean;
  checked: number;
  /** The first sequence number where the chain does not hold, when it does not. */
  brokenAt?: number;
  lastHash: string;
  lastSeq: number;
}

/**
 * Walks rows in sequence order and checks each one: the sequence has no gap, it points at the previous row's hash,
 * and its own hash matches its content. Feed it page by page; it keeps only the previous row.
 */
export class ChainVerifier {
  private state: ChainCheck = { valid: true, checked: 0, lastHash: GENESIS_HASH, lastSeq: 0 };

  feed(rows: StoredAuditRow[]): void {
    for (const r of rows) {
      if (!this.state.valid) return;
      const seq = Number(r.seq);
      const content = {
        tenantId: r.tenant_id, at: r.at.toISOString(), actorId: r.actor_id, action: r.action, entityType: r.entity_type,
        entityId: r.entity_id, outcome: r.outcome, ip: r.ip, details: r.details,
      };
      const recomputed = Number(r.hash_format ?? 1) === 2
        ? chainHash(r.prev_hash, seq, bodyDigest(content))
        : auditHash({ ...content, seq, prevHash: r.prev_hash });
      const ok = seq === this.state.lastSeq + 1 && r.prev_hash === this.state.lastHash && recomputed === r.hash;
      this.state.checked++;
      if (!ok) {
        this.state = { ...this.state, valid: false, brokenAt: seq };
        return;
      }
      this.state.lastSeq = seq;
      this.state.lastHash = r.hash;
    }
  }

  /** The head row must agree with the last row, so deleting the newest rows is detected too. */
  finish(head?: { last_seq: string | number; last_hash: string }): ChainCheck {
    if (this.state.valid && head && (Number(head.last_seq) !== this.state.lastSeq || head.last_hash !== this.state.lastHash)) {
      return { ...this.state, valid: false, brokenAt: this.state.lastSeq + 1 };
    }
    return this.state;
  }
}
