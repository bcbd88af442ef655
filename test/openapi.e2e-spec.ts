import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { normaliseOpenApi, renderOpenApi } from '../apps/api/src/openapi';
import { bearer, createDossier, seedTenant, startApp, TestApp, TestTenant } from './support/app';

const ROOT = join(__dirname, '..');
const REGENERATE = 'npm run build && node dist/apps/cli/src/main.js openapi && npx openapi-typescript openapi.json -o apps/web/src/api/schema.d.ts';

type Schema = { $ref?: string; type?: string; format?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; allOf?: Schema[] };
interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; schema?: Schema }[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Doc { security?: unknown[]; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }

const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));

/** The OpenAPI document is a contract: the committed file is what the app serves, and the web types follow from it. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let served: Doc;

  beforeAll(async () => {
    t = await startApp();
    served = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('is the committed openapi.json', () => {
    const committed = readFileSync(join(ROOT, 'openapi.json'), 'utf8');
    const current = renderOpenApi(served);
    if (current !== committed) throw new Error(`openapi.json is stale: run \`${REGENERATE}\` and commit both files.`);
  });

  it('is served as JSON, with its interactive page, and no YAML copy (js-yaml is not loaded)', async () => {
    await t.http().get('/api/docs').expect(200).expect('content-type', /text\/html/);
    await t.http().get('/api/docs-yaml').expect(404);
  });

  it('gives the committed web client types (apps/web/src/api/schema.d.ts)', async () => {
    const committed = readFileSync(join(ROOT, 'apps/web/src/api/schema.d.ts'), 'utf8');
    // The CLI itself (its package is ESM, which Jest's CommonJS runtime cannot load), printing to stdout.
    const cli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js');
    const { stdout: expected } = await promisify(execFile)(process.execPath, [cli, 'openapi.json'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    if (expected !== committed) throw new Error(`apps/web/src/api/schema.d.ts is stale: run \`${REGENERATE}\`.`);
  });

  it('is normalised: sorted keys at every level, so regenerating gives the same bytes', () => {
    expect(JSON.stringify(normaliseOpenApi(served))).toBe(JSON.stringify(served));
    expect(Object.keys(served.paths)).toEqual([...Object.keys(served.paths)].sort());
  });

  it('gives every operation a unique readable operationId and a 2xx answer with a schema (204 and file downloads excepted)', () => {
    const ops = operations(served);
    expect(ops.length).toBeGreaterThan(50);
    const ids = ops.map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]*_[a-z][A-Za-z]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const missing = ops.filter(({ op }) => {
      const ok = Object.entries(op.responses).filter(([code]) => code.startsWith('2'));
      if (ok.some(([code]) => code === '204')) return false;
      // A browser navigation answered only by a redirect (the identity-provider sign-in) has no body to describe.
      if (!ok.length && Object.keys(op.responses).some((code) => code.startsWith('3'))) return false;
      return !ok.some(([, r]) => Object.values(r.content ?? {}).some((c) => c.schema));
    });
    expect(missing.map((m) => m.key)).toEqual([]);
    // A JSON answer names a component (or an array of one), never an empty object.
    const anonymous = ops.filter(({ op }) => Object.entries(op.responses).some(([code, r]) => {
      const s = r.content?.['application/json']?.schema;
      return code.startsWith('2') && s && !s.$ref && !s.items?.$ref && s.format !== 'binary';
    }));
    expect(anonymous.map((m) => m.key)).toEqual([]);
  });

  it('lets every operation but the public ones take a Bearer token or the session cookie', () => {
    expect(served.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    const declared = operations(served).filter(({ op }) => op.security).map(({ key, op }) => ({ key, security: op.security }));
    expect(declared).toEqual(expect.arrayContaining([
      { key: 'POST /api/auth/login', security: [] }, { key: 'POST /api/auth/session', security: [] }, { key: 'GET /health', security: [] },
      // A one-time link is used by someone without a password yet.
      { key: 'POST /api/auth/password-reset', security: [] },
      // The second sign-in step: the challenge of the password step proves the first factor, no session yet.
      { key: 'POST /api/auth/login/totp', security: [] }, { key: 'POST /api/auth/session/totp', security: [] },
      // The browser session itself: a Bearer request has none to show or end.
      { key: 'GET /api/auth/session', security: [{ cookie: [] }] }, { key: 'DELETE /api/auth/session', security: [{ cookie: [] }] },
      // Sign-in through an identity provider (browser navigations and the login page's buttons), and its sign-out.
      { key: 'GET /api/auth/oidc/providers', security: [] }, { key: 'GET /api/auth/oidc/{providerId}/start', security: [] },
      { key: 'GET /api/auth/oidc/callback', security: [] }, { key: 'POST /api/auth/oidc/logout', security: [{ cookie: [] }] },
    ]));
    expect(declared).toHaveLength(12);
  });

  it('declares 401 as application/problem+json on every operation that needs a token or cookie, and problem+json for every 4xx', () => {
    // An operation's own security, else the document's (which every non-public operation inherits).
    const bearerOps = operations(served).filter(({ op }) => (op.security ?? served.security)?.length);
    expect(bearerOps.length).toBeGreaterThan(50);
    const without401 = bearerOps.filter(({ op }) => !op.responses['401']?.content?.['application/problem+json']);
    expect(without401.map((m) => m.key)).toEqual([]);
    const plain4xx = operations(served).flatMap(({ key, op }) => Object.entries(op.responses)
      .filter(([code, r]) => code.startsWith('4') && r.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/ProblemView')
      .map(([code]) => `${key} ${code}`));
    expect(plain4xx).toEqual([]);
    const problem = served.components.schemas.ProblemView;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail']));
    expect(problem.properties?.status.type).toBe('integer');
  });

  it('has integer page and pageSize, in the query and in every page of a list', () => {
    const paging = operations(served).flatMap(({ op }) => (op.parameters ?? []).filter((p) => p.in === 'query' && ['page', 'pageSize'].includes(p.name)));
    expect(paging.length).toBeGreaterThan(10);
    expect(paging.filter((p) => p.schema?.type !== 'integer')).toEqual([]);
    const pages = Object.entries(served.components.schemas).filter(([name]) => name.endsWith('Page'));
    expect(pages.map(([name]) => name)).toEqual(expect.arrayContaining(['DossierViewPage', 'MeetingSummaryViewPage', 'UserViewPage']));
    for (const [, s] of pages) {
      expect(s.required).toEqual(['items', 'total', 'page', 'pageSize']);
      expect([s.properties?.total.type, s.properties?.page.type, s.properties?.pageSize.type]).toEqual(['integer', 'integer', 'integer']);
      expect(s.properties?.items.type).toBe('array');
    }
  });

  describe('says what the API really answers', () => {
    let tenant: TestTenant;
    beforeAll(async () => {
      tenant = await seedTenant(t, 'OpenAPI');
    });

    /** Every field the answer has is documented, and every documented required field is there. */
    const expectShape = (body: Record<string, unknown>, schemaName: string) => {
      const s = served.components.schemas[schemaName];
      const documented = Object.keys(s.properties ?? {});
      expect({ schemaName, undocumented: Object.keys(body).filter((k) => !documented.includes(k)) }).toEqual({ schemaName, undocumented: [] });
      expect({ schemaName, absent: (s.required ?? []).filter((k) => !(k in body)) }).toEqual({ schemaName, absent: [] });
    };

    it('for a dossier, a page of dossiers, the signed-in user and the partners', async () => {
      const d = await createDossier(t, tenant);
      expectShape(d, 'DossierView');
      expectShape(d.subject, 'SubjectView');
      const page = (await t.http().get('/api/dossiers').set(bearer(tenant.tokens.casemanager)).expect(200)).body;
      expectShape(page, 'DossierViewPage');
      expectShape((await t.http().get('/api/me').set(bearer(tenant.tokens.chair)).expect(200)).body, 'SignedInUserView');
      const partners = (await t.http().get('/api/partners').set(bearer(tenant.tokens.admin)).expect(200)).body;
      expectShape(partners[0], 'PartnerView');
      const problem = (await t.http().get(`/api/dossiers/${d.id}`).expect(401)).body;
      expectShape(problem, 'ProblemView');
    });
  });
});
