import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Problem } from './problem';

/** Body-parser and similar middleware errors carry a 4xx `status` and a `type`; they are the client's fault. */
interface ClientError { status?: number; statusCode?: number; type?: string; expose?: boolean }

/** Renders every error as application/problem+json. Unknown errors are 500 with no detail leaked and no payload logged. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const problem = this.toProblem(exception);
    if (problem.httpStatus >= 500) {
      // Message and stack only: never request bodies or query parameters (they may hold personal data).
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(`${req.method} ${req.route?.path ?? 'unknown route'}: ${err.name}: ${err.message}`, err.stack);
    }
    if (res.headersSent) return;
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
    const ce = exception as ClientError;
    const status = ce?.status ?? ce?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (ce.type === 'entity.parse.failed') return new Problem(400, 'The body is not valid JSON.', 'urn:kernteam:problem:malformed-json');
      if (ce.type === 'entity.too.large') return new Problem(413, 'The body is too large.');
      return new Problem(status, ce.expose && exception instanceof Error ? exception.message : 'The request could not be read.');
    }
    return new Problem(500, 'Something went wrong on our side. The error was logged.', 'urn:kernteam:problem:internal');
  }
}
