import { parseAccessLogSearch, parseAuditSearch } from './auditSearch';

describe('audit URL filters', () => {
  it('keeps what the API accepts under its own names', () => {
    expect(parseAuditSearch({ action: 'dossier.read', outcome: 'DENIED', from: '2026-01-01', to: '2026-01-31', page: '2', entityType: 'Dossier' }))
      .toEqual({ action: 'dossier.read', outcome: 'DENIED', from: '2026-01-01', to: '2026-01-31', page: 2, entityType: 'Dossier' });
  });
  it('drops what would be refused (bad ids, dates, outcomes, page 1)', () => {
    expect(parseAuditSearch({ actorId: '42', entityId: 'x', outcome: 'MAYBE', from: 'yesterday', page: '1', action: 'a'.repeat(101) }))
      .toEqual({ actorId: undefined, action: undefined, entityType: undefined, entityId: undefined, outcome: undefined, from: undefined, to: undefined, page: undefined });
  });
  it('reads a reference whatever its case', () => {
    expect(parseAccessLogSearch({ reference: ' livc-2026-0007 ' })).toEqual({ reference: 'LIVC-2026-0007', page: undefined });
  });
});
