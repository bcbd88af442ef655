import { createHash } from 'node:crypto';
import { AuditEntry, bodyDigest, canonical, canonicalBody, chainHash } from './audit-event';

type Row = AuditEntry & { at: string };

const base: Row = {
  tenantId: 'af7da95e-0ba5-4f3c-89b5-c11d3645db85', at: '2026-12-01T22:41:31.924Z', actorId: 'cb8232dd-ad50-4cab-896b-20a2c9366463',
  action: 'dossier.read', entityType: 'Dossier', entityId: '9fc37f41-fa01-471b-8141-530bde48836b', outcome: 'ALLOWED', ip: '127.0.0.1',
  details: { identity: true },
};

/** The content exactly as the chain's format 2 defines it: every key, sorted, through the generic canonical JSON. */
const reference = (e: Row) => canonical({
  tenantId: e.tenantId, at: e.at, actorId: e.actorId, action: e.action, entityType: e.entityType ?? null, entityId: e.entityId ?? null,
  outcome: e.outcome, ip: e.ip ?? null, details: e.details ?? {},
});

describe('the audit row content (format 2)', () => {
  const rows: [string, Row][] = [
    ['a read with details', base],
    ['no tenant, actor, entity, ip or details', { ...base, tenantId: null, actorId: null, entityType: undefined, entityId: null, ip: undefined, details: undefined }],
    ['a refusal with nested, unsorted, quoted details', { ...base, outcome: 'DENIED', action: 'POST /api/dossiers/:id/transitions',
      details: { z: 1, a: 'quote " and \\ backslash', m: null, é: 'ü', status: 403 } }],
    ['IPv6 and an empty details object', { ...base, ip: '::ffff:10.0.0.1', details: {} }],
  ];

  it.each(rows)('is written out in the order the generic canonical JSON sorts it: %s', (_name, row) => {
    expect(canonicalBody(row)).toBe(reference(row));
  });

  it('digests that content with SHA-256, and chains it to its place', () => {
    const expected = createHash('sha256').update(reference(base)).digest('hex');
    expect(bodyDigest(base)).toBe(expected);
    expect(chainHash('0'.repeat(64), 1, expected)).toBe(createHash('sha256').update(`${'0'.repeat(64)}:1:${expected}`).digest('hex'));
    expect(bodyDigest({ ...base, details: { identity: false } })).not.toBe(expected);
  });
});
