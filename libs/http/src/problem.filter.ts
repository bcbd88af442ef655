import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Problem } from './problem';

/** Middleware errors that carry a 4xx `status` are the client's fault. */
interface ClientError { status?: number; statusCode?: number; expose?: boolean }

interface PgError { code: string; constraint?: string; routine?: string }
const pgError = (e: unknown): PgError | undefined => {
  const d = (e as { driverError?: PgError })?.driverError ?? (e as PgError);
  return d && typeof d.code === 'string' && /^[0-9A-Z]{5}$/.test(d.code) ? d : undefined;
};

/** PostgreSQL rolled the transaction back for a concurrent one (a serialization failure, a deadlock): sent again, it goes through. */
const concurrentChange = () => new Problem(409, 'The record was changed at the same time; try again.', 'urn:kernteam:problem:conflict');

const PG_CLIENT_ERRORS: Record<string, () => Problem> = {
  '23505': () => new Problem(409, 'This conflicts with an existing record.', 'urn:kernteam:problem:conflict'),
  '23503': () => new Problem(422, 'This refers to a record that does not exist.', 'urn:kernteam:problem:domain-rule'),
  '22P02': () => new Problem(400, 'A value has the wrong format.', 'urn:kernteam:problem:validation'),
  '22001': () => new Problem(400, 'A value is too long.', 'urn:kernteam:problem:validation'),
  '22007': () => new Problem(400, 'A date or time is not valid.', 'urn:kernteam:problem:validation'),
  '22008': () => new Problem(400, 'A date or time is out of range.', 'urn:kernteam:problem:validation'),
  '22003': () => new Problem(400, 'A number is out of range.', 'urn:kernteam:problem:validation'),
  '40001': concurrentChange,
  '40P01': concurrentChange,
};

/** Node socket errors and PostgreSQL states that mean "the database cannot be reached now", not a fault of the request. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  '57P01', '57P02', '57P03', '53300']);
const UNREACHABLE_MESSAGES = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Connection terminated due to connection timeout|the database system is (starting up|shutting down)/i;

/** Whether an error says the database (or another backing service) is unreachable: then 503, and the pool reconnects by itself. */
export const isUnavailable = (e: unknown): boolean => {
  for (const x of [e, (e as { driverError?: unknown })?.driverError, (e as { cause?: unknown })?.cause]) {
    if (!x || typeof x !== 'object') continue;
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (x instanceof Error && UNREACHABLE_MESSAGES.test(x.message)) return true;
  }
  return false;
};

/** The code (or error kind) of an unreachable-database error, for the log line. */
const unavailableCode = (e: unknown): string => {
  const d = (e as { driverError?: { code?: string } })?.driverError ?? (e as { code?: string });
  return d?.code ?? (e instanceof Error ? e.name : typeof e);
};

/**
 * What is logged of an unexpected error: its kind, and for database errors the SQLSTATE and constraint, never the
 * message (PostgreSQL messages may quote the offending value) and never the request.
 */
const describe = (e: unknown): string => {
  const pg = pgError(e);
  if (pg) return `database error ${pg.code}${pg.constraint ? ` on ${pg.constraint}` : ''}${pg.routine ? ` (${pg.routine})` : ''}`;
  if (e instanceof Error) return `${e.name}: ${e.message}\n${e.stack ?? ''}`;
  return typeof e;
};

/** Asked before a problem is answered; undefined when there is nothing to wait for. */
export type ProblemHook = (problem: Problem, req: Request) => Promise<unknown> | undefined;

/** Renders every error as application/problem+json. Unknown errors are 500 with no detail leaked and no payload logged. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** `before`: work that must be done before a problem is answered (an audit of the refusal); its own failure is answered instead. */
  constructor(private readonly before?: ProblemHook) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const problem = this.toProblem(exception);
    this.log(problem, exception, req);
    const waiting = this.before?.(problem, req);
    if (!waiting) return this.answer(problem, res);
    waiting.then(() => this.answer(problem, res), (e: unknown) => {
      const failed = this.toProblem(e);
      this.log(failed, e, req);
      this.answer(failed, res);
    });
  }

  private log(problem: Problem, exception: unknown, req: Request): void {
    if (problem.httpStatus === 503) this.logger.warn(`${req.method} ${req.route?.path ?? 'unknown route'}: database unreachable (${unavailableCode(exception)})`);
    else if (problem.httpStatus >= 500) this.logger.error(`${req.method} ${req.route?.path ?? 'unknown route'}: ${describe(exception)}`);
  }

  private answer(problem: Problem, res: Response): void {
    if (res.headersSent) return;
    if (problem.httpStatus === 503) res.setHeader('Retry-After', '5');
    res.status(problem.httpStatus).type('application/problem+json').send(JSON.stringify(problem.toBody()));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof Problem) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'object' && body && 'message' in body ? (body as { message: unknown }).message : body;
      const detail = Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
      return new Problem(status, status === 404 && /Cannot (GET|POST|PUT|PATCH|DELETE)/.test(detail) ? 'No such route.' : detail);
    }
    if (isUnavailable(exception)) {
      return Object.assign(new Problem(503, 'The database is not reachable at the moment. Try again shortly.', 'urn:kernteam:problem:unavailable'), { retryAfter: 5 });
    }
    // Decoding what the client sent (percent-encoding, an address) failed: the input's fault.
    if (exception instanceof URIError) return new Problem(400, 'A value could not be decoded.', 'urn:kernteam:problem:validation');
    const pg = pgError(exception);
    // Safety net: input that slipped past validation and was refused by the database is still the client's.
    if (pg && PG_CLIENT_ERRORS[pg.code]) return PG_CLIENT_ERRORS[pg.code]();
    const ce = exception as ClientError;
    const status = ce?.status ?? ce?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return new Problem(status, ce.expose && exception instanceof Error ? exception.message : 'The request could not be read.');
    }
    return new Problem(500, 'Something went wrong on our side. The error was logged.', 'urn:kernteam:problem:internal');
  }
}
