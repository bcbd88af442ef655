import type { NextFunction, Request, Response } from 'express';
import { Problem } from './problem';

/**
 * Express error middleware placed right after the body parser. Nest would turn a body-parser SyntaxError into a
 * BadRequestException carrying the parser's message, which quotes the start of the body; this answers with a fixed
 * text instead and keeps the problem type stable.
 */
export function bodyParserErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const type = (err as { type?: string })?.type;
  if (type === 'entity.parse.failed') return next(new Problem(400, 'The body is not valid JSON.', 'urn:kernteam:problem:malformed-json'));
  if (type === 'entity.too.large') return next(new Problem(413, 'The body is too large.', 'urn:kernteam:problem:too-large'));
  next(err);
}
