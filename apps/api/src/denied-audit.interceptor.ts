import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, Observable, switchMap, throwError } from 'rxjs';
import { AuditService } from '@kernteam/audit';
import { Problem } from '@kernteam/http';
import type { AuthenticatedRequest } from '@kernteam/access';

/**
 * Writes DENIED audit rows for refusals raised inside services (404 for an invisible record, 403 for a forbidden
 * action). It runs after the service's transaction has rolled back, so the refusal is kept on its own.
 */
@Injectable()
export class DeniedAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { method: string; route?: { path: string } }>();
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (!(err instanceof Problem) || !err.audit || !req.actor) return throwError(() => err);
        const action = `${req.method} ${req.route?.path ?? ''}`.trim();
        return from(this.audit.denied(req.actor, action, err.audit.entityType, err.audit.entityId, { status: err.httpStatus })).pipe(
          switchMap(() => throwError(() => err)),
        );
      }),
    );
  }
}
