/*
 * How node-postgres shapes a result's rows, made cheaper (issue 12). For every RowDescription it builds the empty row
 * its rows are cloned from, by writing each column name into an `Object.create(null)` object (a dictionary in V8) and
 * spreading that into a new object. In a CPU profile of the product under load that was the largest single item of
 * node-postgres: 13 µs per result, some 50 µs per read request over its statements' results. Built as an ordinary
 * object, whose shapes V8 keeps from one result to the next, it costs about a third of that (4.6 µs per result in the
 * same profile); the rows cloned from it cost what they did.
 *
 * (Keeping each description's empty row and parsers from one result to the next is slower: the key costs as much as the
 * row, and rows cloned from one shared object were 2.5 times as slow to fill.)
 *
 * The rows are the same: same keys in the same order (a repeated name once, at its first place), same prototype, same
 * parsers. A column named `__proto__` would set the prototype of an ordinary object, so a description with one goes to
 * node-postgres' own code. Applied only where node-postgres' Result is the one this was written against (pg 8.x, whose
 * `parseRow` clones `_prebuiltEmptyResultObject`); `row-shape.spec.ts` compares both on many descriptions.
 */
import { types } from 'pg';

/** pg-protocol's Field: one column of a RowDescription (the attributes read here). */
interface FieldDescription { name: string; dataTypeID: number; format?: string }
type Parser = (text: string) => unknown;
interface ResultLike {
  fields: FieldDescription[];
  _parsers: Parser[] | undefined;
  _types?: { getTypeParser: (oid: number, format: string) => Parser };
  _prebuiltEmptyResultObject: Record<string, null> | null;
}

const generalParser = types.getTypeParser as unknown as (oid: number, format: string) => Parser;

// node-postgres' internal module; its typings do not cover it.
const Result = require('pg/lib/result') as { prototype: ResultLike & { addFields(fields: FieldDescription[]): void; parseRow(row: unknown[]): unknown } };

export const originalAddFields = Result.prototype.addFields;

export function addFields(this: ResultLike, fieldDescriptions: FieldDescription[]): void {
  const n = fieldDescriptions.length;
  const row: Record<string, null> = {};
  const parsers = new Array<Parser>(n);
  for (let i = 0; i < n; i++) {
    const desc = fieldDescriptions[i];
    if (desc.name === '__proto__') return originalAddFields.call(this, fieldDescriptions);
    row[desc.name] = null;
    parsers[i] = this._types ? this._types.getTypeParser(desc.dataTypeID, desc.format || 'text') : generalParser(desc.dataTypeID, desc.format || 'text');
  }
  this.fields = fieldDescriptions;
  // As node-postgres: an empty description keeps the parsers of the result before it.
  if (n) this._parsers = parsers;
  this._prebuiltEmptyResultObject = row;
}

/** Whether node-postgres' Result is the one the faster `addFields` replaces exactly. */
export const rowShapeApplies = (): boolean =>
  originalAddFields.length === 1 && String(originalAddFields).includes('_prebuiltEmptyResultObject')
  && String(Result.prototype.parseRow).includes('...this._prebuiltEmptyResultObject');

if (rowShapeApplies()) Result.prototype.addFields = addFields;
