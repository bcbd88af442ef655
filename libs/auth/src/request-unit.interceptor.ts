import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { concatMap, from, Observable } from 'rxjs';
import { TenantDb } from '@kernteam/persistence';
import type { RequestUnit } from '@kernteam/persistence';
import { inUnitOf, REQUEST_UNIT } from './auth.guard';

/**
 * Runs the pipes and the handler in the unit of work the authentication opened, so the request's first tenant
 * transaction continues the transaction of the user re-read (one BEGIN, one COMMIT). A handler that took no tenant
 * transaction has the unit ended once it answered; the outermost interceptor, so the others run inside it too.
 */
@Injectable()
export class RequestUnitInterceptor implements NestInterceptor {
  constructor(private readonly db: TenantDb) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<{ [REQUEST_UNIT]?: RequestUnit }>();
    const unit = req[REQUEST_UNIT];
    if (!unit) return next.handle();
    // Never rejects: a failure to end it drops the connection, and the answer stands.
    const end = () => this.db.endRequest(unit).catch(() => undefined);
    return new Observable<unknown>((subscriber) => {
      const subscription = inUnitOf(req, () =>
        next.handle().pipe(concatMap((value) => from(end().then(() => value)))).subscribe({
          next: (value) => subscriber.next(value),
          error: (err: unknown) => void end().then(() => subscriber.error(err)),
          complete: () => subscriber.complete(),
        }),
      );
      return () => subscription.unsubscribe();
    });
  }
}
