import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AbilityFactory, Actor, AuthenticatedRequest, IS_PUBLIC } from '@kernteam/access';
import { unauthenticated } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import type { Role } from '@kernteam/users';
import { TokenService } from './token.service';

/**
 * Every non-public route needs a valid bearer token. The user is re-read on every request, so a deactivation or a
 * role change takes effect at once; the request then carries the actor and the CASL ability built for it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly db: TenantDb,
    private readonly abilities: AbilityFactory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
    if (!match) throw unauthenticated();
    const claims = await this.tokens.verify(match[1]);
    if (!claims) throw unauthenticated('The token is invalid or has expired.');
    const rows: { id: string; tenant_id: string; role: Role; partner_id: string | null }[] = await this.db.tx({ tenantId: claims.tid }, (em) =>
      em.query(`SELECT id, tenant_id, role, partner_id FROM users WHERE id = $1 AND tenant_id = $2 AND active`, [claims.sub, claims.tid]),
    );
    if (!rows.length) throw unauthenticated('The account is no longer active.');
    const actor: Actor = { id: rows[0].id, tenantId: rows[0].tenant_id, role: rows[0].role, partnerId: rows[0].partner_id, ip: req.ip ?? null };
    req.actor = actor;
    req.ability = this.abilities.forActor(actor);
    return true;
  }
}
