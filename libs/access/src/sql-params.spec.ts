import { toPositional } from './sql-params';

describe('toPositional', () => {
  it('numbers named and spread parameters from the given position and leaves casts alone', () => {
    const r = toPositional({
      sql: '(a.tenant_id = :casl_p0 AND a.state NOT IN (:...casl_p1) AND :casl_p10 = ANY(d.ids) AND a.due_on::text <> :casl_p0)',
      params: { casl_p0: 't', casl_p1: ['X', 'Y'], casl_p10: 'p' },
    }, 3);
    expect(r.sql).toBe('(a.tenant_id = $3 AND a.state NOT IN ($4, $5) AND $6 = ANY(d.ids) AND a.due_on::text <> $7)');
    expect(r.values).toEqual(['t', 'X', 'Y', 'p', 't']);
  });

  it('passes a parameterless fragment through', () => {
    expect(toPositional({ sql: 'FALSE', params: {} })).toEqual({ sql: 'FALSE', values: [] });
  });
});
