import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * An API fuzzer driven by the committed openapi.json: every operation × payload class × role, generated with
 * fast-check from a seed (same seed, same requests), bounded in count and time. It checks the one rule that holds for
 * every route: bad input is a 4xx application/problem+json, never a 5xx.
 */

type Schema = {
  $ref?: string; type?: string; format?: string; enum?: unknown[]; properties?: Record<string, Schema>; required?: string[];
  items?: Schema; minimum?: number; maximum?: number; nullable?: boolean; allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[];
};
interface Parameter { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema?: Schema }
interface OpenApi { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { content?: Record<string, unknown> }> }>>; components: { schemas: Record<string, Schema> } }

export interface Operation { method: string; path: string; params: Parameter[]; body?: Schema; routeClass: string }

export const PAYLOAD_CLASSES = ['valid', 'missing', 'wrong-type', 'huge-string', 'nul', 'deep', 'unicode', 'numbers', 'bad-uuid', 'extra-fields'] as const;
export type PayloadClass = (typeof PAYLOAD_CLASSES)[number];

export interface FuzzCase { op: Operation; role: string; payload: PayloadClass; url: string; body?: unknown }
export interface FuzzResult { fuzzCase: FuzzCase; status: number; contentType: string; index: number }

export function loadDocument(file = resolve(__dirname, '../../openapi.json')): OpenApi {
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApi;
}

/** Routes that are streams (an event stream never ends, so a request to it cannot be judged by its status alone) are left out. */
export function operations(doc: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const streams = Object.values(op.responses).some((r) => Object.keys(r.content ?? {}).includes('text/event-stream')) || path.endsWith('/events');
      if (streams) continue;
      const body = op.requestBody?.content['application/json']?.schema;
      ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: body ? resolveRef(doc, body) : undefined, routeClass: routeClass(path) });
    }
  }
  return ops;
}

/** The route's first segment after /api (`dossiers`, `meetings`, …): what the long run reports by. */
export const routeClass = (path: string) => path.split('/').filter(Boolean)[path.startsWith('/api') ? 1 : 0] ?? path;

function resolveRef(doc: OpenApi, s: Schema, depth = 0): Schema {
  if (depth > 12) return { type: 'object' };
  if (s.$ref) return resolveRef(doc, doc.components.schemas[s.$ref.split('/').pop()!], depth + 1);
  const out: Schema = { ...s };
  if (s.allOf?.length) return resolveRef(doc, s.allOf[0], depth + 1);
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolveRef(doc, v, depth + 1)]));
  if (s.items) out.items = resolveRef(doc, s.items, depth + 1);
  return out;
}

/** Known ids of the test tenant, so that some requests reach real records (and their write paths), not only 404s. */
export interface Known { uuids: string[] }

const uuidArb = (known: Known) => fc.oneof(fc.constantFrom(...(known.uuids.length ? known.uuids : ['00000000-0000-0000-0000-000000000000'])), fc.uuid());

/** A value that fits the schema (roughly: within its types, enums and bounds). */
function valid(s: Schema, known: Known, depth = 0): fc.Arbitrary<unknown> {
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return uuidArb(known);
      if (s.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
      if (s.format === 'email') return fc.emailAddress();
      return fc.string({ minLength: 1, maxLength: 40 });
    case 'integer': return fc.integer({ min: s.minimum ?? 1, max: Math.min(s.maximum ?? 1_000, 1_000_000) });
    case 'number': return fc.integer({ min: s.minimum ?? 1, max: Math.min(s.maximum ?? 1_000, 1_000_000) });
    case 'boolean': return fc.boolean();
    case 'array': return depth > 4 ? fc.constant([]) : fc.array(valid(s.items ?? { type: 'string' }, known, depth + 1), { maxLength: 3 });
    default: {
      if (!s.properties || depth > 4) return fc.constant({});
      const required = new Set(s.required ?? []);
      const entries = Object.entries(s.properties);
      return fc.record(Object.fromEntries(entries.map(([k, v]) => [k, valid(v, known, depth + 1)])),
        { requiredKeys: entries.map(([k]) => k).filter((k) => required.has(k)) });
    }
  }
}

