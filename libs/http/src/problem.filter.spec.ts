import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ProblemFilter } from './problem.filter';

/** What the filter answers for an error, read off a minimal express response. */
function answer(error: unknown): { status: number; type: string; body: Record<string, unknown> } {
  const out = { status: 0, type: '', body: {} as Record<string, unknown> };
  const res = {
    headersSent: false,
    setHeader: () => res,
    status: (s: number) => { out.status = s; return res; },
    type: (t: string) => { out.type = t; return res; },
    send: (b: string) => { out.body = JSON.parse(b); return res; },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ method: 'POST', route: { path: '/x' } }) }) } as unknown as ArgumentsHost;
  new ProblemFilter().catch(error, host);
  return out;
}

const pgFailure = (code: string) => new QueryFailedError('UPDATE …', [], Object.assign(new Error('database says no'), { code }));

describe('ProblemFilter', () => {
  it.each(['40001', '40P01'])('answers a transaction PostgreSQL rolled back for a concurrent one (%s) as 409, to be sent again', (code) => {
    const a = answer(pgFailure(code));
    expect(a).toEqual({ status: 409, type: 'application/problem+json', body: expect.objectContaining({ status: 409, detail: 'The record was changed at the same time; try again.' }) });
  });

  it('answers a database error no client can cause as 500 without its message', () => {
    const a = answer(pgFailure('XX000'));
    expect(a.status).toBe(500);
    expect(JSON.stringify(a.body)).not.toContain('database says no');
  });
});
