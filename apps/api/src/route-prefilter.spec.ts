import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { couldMatch, fixedPrefix, prefilterRoutes } from './route-prefilter';

// express 5's router layer, built as the router builds a route's (case-insensitive, not strict, whole path).
const Layer = require('router/lib/layer') as new (path: string, options: object, fn: () => void) => { match(path: string): unknown };
const routeLayer = (pattern: string) => new Layer(pattern, { sensitive: false, strict: false, end: true }, () => undefined);

/** Every route of the contract, as Nest registers it on express (`{id}` → `:id`), and the health route. */
const PATTERNS = [
  ...Object.keys((JSON.parse(readFileSync(join(__dirname, '../../../openapi.json'), 'utf8')) as { paths: object }).paths),
  '/health',
].map((p) => p.replace(/\{(\w+)\}/g, ':$1'));

/** Request paths near a pattern: its parameters filled in, letters in either case, slashes added, segments cut or extended. */
const nearPath = (pattern: string) => fc.record({
  values: fc.array(fc.oneof(fc.uuid(), fc.constantFrom('x', '', 'known', '%2F', 'a.b', 'ü')), { minLength: 4, maxLength: 4 }),
  upper: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
  tail: fc.constantFrom('', '/', '//', '/extra', 'x', '?q=1'),
  cut: fc.nat({ max: 3 }),
}).map(({ values, upper, tail, cut }) => {
  let i = 0;
  let path = pattern.replace(/:\w+/g, () => values[i++ % values.length]);
  path = [...path].map((ch, k) => (upper[k % upper.length] ? ch.toUpperCase() : ch)).join('');
  if (cut) path = path.split('/').slice(0, -cut).join('/') || '/';
  return path + tail;
});

describe('route prefilter', () => {
  it('takes the fixed part of a pattern up to its first parameter, whole segments only', () => {
    expect(fixedPrefix('/api/dossiers/:id')).toBe('/api/dossiers');
    expect(fixedPrefix('/api/dossiers/:id/transitions')).toBe('/api/dossiers');
    expect(fixedPrefix('/api/me/totp/enrol')).toBe('/api/me/totp/enrol');
    expect(fixedPrefix('/API/Docs/')).toBe('/api/docs');
    expect(fixedPrefix('/api/files/*path')).toBe('/api/files');
    expect(fixedPrefix('/api/a{/:b}')).toBe('/api');
    for (const none of ['/', '/:id', '*', '/é/x', 'relative']) expect(fixedPrefix(none)).toBeNull();
  });

  it('never turns away a path that the route itself matches, for every route of the product', () => {
    expect(PATTERNS.length).toBeGreaterThan(80);
    for (const pattern of PATTERNS) {
      const prefix = fixedPrefix(pattern);
      const layer = routeLayer(pattern);
      const others = PATTERNS.filter((p) => p !== pattern);
      fc.assert(fc.property(fc.oneof(nearPath(pattern), fc.constantFrom(...others).chain(nearPath), fc.webPath()), (path) => {
        if (layer.match(path)) expect(prefix === null || couldMatch(path, prefix)).toBe(true);
      }), { numRuns: 150 });
    }
  });

  it('turns away, without running the route’s expression, the paths of other routes', () => {
    expect(couldMatch('/api/dossiers/6f1c1e0a-0000-4000-8000-000000000001', '/api/meetings')).toBe(false);
    expect(couldMatch('/api/meetings', '/api/me')).toBe(false);
    expect(couldMatch('/api/me/', '/api/me')).toBe(true);
    expect(couldMatch('/API/DOSSIERS', '/api/dossiers')).toBe(true);
    expect(couldMatch('/api', '/api/dossiers')).toBe(false);
  });

  it('is put on the route layers of an express app, and those answer as before', () => {
    const express = require('express') as () => { get(p: string, h: () => void): void; use(h: () => void): void; router: { stack: { match(p: string): unknown; route?: { path?: unknown } }[] } };
    const app = express();
    app.use(() => undefined);
    for (const p of ['/api/dossiers/:id', '/api/meetings', '/health']) app.get(p, () => undefined);
    const before = app.router.stack.map((l) => l.match);
    expect(prefilterRoutes(app)).toBe(3);
    const stack = app.router.stack;
    expect(stack.filter((l, i) => l.match !== before[i])).toHaveLength(3);
    const matched = (path: string) => stack.map((l) => Boolean(l.match(path)));
    expect(matched('/api/dossiers/abc')).toEqual([true, true, false, false]);
    expect(matched('/Api/Meetings/')).toEqual([true, false, true, false]);
    expect(matched('/healthz')).toEqual([true, false, false, false]);
  });
});
