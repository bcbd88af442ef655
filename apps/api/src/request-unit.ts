import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import type { Problem, ProblemHook } from '@kernteam/http';
import { currentRequestUnit, TenantDb } from '@kernteam/persistence';

/*
 * A request's unit of work (the transaction its authentication opened, see TenantDb.beginRequest) is carried by the
 * `requestScope` middleware and ended here, at the two places every answer passes, both still in the request's scope:
 * the HTTP adapter's reply (a handler's result) and the problem filter (a refusal or an error). No interceptor: Nest
 * wraps each one in rxjs and an AsyncResource for every request, which cost more than all of this.
 */

/** How an audited refusal names what was asked: method and route pattern (never the address, which may carry ids). */
export const routeAction = (req: { method: string; route?: { path?: string } }): string => `${req.method} ${req.route?.path ?? ''}`.trim();

/** A handler that took no tenant transaction has its unit ended (committed) before its answer is sent. */
export function endUnitBeforeReply(app: INestApplication): void {
  const db = app.get(TenantDb);
  const adapter = app.getHttpAdapter();
  const reply = adapter.reply.bind(adapter) as (res: Response, body: unknown, status?: number) => unknown;
  adapter.reply = (res: Response, body: unknown, status?: number) => {
    const ending = db.endRequest(currentRequestUnit());
    return ending ? ending.then(() => reply(res, body, status)) : reply(res, body, status);
  };
}

type Req = Request & AuthenticatedRequest;

/**
 * Before a problem is answered: a refusal raised inside a service (404 for an invisible record, 403 for a forbidden
 * action) is audited as DENIED, after the service's transaction rolled back, so the refusal is kept on its own; then the
 * unit, if nothing took it, is ended.
 */
export function beforeProblem(app: INestApplication): ProblemHook {
  const db = app.get(TenantDb);
  const audit = app.get(AuditService);
  return (problem: Problem, req: Request) => {
    const r = req as Req;
    if (problem.audit && r.actor) {
      return audit.denied(r.actor, routeAction(r), problem.audit.entityType, problem.audit.entityId, { status: problem.httpStatus })
        .then(() => db.endRequest(currentRequestUnit()));
    }
    return db.endRequest(currentRequestUnit());
  };
}
