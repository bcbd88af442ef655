import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { Problem } from './problem';

/** Longest request target (path and query) answered; longer is 414. Node refuses a header block over 16 KiB itself (431). */
export const MAX_URL_LENGTH = 8 * 1024;
/** Deepest JSON nesting of a body (objects and arrays); deeper is 400 before validation, which would recurse through it. */
export const MAX_BODY_DEPTH = 32;

const NUL_IN_URL = /%00|\u0000/i;

/** Middleware that runs before Nest: answers its own problem+json, so nothing after it ever sees the input. */
function refuse(res: Response, problem: Problem): void {
  res.setHeader('Cache-Control', 'no-store');
  res.status(problem.httpStatus).type('application/problem+json').send(JSON.stringify(problem.toBody()));
}

const nulRefused = () => new Problem(400, 'The request contains a NUL character or a lone surrogate, which no field accepts.', 'urn:kernteam:problem:validation');

/**
 * First thing on every request: a request target over MAX_URL_LENGTH is 414, a NUL byte anywhere in it (path or any
 * query parameter, raw or percent-encoded) is 400. PostgreSQL cannot store NUL in text (SQLSTATE 22021), so it is
 * refused here rather than at the database.
 */
export function requestTargetGuard(req: Request, res: Response, next: NextFunction): void {
  const url = req.originalUrl ?? req.url;
  if (url.length > MAX_URL_LENGTH) return refuse(res, new Problem(414, `The address is longer than ${MAX_URL_LENGTH} characters.`, 'urn:kernteam:problem:uri-too-long'));
  if (NUL_IN_URL.test(url)) return refuse(res, nulRefused());
  next();
}

/** A NUL, or half of a surrogate pair (JSON allows "\ud800"; it is no character and cannot be stored as UTF-8). */
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a parsed JSON body, walked without recursion: too deep, or a NUL (or lone surrogate) in a key or a string. */
export function bodyFault(body: unknown, maxDepth = MAX_BODY_DEPTH): 'depth' | 'nul' | null {
  if (body === null || typeof body !== 'object') return typeof body === 'string' && BAD_TEXT.test(body) ? 'nul' : null;
  const stack: [unknown, number][] = [[body, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (depth > maxDepth) return 'depth';
    for (const [k, v] of Object.entries(value as object)) {
      if (BAD_TEXT.test(k)) return 'nul';
      if (typeof v === 'string') {
        if (BAD_TEXT.test(v)) return 'nul';
      } else if (v !== null && typeof v === 'object') {
        stack.push([v, depth + 1]);
      }
    }
  }
  return null;
}

/** Right after the body parser: a body nested deeper than MAX_BODY_DEPTH or holding a NUL is 400, before any pipe. */
export function bodyGuard(req: Request, res: Response, next: NextFunction): void {
  const fault = bodyFault(req.body);
  if (fault === 'depth') return refuse(res, new Problem(400, `The body is nested deeper than ${MAX_BODY_DEPTH} levels.`, 'urn:kernteam:problem:validation'));
  if (fault === 'nul') return refuse(res, nulRefused());
  next();
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (a header block over its limit, a malformed request
 * line) still get a problem+json answer with Cache-Control: no-store instead of a bare status line.
 */
export function answerClientErrors(server: Server | undefined): void {
  if (!server) return; // a preview app (the OpenAPI document) has no server
  server.on('clientError', (err: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable || (err.code === 'ECONNRESET')) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const detail = status === 431 ? 'The request headers (including the address) are too large.' : 'The request could not be read.';
    const body = JSON.stringify(new Problem(status, detail, status === 431 ? 'urn:kernteam:problem:headers-too-large' : 'urn:kernteam:problem:malformed-request').toBody());
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\n`
      + `Cache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
