import fc from 'fast-check';
import { addFields, originalAddFields, rowShapeApplies } from './row-shape';
import { READ_TYPES } from './read-types';

// node-postgres' internal Result, as row-shape.ts patches it.
const Result = require('pg/lib/result') as new (rowMode?: string, types?: unknown) => {
  addFields(fields: unknown[]): void;
  parseRow(row: (string | null)[]): Record<string, unknown>;
  _parsers: unknown[] | undefined;
};

interface Field { name: string; tableID: number; columnID: number; dataTypeID: number; dataTypeSize: number; dataTypeModifier: number; format: 'text' | 'binary' }
const field = (name: string, dataTypeID: number): Field => ({ name, tableID: 0, columnID: 0, dataTypeID, dataTypeSize: -1, dataTypeModifier: -1, format: 'text' });

/** A result of `types` whose descriptions go through `add`. */
function result(add: (this: never, fields: Field[]) => void, types?: unknown) {
  const r = new Result(undefined, types);
  r.addFields = (fields: unknown[]) => add.call(r as never, fields as Field[]);
  return r;
}

/** Keys in order, values, prototype and the parser of every column. */
const seen = (r: ReturnType<typeof result>, values: (string | null)[]) => {
  const row = r.parseRow(values);
  return { keys: Reflect.ownKeys(row), entries: Object.entries(row), proto: Object.getPrototypeOf(row), parsers: r._parsers };
};

// text, int4, timestamptz, uuid[], bool, json: node-postgres' and the product's own parsers.
const OIDS = [25, 23, 1184, 2951, 16, 114];
const VALUES: Record<number, string> = { 25: 'tekst', 23: '42', 1184: '2026-11-02 10:11:12.5+01', 2951: '{6f1c1e0a-0000-4000-8000-000000000001,NULL}', 16: 't', 114: '{"a":1}' };

describe('row shape', () => {
  it('is applied to the node-postgres the product pins', () => {
    expect(rowShapeApplies()).toBe(true);
    expect(new Result().addFields).toBe(addFields);
  });

  it('gives the rows node-postgres gives, for any description: repeated names, names like indexes, odd characters', () => {
    const name = fc.oneof(fc.constantFrom('id', 'state', 'tenant_id', '0', '12', 'constructor', 'toString', 'hasOwnProperty', ''), fc.string({ maxLength: 12 }));
    const description = fc.array(fc.tuple(name, fc.constantFrom(...OIDS), fc.boolean()), { maxLength: 30 });
    fc.assert(fc.property(description, fc.constantFrom(undefined, READ_TYPES), (columns, types) => {
      const fields = columns.map(([n, oid]) => field(n, oid));
      const values = columns.map(([, oid, isNull]) => (isNull ? null : VALUES[oid]));
      const ours = result(addFields, types);
      const theirs = result(originalAddFields, types);
      ours.addFields(fields);
      theirs.addFields(fields);
      expect(seen(ours, values)).toEqual(seen(theirs, values));
    }), { numRuns: 2_000 });
  });

  it('leaves a column named __proto__ to node-postgres: an own key, the prototype untouched', () => {
    const ours = result(addFields);
    ours.addFields([field('__proto__', 25), field('id', 23)]);
    const row = ours.parseRow(['x', '1']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe('x');
    expect(row.id).toBe(1);
  });

  it('keeps the parsers of the description before an empty one, as node-postgres does', () => {
    const ours = result(addFields);
    ours.addFields([field('n', 23)]);
    const before = ours._parsers;
    ours.addFields([]);
    expect(ours._parsers).toBe(before);
  });
});