const nested = (depth: number) => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** A value of the payload class, to put in one field (or to be the whole body). */
function hostile(payload: PayloadClass, known: Known): fc.Arbitrary<unknown> {
  switch (payload) {
    case 'wrong-type': return fc.oneof(fc.constant(null), fc.constant(true), fc.constant([]), fc.constant({}), fc.integer(), fc.constant('12'), fc.constant([[1]]));
    case 'huge-string': return fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'x'.repeat(n));
    case 'nul': return fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`);
    case 'deep': return fc.integer({ min: 33, max: 2_000 }).map(nested);
    case 'unicode': return fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constant('\ud800'), fc.constant('\u202e\u0645\u0631\u062d\u0628\u0627'), fc.constant('😀👩‍👩‍👧'), fc.constant('\uffff\ufeff'));
    case 'numbers': return fc.constantFrom(-1, 0, -0, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 5e-324);
    case 'bad-uuid': return fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-00000000000', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', '', ' ', '1', '{}', '00000000-0000-0000-0000-000000000000');
    default: return valid({ type: 'string' }, known);
  }
}

/** The body of a case: a valid body, then changed as its payload class says. */
function bodyFor(op: Operation, payload: PayloadClass, known: Known): fc.Arbitrary<unknown> {
  const base = valid(op.body!, known);
  const keys = Object.keys(op.body?.properties ?? {});
  if (payload === 'valid' || (payload === 'bad-uuid' && !keys.length)) return base;
  if (payload === 'missing') return fc.oneof(fc.constant({}), fc.constant(undefined), base.map((b) => dropOne(b, op.body?.required ?? keys)));
  if (payload === 'extra-fields') {
    return base.chain((b) => fc.record({ k: fc.constantFrom('extra', 'constructor', 'toString', 'id', 'tenantId', 'role', '__proto__x'), v: fc.jsonValue({ maxDepth: 2 }) })
      .map(({ k, v }) => (isObject(b) ? { ...b, [k]: v } : b)));
  }
  const inField = fc.tuple(base, fc.constantFrom(...(keys.length ? keys : ['x'])), hostile(payload, known))
    .map(([b, k, v]) => (isObject(b) ? { ...b, [k]: withNested(op.body?.properties?.[k], v) } : v));
  // Sometimes the hostile value is the whole body (deep nesting, a bare string or number).
  return fc.oneof({ weight: 4, arbitrary: inField }, { weight: 1, arbitrary: hostile(payload, known) });
}

/** A hostile value aimed at a nested object's field goes inside it sometimes (subject.firstName, not only subject). */
const withNested = (s: Schema | undefined, v: unknown) => {
  const inner = Object.keys(s?.properties ?? {});
  return inner.length && typeof v === 'string' ? { [inner[0]]: v } : v;
};

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const dropOne = (b: unknown, keys: string[]) => {
  if (!isObject(b) || !keys.length) return {};
  const copy = { ...b };
  delete copy[keys[0]];
  return copy;
};

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The URL of a case: path parameters filled (known ids, random ids, or the hostile value), query parameters sometimes. */
function urlFor(op: Operation, payload: PayloadClass, known: Known): fc.Arbitrary<string> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const query = op.params.filter((p) => p.in === 'query');
  const pathValue = (p: Parameter) => (payload === 'bad-uuid' || payload === 'nul' || payload === 'unicode' || payload === 'huge-string'
    ? fc.oneof(uuidArb(known), hostile(payload, known).map((v) => text(v).slice(0, 6_000)))
    : p.name === 'year' ? fc.integer({ min: 1990, max: 2040 }).map(String) : p.name === 'indicator' ? fc.constantFrom('I1', 'x', 'dossiers-per-phenomenon') : uuidArb(known));
  const queryValue = (p: Parameter) => (payload === 'valid' || payload === 'missing' || payload === 'extra-fields'
    ? valid(p.schema ?? { type: 'string' }, known).map(text)
    : hostile(payload, known).map((v) => text(v).slice(0, 6_000)));
  return fc.tuple(
    fc.tuple(...pathParams.map(pathValue)).map((vs) => vs.map(String)),
    fc.subarray(query).chain((qs) => fc.tuple(...qs.map((p) => queryValue(p).map((v) => [p.name, v] as const)))),
    payload === 'extra-fields' ? fc.constant([['unknownParam', '1'] as const]) : fc.constant([] as (readonly [string, string])[]),
  ).map(([pathVs, qs, extra]) => {
    let i = 0;
    const path = op.path.replace(/\{[^}]+\}/g, () => encodeSegment(pathVs[i++] ?? ''));
    const search = new URLSearchParams([...qs, ...extra] as [string, string][]).toString();
    return search ? `${path}?${search}` : path;
  });
}

/** A lone surrogate cannot be percent-encoded as UTF-8: it goes out as the bytes of its (invalid) encoding, %ED%A0%80. */
const encodeSegment = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
};

/** `count` cases from `seed`: operations and roles cycle so each is tried, payload classes are drawn. */
export function cases(ops: Operation[], roles: string[], known: Known, seed: number, count: number): FuzzCase[] {
  const arb = fc.record({ op: fc.constantFrom(...ops), role: fc.constantFrom(...roles), payload: fc.constantFrom(...PAYLOAD_CLASSES) })
    .chain(({ op, role, payload }) => fc.record({
      url: urlFor(op, payload, known),
      body: op.body && op.method !== 'GET' ? bodyFor(op, payload, known) : fc.constant(undefined),
    }).map(({ url, body }) => ({ op, role, payload, url, body })));
  return fc.sample(arb, { seed, numRuns: count });
}

export interface Sender {
  (c: FuzzCase): Promise<{ status: number; contentType: string }>;
}

/** Runs the cases with a few in flight at once, until done or `deadline`; answers every result. */
export async function run(all: FuzzCase[], send: Sender, opts: { concurrency?: number; deadline?: number } = {}): Promise<FuzzResult[]> {
  const results: FuzzResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < all.length && (!opts.deadline || Date.now() < opts.deadline)) {
      const index = next++;
      const fuzzCase = all[index];
      const r = await send(fuzzCase);
      results.push({ fuzzCase, index, ...r });
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
  return results.sort((a, b) => a.index - b.index);
}

/** Results that break the rule: a 5xx, or a 4xx that is not problem+json. */
export const violations = (results: FuzzResult[]) =>
  results.filter((r) => r.status >= 500 || r.status === 0 || (r.status >= 400 && !/^application\/problem\+json/.test(r.contentType)));

/** "status × route class" counts, for the long run's report. */
export function summary(results: FuzzResult[]): string {
  const byStatus = new Map<number, Map<string, number>>();
  for (const r of results) {
    const m = byStatus.get(r.status) ?? new Map<string, number>();
    m.set(r.fuzzCase.op.routeClass, (m.get(r.fuzzCase.op.routeClass) ?? 0) + 1);
    byStatus.set(r.status, m);
  }
  return [...byStatus.entries()].sort(([a], [b]) => a - b).map(([status, m]) =>
    `${status}: ${[...m.values()].reduce((a, b) => a + b, 0)}  (${[...m.entries()].sort().map(([k, n]) => `${k} ${n}`).join(', ')})`).join('\n');
}

export const describeCase = (r: FuzzResult) =>
  `#${r.index} ${r.status} ${r.fuzzCase.role} ${r.fuzzCase.payload} ${r.fuzzCase.op.method} ${r.fuzzCase.url.slice(0, 200)} ${text(r.fuzzCase.body).slice(0, 300)}`;
