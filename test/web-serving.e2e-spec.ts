import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readRuntimeConfig } from '@kernteam/persistence';
import { startApp, TestApp } from './support/app';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
  + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const INDEX = '<!doctype html><html lang="nl-BE"><head><title>Kernteam fixture</title><script type="module" src="/assets/index-3f2a9c.js"></script></head><body><div id="root"></div></body></html>';
const ASSET = 'console.log("kernteam fixture");';

/** The built web UI (a fixture standing in for `dist/web`), served by the API next to `/api` and `/health`. */
describe('web UI serving and security headers', () => {
  let t: TestApp;
  const webDir = mkdtempSync(join(tmpdir(), 'kernteam-web-'));
  const html = (path: string) => t.http().get(path).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');

  beforeAll(async () => {
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), INDEX);
    writeFileSync(join(webDir, 'assets', 'index-3f2a9c.js'), ASSET);
    writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // A file of the build under the API's path is never served in its place.
    mkdirSync(join(webDir, 'api'));
    writeFileSync(join(webDir, 'api', 'shadow.json'), '{}');
    process.env.WEB_DIR = webDir;
    process.env.TRUST_PROXY = 'true';
    t = await startApp();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.WEB_DIR;
    rmSync(webDir, { recursive: true, force: true });
  });

  it('finds dist/web of the checkout by default, wherever the process was started', () => {
    expect(readRuntimeConfig({}).webDir).toBe(resolve(__dirname, '..', 'dist', 'web'));
  });

  it('serves index.html at / and for every page address of the app, never cached', async () => {
    // `/apis` is not the API's (only `/api` and `/api/…` are): a page address like any other.
    for (const path of ['/', '/dossiers/123', '/meetings/x/zitting', '/login?lang=fr', '/admin/users', '/apis']) {
      const res = await html(path).expect(200);
      expect({ path, type: res.headers['content-type'], body: res.text }).toEqual({ path, type: expect.stringMatching(/^text\/html/), body: INDEX });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const byName = await html('/index.html').expect(200);
    expect(byName.headers['cache-control']).toBe('no-store');
  });

  it('serves the hashed assets with long immutable caching', async () => {
    const res = await t.http().get('/assets/index-3f2a9c.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.text).toBe(ASSET);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await t.http().get('/favicon.svg').expect(200);
  });

  it('leaves /api, /health, files and non-page requests to the API: unknown ones are problem+json 404', async () => {
    for (const path of ['/api/nope', '/api', '/API/nope', '/Api', '/api/shadow.json', '/assets/missing-1234.js', '/dossiers.json']) {
      const res = await html(path);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
    }
    const health = await html('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', db: 'up' });
    // The API's routes answer in any case of letters, as express finds them, never the page.
    expect((await html('/HEALTH').expect(200)).body).toMatchObject({ status: 'ok' });
    expect((await html('/API/me').expect(401)).headers['content-type']).toMatch(/^application\/problem\+json/);
    // A client that asks for JSON gets the API's answer, not the page.
    await t.http().get('/dossiers/123').set('Accept', 'application/json').expect(404);
    await t.http().post('/dossiers/123').set('Accept', 'text/html').expect(404);
  });

  it('sends the strict security headers on pages, assets and API answers', async () => {
    for (const res of [await html('/'), await t.http().get('/assets/index-3f2a9c.js'), await t.http().get('/api/nope'), await t.http().get('/health')]) {
      expect(res.headers['content-security-policy']).toBe(CSP);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=()');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    // A malformed body is refused before any route runs; the headers are there all the same.
    const bad = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-security-policy']).toBe(CSP);
    expect(bad.headers['cache-control']).toBe('no-store');
  });

  it('sends HSTS only on https requests', async () => {
    const res = await html('/').set('X-Forwarded-Proto', 'https').expect(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('never lets a browser store an /api answer', async () => {
    for (const res of [
      await t.http().get('/api/nope'), await t.http().post('/api/auth/login').send({ email: 'x@y.be', password: 'z' }), await t.http().get('/api/docs-json'),
    ]) expect(res.headers['cache-control']).toBe('no-store');
  });

  it('keeps Swagger UI working: inline styles allowed on /api/docs only, scripts as strict as everywhere', async () => {
    const page = await html('/api/docs').expect(200);
    expect(page.text).toContain('swagger-ui-init.js');
    const relaxed = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    expect(page.headers['content-security-policy']).toBe(relaxed);
    const init = await t.http().get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.headers['content-security-policy']).toBe(relaxed);
    expect((await t.http().get('/api/docs-json')).headers['content-security-policy']).toBe(CSP);
  });
});

describe('web UI not built', () => {
  let t: TestApp;
  const webDir = mkdtempSync(join(tmpdir(), 'kernteam-web-empty-'));
  beforeAll(async () => {
    process.env.WEB_DIR = webDir;
    t = await startApp();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.WEB_DIR;
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers / with a short 503 saying how to build it; the API works as before', async () => {
    const res = await t.http().get('/').set('Accept', 'text/html').expect(503);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('npm run build:web');
    await t.http().get('/health').expect(200);
    await t.http().get('/api/nope').expect(404);
  });
});
