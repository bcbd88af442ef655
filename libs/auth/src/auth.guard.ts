import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AbilityFactory, Actor, buildAbility, AppAbility, AuthenticatedRequest, RequestSession, routeMetadata } from '@kernteam/access';
import { csrfRefused, Problem, sessionExpired, unauthenticated } from '@kernteam/http';
import { RestrictedRequest } from './mfa.decorators';
import { RequestUnit, TenantDb, uuidLiteral } from '@kernteam/persistence';
import type { Role } from '@kernteam/users';
import { clearSessionCookie, readSessionCookie } from './session-cookie';
import { SessionRestriction, SessionService } from './session.service';
import { TokenService } from './token.service';

/** Methods that change nothing; with the session cookie every other one needs the session's X-CSRF-Token header. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Answers with the moment a cookie session ends unless it sees activity, so the browser can warn a minute before. */
export const SESSION_EXPIRES_HEADER = 'X-Session-Expires-At';

interface Authenticated { actor: Actor; session?: RequestSession; restriction?: SessionRestriction | null; unit?: RequestUnit }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user of a role that needs a second factor, who has not enrolled one yet, may only enrol. */
export const enrolmentRequired = () =>
  new Problem(403, 'Set up two-step verification first (POST /api/me/totp/enrol).', 'urn:kernteam:problem:mfa-enrolment-required');

/**
 * Every non-public route needs a valid bearer token or, without an Authorization header, a live session cookie. The
 * user is re-read on every request (with its partner's `active`), so a deactivation of the account or of its partner, or a
 * role change, takes effect at once; the request then carries
 * the actor and the CASL ability built for it. A cookie request with any but a safe method must carry the session's CSRF
 * token, checked before any query; a Bearer request needs none (a browser never adds that header on its own).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly db: TenantDb,
    private readonly abilities: AbilityFactory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = routeMetadata(this.reflector, context);
    if (route.isPublic) return true;
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest & RestrictedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const { actor, session, restriction, unit } = await this.authenticate(req, res, !route.notSessionActivity, true, true);
    if (unit) {
      // Whatever ends the request (a refusal by a later guard, a client gone away), its transaction ends with it.
      res.once('close', () => void this.db.endRequest(unit)?.catch(() => undefined));
    }
    if (restriction && !route.allowedDuringEnrolment) {
      await this.db.endRequest(unit);
      throw enrolmentRequired();
    }
    req.restriction = restriction ?? null;
    req.actor = actor;
    // Until the second factor is enrolled the user may do nothing the rules describe: the UI then offers nothing else.
    req.ability = restriction ? buildAbility(actor, []) : this.abilities.forActor(actor);
    req.session = session;
    req.reauthenticate = async (): Promise<{ actor: Actor; ability: AppAbility } | null> => {
      try {
        const again = await this.authenticate(req, undefined, false, false, false);
        return { actor: again.actor, ability: this.abilities.forActor(again.actor) };
      } catch (e) {
        if (e instanceof Problem) return null;
        throw e;
      }
    };
    return true;
  }

  /**
   * `openUnit`: the user re-read opens the request's transaction (one round trip with BEGIN, the role and the tenant), and
   * the request's first tenant transaction continues in it.
   */
  private async authenticate(req: Request, res: Response | undefined, touch: boolean, checkCsrf: boolean, openUnit: boolean): Promise<Authenticated> {
    const header = req.headers.authorization;
    if (header) return this.fromBearer(header, req, openUnit);
    const sessionId = readSessionCookie(req);
    if (!sessionId) throw unauthenticated();
    if (checkCsrf && !SAFE.has(req.method) && !this.sessions.csrfMatches(sessionId, req.header('x-csrf-token'))) throw csrfRefused();
    let unit: RequestUnit | undefined;
    const found = await this.sessions.resume(sessionId, touch, openUnit ? async (sql) => {
      const opened = await this.db.beginRequest(sql);
      // A refused cookie is answered after the follow-up statements of the refusal, outside this transaction.
      if (opened.rows[0]?.active === true) unit = opened.unit;
      else await this.db.endRequest(opened.unit);
      return opened.rows;
    } : undefined);
    if (typeof found === 'string') {
      if (res) clearSessionCookie(req, res);
      throw found === 'expired' ? sessionExpired() : unauthenticated(found === 'inactive' ? 'The account is no longer active.' : 'The session has ended. Sign in again.');
    }
    res?.setHeader(SESSION_EXPIRES_HEADER, found.expiresAt.toISOString());
    return {
      actor: { id: found.userId, tenantId: found.tenantId, role: found.role, partnerId: found.partnerId, ip: req.ip ?? null },
      session: { id: found.id, expiresAt: found.expiresAt },
      restriction: found.restriction,
      unit,
    };
  }

  private async fromBearer(header: string, req: Request, openUnit: boolean): Promise<Authenticated> {
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
    if (!match) throw unauthenticated();
    const claims = await this.tokens.verify(match[1]);
    if (!claims || !UUID.test(claims.sub) || !UUID.test(claims.tid)) throw unauthenticated('The token is invalid or has expired.');
    // The user, if active with an active partner; a function, so its plan is kept per connection (migration 1766300000000).
    const probe = `SELECT * FROM request_user(${uuidLiteral(claims.sub)}, ${uuidLiteral(claims.tid)})`;
    type UserRow = { id: string; tenant_id: string; role: Role; partner_id: string | null; credentials_version: number };
    let unit: RequestUnit | undefined;
    let rows: UserRow[];
    if (openUnit) {
      const opened = await this.db.beginRequest(probe, claims.tid);
      rows = opened.rows as UserRow[];
      unit = opened.unit;
    } else {
      rows = await this.db.tx({ tenantId: claims.tid }, (em) => em.query(probe));
    }
    // A password change or reset, or an admin ending all sessions, since the token was issued makes it invalid.
    const refusal = !rows.length ? 'The account is no longer active.' : rows[0].credentials_version !== claims.cv ? 'The token is invalid or has expired.' : null;
    if (refusal) {
      await this.db.endRequest(unit);
      throw unauthenticated(refusal);
    }
    return {
      actor: { id: rows[0].id, tenantId: rows[0].tenant_id, role: rows[0].role, partnerId: rows[0].partner_id, ip: req.ip ?? null },
      restriction: claims.restriction ?? null,
      unit,
    };
  }
}
