import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden } from '@kernteam/http';
import { AuthenticatedRequest, routeMetadata } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { routeAction } from './request-unit';

/** Applies the route-level `@CheckPolicies` rules; a refusal is a 403 and is audited as DENIED. */
@Injectable()
export class PoliciesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly audit: AuditService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { policyChecks: checks, auditEntity } = routeMetadata(this.reflector, context);
    if (!checks.length) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { method: string; route?: { path: string } }>();
    if (!req.ability || !req.actor) return true; // public routes carry no checks
    if (checks.every((check) => check(req.ability!))) return true;
    // In the request's open transaction (a refusal needs no second connection while it holds one).
    await this.audit.denied(req.actor!, routeAction(req), auditEntity);
    throw forbidden();
  }
}
