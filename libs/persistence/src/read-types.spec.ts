import fc from 'fast-check';
import { types } from 'pg';
import { parseInstant, parseUuidArray, READ_TYPES } from './read-types';

/** The fast parsers answer exactly what node-postgres' general ones answer, for what PostgreSQL writes and for anything else. */
const general = (oid: number) => (types.getTypeParser as (oid: number, format: 'text') => (text: string) => unknown)(oid, 'text');
const same = (a: unknown, b: unknown) => {
  if (a instanceof Date && b instanceof Date) return Object.is(a.getTime(), b.getTime());
  // Not JSON for the rest: it writes Infinity and null alike.
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') return Object.is(a, b);
  return JSON.stringify(a) === JSON.stringify(b);
};
const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('reading timestamptz', () => {
  it('gives the same instant as node-postgres for what PostgreSQL writes', () => {
    const offset = fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 15 }), fc.option(fc.integer({ min: 0, max: 59 })), fc.option(fc.integer({ min: 0, max: 59 })))
      .map(([s, h, m, sec]) => `${s}${pad(h, 2)}${m === null ? '' : `:${pad(m, 2)}${sec === null ? '' : `:${pad(sec, 2)}`}`}`);
    const text = fc.tuple(
      fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.option(fc.stringMatching(/^[0-9]{1,6}$/)), offset,
    ).map(([y, mo, d, h, mi, s, f, o]) => `${y}-${pad(mo, 2)}-${pad(d, 2)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${f === null ? '' : `.${f}`}${o}`);
    fc.assert(fc.property(text, (t) => same(parseInstant(t), general(1184)(t))), { numRuns: 20_000 });
  });

  it('hands everything else to node-postgres', () => {
    for (const t of ['infinity', '-infinity', '0099-01-01 00:00:00+00', '2026-11-02 10:11:12 BC', '2026-11-02 10:11:12.1234567+00',
      '12026-11-02 10:11:12+00', '2026-11-02T10:11:12Z', '2026-11-02 10:11:12+0', '2026-11-02 10:11:12+01:3', '2026-11-02 10:11:12.+00']) {
      expect(same(parseInstant(t), general(1184)(t))).toBe(true);
    }
    fc.assert(fc.property(fc.string(), (t) => same(parseInstant(t), general(1184)(t))), { numRuns: 5_000 });
  });

  it('truncates to the millisecond, as before', () => {
    expect((parseInstant('2026-11-02 10:11:12.291999+00') as Date).toISOString()).toBe('2026-11-02T10:11:12.291Z');
    expect((parseInstant('2026-11-02 10:11:12.5+01') as Date).toISOString()).toBe('2026-11-02T09:11:12.500Z');
  });
});

describe('reading uuid[]', () => {
  it('gives the same array as node-postgres', () => {
    const element = fc.oneof(fc.uuid(), fc.constant('NULL'));
    fc.assert(fc.property(fc.array(element, { maxLength: 8 }), (items) => {
      const t = `{${items.join(',')}}`;
      return same(parseUuidArray(t), general(2951)(t));
    }), { numRuns: 5_000 });
    for (const t of ['{}', '{{a,b},{c,d}}', '[0:1]={a,b}', '{"a",b}']) expect(same(parseUuidArray(t), general(2951)(t))).toBe(true);
  });
});

it('leaves every other type to node-postgres', () => {
  for (const oid of [16, 20, 23, 25, 114, 1082, 1114, 1009, 3802]) expect(READ_TYPES.getTypeParser(oid, 'text')).toBe(general(oid));
  expect(READ_TYPES.getTypeParser(1184, 'text')).toBe(parseInstant);
});
