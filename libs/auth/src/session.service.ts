import { Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { readRuntimeConfig, sqlLiteral, TenantDb } from '@kernteam/persistence';
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
  /** 'mfa-enrolment': the user must enrol a second factor first; only the enrolment routes answer. */
  restriction: SessionRestriction | null;
}

export type SessionRestriction = 'mfa-enrolment';

/** Who signed in from where, kept with the session so its user recognises it in the list of their sessions. */
export interface SessionOrigin { userAgent?: string | null; ip?: string | null; restriction?: SessionRestriction | null }

/** A live session as `GET /api/me/sessions` lists it (the row id, never the cookie value). */
export interface SessionRow { id: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; userAgent: string | null; ip: string | null; current: boolean }

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
  /** A session ends this long after sign-in whatever its activity (SESSION_ABSOLUTE_HOURS). */
  readonly absoluteSeconds: number;
  private readonly csrfKey: Buffer;

  constructor(private readonly db: TenantDb) {
    const cfg = readRuntimeConfig();
    this.csrfKey = createHmac('sha256', authSecret(cfg)).update('kernteam session csrf').digest();
    this.idleSeconds = cfg.sessionIdleMinutes * 60;
    this.absoluteSeconds = cfg.sessionAbsoluteHours * 3600;
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

  /**
   * In the sign-in transaction: the new session, and the user's long-finished ones cleared away. The one place a
   * browser session is created, whatever proved who signed in (password, second factor, OpenID Connect).
   */
  async create(
    em: EntityManager, user: { id: string; tenantId: string }, sessionId: string, origin: SessionOrigin = {}, opts: { atCommit?: boolean } = {},
  ): Promise<{ id: string; expiresAt: Date }> {
    // The row id and the end are known here (a new session was seen now), so the row can wait for the commit.
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + Math.min(this.idleSeconds, this.absoluteSeconds) * 1000);
    const l = (v: string | null) => (v === null ? 'NULL' : sqlLiteral(v));
    const text =
      `WITH cleared AS (DELETE FROM sessions WHERE user_id = ${l(user.id)}::uuid AND coalesce(ended_at, last_seen_at) < now() - make_interval(days => ${KEEP_ENDED_DAYS}))
       INSERT INTO sessions (id, tenant_id, user_id, id_hash, user_agent, ip, restriction)
       VALUES (${l(id)}::uuid, ${l(user.tenantId)}::uuid, ${l(user.id)}::uuid, ${l(idHash(sessionId))}, ${l(origin.userAgent?.slice(0, 300) || null)},
               ${l(origin.ip?.slice(0, 64) || null)}, ${l(origin.restriction ?? null)})`;
    // `atCommit`: sent with the sign-in's COMMIT (nothing in that transaction refers to the row before).
    if (opts.atCommit) await TenantDb.withCommit(em, `session:${id}`, text);
    else await em.query(text);
    return { id, expiresAt };
  }

  /** The user's live sessions, newest first; `currentId` (the session of the request) is flagged. */
  async listLive(em: EntityManager, userId: string, currentId: string | undefined): Promise<SessionRow[]> {
    const rows: { id: string; created_at: Date; last_seen_at: Date; expires_at: Date; user_agent: string | null; ip: string | null }[] = await em.query(
      `SELECT id, created_at, last_seen_at, user_agent, ip,
              least(last_seen_at + make_interval(secs => $2), created_at + make_interval(secs => $3)) AS expires_at
         FROM sessions WHERE user_id = $1 AND ${LIVE} ORDER BY created_at DESC, id`,
      [userId, this.idleSeconds, this.absoluteSeconds],
    );
    return rows.map((r) => ({ id: r.id, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, userAgent: r.user_agent, ip: r.ip, current: r.id === currentId }));
  }

  /** Ends live sessions of a user: one (`only`), or all but `keep`; answers how many ended. */
  async endOfUser(em: EntityManager, userId: string, reason: 'revoked' | 'revoked-by-admin', opts: { only?: string; keep?: string } = {}): Promise<number> {
    const [, n]: [unknown, number] = await em.query(
      `UPDATE sessions SET ended_at = now(), end_reason = $2
        WHERE user_id = $1 AND ended_at IS NULL AND ($3::uuid IS NULL OR id = $3::uuid) AND id IS DISTINCT FROM $4::uuid`,
      [userId, reason, opts.only ?? null, opts.keep ?? null],
    );
    return n;
  }

  /** The enrolment is done: the session of the request may do everything its user may. */
  async lift(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE sessions SET restriction = NULL WHERE id = $1`, [id]);
  }

  /**
   * The live session of this cookie, in one statement (one round trip): a session still within its idle window is
   * found and, when `touch`, its `last_seen_at` moved to now if it is more than TOUCH_AFTER_SECONDS old (most requests
   * then write nothing; the expiry the client is told is at most that much early), joined with its user's current
   * row and its partner's `active` (a deactivated partner's members are refused like a deactivated account). Only a refusal costs a second statement, which ends an idle session and says why the cookie is refused.
   */
  async resume(sessionId: string, touch: boolean, run: (sql: string) => Promise<Record<string, unknown>[]> = (sql) => this.db.dataSource.query(sql)): Promise<ResumedSession | SessionRefusal> {
    // Literals, not parameters (the hash is hex, the rest are numbers): the request's authentication sends this in the
    // round trip that opens its transaction, which carries no parameters. `set_config` scopes that transaction to the
    // session's tenant; run on its own, the statement is its own transaction and the setting ends with it.
    const rows = (await run(
      `WITH s AS (
         SELECT id, tenant_id, user_id, last_seen_at, created_at, restriction FROM sessions
          WHERE id_hash = '${idHash(sessionId)}' AND ended_at IS NULL AND last_seen_at > now() - make_interval(secs => ${this.idleSeconds})
            AND created_at > now() - make_interval(secs => ${this.absoluteSeconds})),
       touched AS (
         UPDATE sessions t SET last_seen_at = now() FROM s
          WHERE ${touch ? 'true' : 'false'} AND t.id = s.id AND t.ended_at IS NULL AND t.last_seen_at < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS})
         RETURNING t.id, t.last_seen_at)
       SELECT s.id, s.tenant_id, s.user_id, u.role, u.partner_id, u.active AND coalesce(p.active, true) AS active, s.restriction,
              least(coalesce(touched.last_seen_at, s.last_seen_at) + make_interval(secs => ${this.idleSeconds}), s.created_at + make_interval(secs => ${this.absoluteSeconds})) AS expires_at,
              set_config('app.tenant_id', s.tenant_id::text, true) AS scoped
         FROM s JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
         LEFT JOIN partners p ON p.id = u.partner_id AND p.tenant_id = u.tenant_id
         LEFT JOIN touched ON touched.id = s.id`,
    )) as { id: string; tenant_id: string; user_id: string; role: Role; partner_id: string | null; active: boolean; expires_at: Date; restriction: SessionRestriction | null }[];
    const [s] = rows;
    if (s && !s.active) {
      await this.end(s.id, 'inactive');
      return 'inactive';
    }
    if (s) return { id: s.id, tenantId: s.tenant_id, userId: s.user_id, role: s.role, partnerId: s.partner_id, expiresAt: s.expires_at, restriction: s.restriction };
    const [why]: { reason: string }[] = await this.db.dataSource.query(
      `WITH lapsed AS (
         UPDATE sessions SET ended_at = now(),
                end_reason = CASE WHEN created_at <= now() - make_interval(secs => $3) THEN 'absolute' ELSE 'idle' END
          WHERE id_hash = $1 AND ended_at IS NULL
            AND (last_seen_at <= now() - make_interval(secs => $2) OR created_at <= now() - make_interval(secs => $3)) RETURNING end_reason)
       SELECT end_reason AS reason FROM lapsed
       UNION ALL SELECT end_reason FROM sessions WHERE id_hash = $1 AND ended_at IS NOT NULL`,
      [idHash(sessionId), this.idleSeconds, this.absoluteSeconds],
    );
    return why?.reason === 'idle' || why?.reason === 'absolute' ? 'expired' : 'gone';
  }

  /** Ends a session (by row id); `em` joins the caller's transaction (sign-out with its audit row). */
  async end(id: string, reason: 'logout' | 'inactive', em?: EntityManager): Promise<void> {
    const sql = `UPDATE sessions SET ended_at = now(), end_reason = $2 WHERE id = $1 AND ended_at IS NULL`;
    await (em ?? this.db.dataSource).query(sql, [id, reason]);
  }

  /** Ends the live session of a cookie value, if any (a new sign-in in the same browser replaces it). */
  async endByCookie(sessionId: string, em: EntityManager): Promise<void> {
    // The hash is hex: a literal, so that the statement can go with the sign-in's COMMIT.
    const text = `UPDATE sessions SET ended_at = now(), end_reason = 'replaced' WHERE id_hash = '${idHash(sessionId)}' AND ended_at IS NULL`;
    await TenantDb.withCommit(em, `replaced:${idHash(sessionId)}`, text);
  }
}

/** SQL: a session not ended and within both its idle and its absolute lifetime (parameters $2 idle, $3 absolute seconds). */
const LIVE = `ended_at IS NULL AND last_seen_at > now() - make_interval(secs => $2) AND created_at > now() - make_interval(secs => $3)`;

const idHash = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');
