import { Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { readRuntimeConfig, TenantDb } from '@kernteam/persistence';
import type { Role } from '@kernteam/users';
import { authSecret } from './auth-secret';

/** A session found for a cookie, with its user as the users table has it now. */
export interface ResumedSession {
  id: string;
  tenantId: string;
  userId: string;
  role: Role;
  partnerId: string | null;
  expiresAt: Date;
}

/** Why a cookie signs nobody in: unknown or ended (`gone`), idle too long (`expired`), or the account is off. */
export type SessionRefusal = 'gone' | 'expired' | 'inactive';

/** A session seen less than this long ago is not written again: most requests of a busy page write nothing. */
const TOUCH_AFTER_SECONDS = 30;

/** Ended and idle sessions of a user are removed this long after, when that user signs in again. */
const KEEP_ENDED_DAYS = 30;

/**
 * Browser sessions (table `sessions`). The cookie carries a random id; the table holds only its SHA-256. The CSRF
 * token is an HMAC of the id under AUTH_SECRET, so it is checked before any query and never stored.
 */
@Injectable()
export class SessionService {
  readonly idleSeconds: number;
  private readonly csrfKey: Buffer;

  constructor(private readonly db: TenantDb) {
    const cfg = readRuntimeConfig();
    this.csrfKey = createHmac('sha256', authSecret(cfg)).update('kernteam session csrf').digest();
    this.idleSeconds = cfg.sessionIdleMinutes * 60;
  }

  newId(): string {
    return randomBytes(32).toString('base64url');
  }

  csrfToken(sessionId: string): string {
    return createHmac('sha256', this.csrfKey).update(sessionId).digest('base64url');
  }

  csrfMatches(sessionId: string, header: string | undefined): boolean {
    if (!header) return false;
    const expected = Buffer.from(this.csrfToken(sessionId));
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** In the sign-in transaction: the new session, and the user's long-finished ones cleared away. */
  async create(em: EntityManager, user: { id: string; tenantId: string }, sessionId: string): Promise<{ id: string; expiresAt: Date }> {
    await em.query(
      `DELETE FROM sessions WHERE user_id = $1 AND coalesce(ended_at, last_seen_at) < now() - make_interval(days => $2)`, [user.id, KEEP_ENDED_DAYS],
    );
    const [row] = await em.query(
      `INSERT INTO sessions (tenant_id, user_id, id_hash) VALUES ($1, $2, $3) RETURNING id, last_seen_at + make_interval(secs => $4) AS expires_at`,
      [user.tenantId, user.id, idHash(sessionId), this.idleSeconds],
    );
    return { id: row.id, expiresAt: row.expires_at };
  }

  /**
   * The live session of this cookie, in one statement (one round trip): a session still within its idle window is
   * found and, when `touch`, its `last_seen_at` moved to now if it is more than TOUCH_AFTER_SECONDS old (most requests
   * then write nothing; the expiry the client is told is at most that much early), joined with its user's current
   * row and its partner's `active` (a deactivated partner's members are refused like a deactivated account). Only a refusal costs a second statement, which ends an idle session and says why the cookie is refused.
   */
  async resume(sessionId: string, touch: boolean): Promise<ResumedSession | SessionRefusal> {
    const rows: { id: string; tenant_id: string; user_id: string; role: Role; partner_id: string | null; active: boolean; expires_at: Date }[] =
      await this.db.dataSource.query(
        `WITH s AS (
           SELECT id, tenant_id, user_id, last_seen_at FROM sessions
            WHERE id_hash = $1 AND ended_at IS NULL AND last_seen_at > now() - make_interval(secs => $2)),
         touched AS (
           UPDATE sessions t SET last_seen_at = now() FROM s
            WHERE $3::boolean AND t.id = s.id AND t.ended_at IS NULL AND t.last_seen_at < now() - make_interval(secs => $4)
           RETURNING t.id, t.last_seen_at)
         SELECT s.id, s.tenant_id, s.user_id, u.role, u.partner_id, u.active AND coalesce(p.active, true) AS active,
                coalesce(touched.last_seen_at, s.last_seen_at) + make_interval(secs => $2) AS expires_at
           FROM s JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
           LEFT JOIN partners p ON p.id = u.partner_id AND p.tenant_id = u.tenant_id
           LEFT JOIN touched ON touched.id = s.id`,
        [idHash(sessionId), this.idleSeconds, touch, TOUCH_AFTER_SECONDS],
      );
    const [s] = rows;
    if (s && !s.active) {
      await this.end(s.id, 'inactive');
      return 'inactive';
    }
    if (s) return { id: s.id, tenantId: s.tenant_id, userId: s.user_id, role: s.role, partnerId: s.partner_id, expiresAt: s.expires_at };
    const [why]: { reason: string }[] = await this.db.dataSource.query(
      `WITH idle AS (
         UPDATE sessions SET ended_at = now(), end_reason = 'idle'
          WHERE id_hash = $1 AND ended_at IS NULL AND last_seen_at <= now() - make_interval(secs => $2) RETURNING end_reason)
       SELECT end_reason AS reason FROM idle
       UNION ALL SELECT end_reason FROM sessions WHERE id_hash = $1 AND ended_at IS NOT NULL`,
      [idHash(sessionId), this.idleSeconds],
    );
    return why?.reason === 'idle' ? 'expired' : 'gone';
  }

  /** Ends a session (by row id); `em` joins the caller's transaction (sign-out with its audit row). */
  async end(id: string, reason: 'logout' | 'inactive', em?: EntityManager): Promise<void> {
    const sql = `UPDATE sessions SET ended_at = now(), end_reason = $2 WHERE id = $1 AND ended_at IS NULL`;
    await (em ?? this.db.dataSource).query(sql, [id, reason]);
  }

  /** Ends the live session of a cookie value, if any (a new sign-in in the same browser replaces it). */
  async endByCookie(sessionId: string, em: EntityManager): Promise<void> {
    await em.query(`UPDATE sessions SET ended_at = now(), end_reason = 'replaced' WHERE id_hash = $1 AND ended_at IS NULL`, [idHash(sessionId)]);
  }
}

const idHash = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');
