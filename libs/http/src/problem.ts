import { HttpException } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 410: 'Gone', 413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** An RFC 9457 problem. `type` is a stable URN clients may branch on; `detail` is for people. */
export class Problem extends HttpException {
  /** When set, the refusal is written to the audit trail as DENIED once the request's transaction is gone. */
  audit?: { entityType: string; entityId: string | null };
  /** Extension members of the problem (RFC 9457 §3.2), e.g. the tenants to choose from at sign-in. */
  extensions?: Record<string, unknown>;

  constructor(
    readonly httpStatus: number,
    readonly detail: string,
    readonly problemType: string = `urn:kernteam:problem:${httpStatus}`,
    readonly errors?: FieldError[],
  ) {
    super(detail, httpStatus);
  }

  toBody(instance?: string) {
    return {
      type: this.problemType,
      title: TITLES[this.httpStatus] ?? 'Error',
      status: this.httpStatus,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.extensions ?? {}),
    };
  }
}

export const invalid = (errors: FieldError[], detail = 'The request is not valid.') =>
  new Problem(400, detail, 'urn:kernteam:problem:validation', errors);
export const notFound = (what = 'record') => new Problem(404, `No such ${what}.`, 'urn:kernteam:problem:not-found');
export const forbidden = (detail = 'You are not allowed to do this.') => new Problem(403, detail, 'urn:kernteam:problem:forbidden');

/** A refusal written to the audit trail as DENIED (with its status) once the request's transaction is gone. */
export const audited = (p: Problem, entityType: string, entityId: string | null) => Object.assign(p, { audit: { entityType, entityId } });
/** An unknown record, or one the caller may not see: 404, audited as DENIED. */
export const notVisible = (entityType: string, entityId: string) => audited(notFound(entityType.toLowerCase()), entityType, entityId);
/** A visible record, an action the caller may not take on it: 403, audited as DENIED. */
export const notAllowed = (entityType: string, entityId: string | null, detail?: string) => audited(forbidden(detail), entityType, entityId);
export const staleVersion = () =>
  new Problem(409, 'The record was changed by someone else; reload it and try again.', 'urn:kernteam:problem:stale-version');
export const invalidTransition = (event: string, state: string) =>
  new Problem(409, `Event ${event} is not possible in state ${state}.`, 'urn:kernteam:problem:invalid-transition');
export const gone = (detail: string) => new Problem(410, detail, 'urn:kernteam:problem:gone');
export const conflict = (detail: string) => new Problem(409, detail, 'urn:kernteam:problem:conflict');
export const domainRule = (detail: string, errors?: FieldError[]) => new Problem(422, detail, 'urn:kernteam:problem:domain-rule', errors);
export const unauthenticated = (detail = 'Sign in first.') => new Problem(401, detail, 'urn:kernteam:problem:unauthenticated');
/** A browser session that saw no activity for longer than the idle window; it has been ended. */
export const sessionExpired = () =>
  new Problem(401, 'The session ended after a period without activity. Sign in again.', 'urn:kernteam:problem:session-expired');
/** A change sent with the session cookie but without the session's X-CSRF-Token header. */
export const csrfRefused = () =>
  new Problem(403, 'A change made with the session cookie needs the session\'s X-CSRF-Token header.', 'urn:kernteam:problem:csrf');
