import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AbilityFactory, Actor, AppAbility, AuthenticatedRequest, IS_PUBLIC, NOT_SESSION_ACTIVITY, RequestSession } from '@kernteam/access';
import { csrfRefused, Problem, sessionExpired, unauthenticated } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import type { Role } from '@kernteam/users';
import { clearSessionCookie, readSessionCookie } from './session-cookie';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

/** Methods that change nothing; with the session cookie every other one needs the session's X-CSRF-Token header. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Answers with the moment a cookie session ends unless it sees activity, so the browser can warn a minute before. */
export const SESSION_EXPIRES_HEADER = 'X-Session-Expires-At';

interface Authenticated { actor: Actor; session?: RequestSession }

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
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const touch = !this.reflector.getAllAndOverride<boolean>(NOT_SESSION_ACTIVITY, targets);
    const { actor, session } = await this.authenticate(req, res, touch, true);
    req.actor = actor;
    req.ability = this.abilities.forActor(actor);
    req.session = session;
    req.reauthenticate = async (): Promise<{ actor: Actor; ability: AppAbility } | null> => {
      try {
        const again = await this.authenticate(req, undefined, false, false);
        return { actor: again.actor, ability: this.abilities.forActor(again.actor) };
      } catch (e) {
        if (e instanceof Problem) return null;
        throw e;
      }
    };
    return true;
  }

  private async authenticate(req: Request, res: Response | undefined, touch: boolean, checkCsrf: boolean): Promise<Authenticated> {
    const header = req.headers.authorization;
    if (header) return { actor: await this.fromBearer(header, req) };
    const sessionId = readSessionCookie(req);
    if (!sessionId) throw unauthenticated();
    if (checkCsrf && !SAFE.has(req.method) && !this.sessions.csrfMatches(sessionId, req.header('x-csrf-token'))) throw csrfRefused();
    const found = await this.sessions.resume(sessionId, touch);
    if (typeof found === 'string') {
      if (res) clearSessionCookie(req, res);
      throw found === 'expired' ? sessionExpired() : unauthenticated(found === 'inactive' ? 'The account is no longer active.' : 'The session has ended. Sign in again.');
    }
    res?.setHeader(SESSION_EXPIRES_HEADER, found.expiresAt.toISOString());
    return {
      actor: { id: found.userId, tenantId: found.tenantId, role: found.role, partnerId: found.partnerId, ip: req.ip ?? null },
      session: { id: found.id, expiresAt: found.expiresAt },
    };
  }

  private async fromBearer(header: string, req: Request): Promise<Actor> {
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
    if (!match) throw unauthenticated();
    const claims = await this.tokens.verify(match[1]);
    if (!claims) throw unauthenticated('The token is invalid or has expired.');
    const rows: { id: string; tenant_id: string; role: Role; partner_id: string | null; credentials_version: number }[] = await this.db.tx({ tenantId: claims.tid }, (em) =>
      em.query(
        `SELECT u.id, u.tenant_id, u.role, u.partner_id, u.credentials_version FROM users u LEFT JOIN partners p ON p.id = u.partner_id AND p.tenant_id = u.tenant_id
          WHERE u.id = $1 AND u.tenant_id = $2 AND u.active AND coalesce(p.active, true)`,
        [claims.sub, claims.tid]),
    );
    if (!rows.length) throw unauthenticated('The account is no longer active.');
    // A password change or reset since the token was issued makes it invalid.
    if (rows[0].credentials_version !== claims.cv) throw unauthenticated('The token is invalid or has expired.');
    return { id: rows[0].id, tenantId: rows[0].tenant_id, role: rows[0].role, partnerId: rows[0].partner_id, ip: req.ip ?? null };
  }
}
