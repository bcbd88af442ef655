import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { concatMap, from, Observable } from 'rxjs';
import type { AuthenticatedRequest } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { inUnitOf, REQUEST_UNIT } from '@kernteam/auth';
import { Problem } from '@kernteam/http';
import { RequestUnit, TenantDb } from '@kernteam/persistence';

type Req = AuthenticatedRequest & { method: string; route?: { path: string }; [REQUEST_UNIT]?: RequestUnit };

/**
 * The one interceptor around every handler (one layer, since each costs every request):
 * - the pipes and the handler run in the unit of work the authentication opened, so the request's first tenant
 *   transaction continues the transaction of the user re-read (one BEGIN, one COMMIT); a handler that took none has the
 *   unit ended once it answered;
 * - a refusal raised inside a service (404 for an invisible record, 403 for a forbidden action) is audited as DENIED,
 *   after the service's transaction rolled back, so the refusal is kept on its own.
 */
@Injectable()
export class RequestInterceptor implements NestInterceptor {
  constructor(private readonly db: TenantDb, private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Req>();
    const unit = req[REQUEST_UNIT];
    // Never rejects: a failure to end it drops the connection, and the answer stands.
    const end = () => (unit ? this.db.endRequest(unit).catch(() => undefined) : Promise.resolve());
    const refused = async (err: unknown): Promise<never> => {
      if (err instanceof Problem && err.audit && req.actor) {
        const action = `${req.method} ${req.route?.path ?? ''}`.trim();
        await inUnitOf(req, () => this.audit.denied(req.actor!, action, err.audit!.entityType, err.audit!.entityId, { status: err.httpStatus }));
      }
      await end();
      throw err;
    };
    return new Observable<unknown>((subscriber) => {
      const subscription = inUnitOf(req, () =>
        next.handle().pipe(concatMap((value) => from(end().then(() => value)))).subscribe({
          next: (value) => subscriber.next(value),
          error: (err: unknown) => void refused(err).catch((e: unknown) => subscriber.error(e)),
          complete: () => subscriber.complete(),
        }),
      );
      return () => subscription.unsubscribe();
    });
  }
}
