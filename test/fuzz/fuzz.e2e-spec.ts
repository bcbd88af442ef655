import type { AddressInfo } from 'node:net';
import { TenantDb } from '@kernteam/persistence';
import { bearer, createDossier, seedTenant, startApp, TestApp, TestTenant } from '../support/app';
import { listening } from '../support/browser';
import { planMeeting } from '../support/meetings';
import { cases, describeCase, loadDocument, operations, run, summary, violations } from './fuzzer';

/**
 * The API fuzzer (test/fuzz/fuzzer.ts) against the real API: ~2,000 requests here (FUZZ_REQUESTS), seeded
 * (FUZZ_SEED, printed), bounded by FUZZ_SECONDS. `npm run fuzz -- --requests 20000 [--seed n]` is the long form.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS || 2_000);
const SEED = Number(process.env.FUZZ_SEED || 20261201);
const SECONDS = Number(process.env.FUZZ_SECONDS || 240);

describe('API fuzzer (openapi.json × payload classes × roles)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let base: string;
  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Fuzz');
    base = `http://127.0.0.1:${((await listening(t)) as AddressInfo).port}`;
  });
  // Thousands of refused sign-ins from this address: later test files sign in from it too.
  afterAll(async () => {
    await t.app.get(TenantDb).system((em) => em.query(`DELETE FROM login_throttle`));
    await t.close();
  });

  it(`answers ${REQUESTS} generated requests without a 5xx, every 4xx as application/problem+json`, async () => {
    // Real ids of the tenant, so a share of the requests reaches records and their write paths, not only 404s.
    const dossier = await createDossier(t, tenant);
    const meeting = await planMeeting(t, tenant);
    const users = (await t.http().get('/api/users?pageSize=100').set(bearer(tenant.tokens.admin)).expect(200)).body.items.map((u: { id: string }) => u.id);
    const known = { uuids: [dossier.id, meeting.id, ...Object.values(tenant.partners), ...users, tenant.tenantId] };
    const roles = [...Object.keys(tenant.tokens), 'anonymous'];
    const all = cases(operations(loadDocument()), roles, known, SEED, REQUESTS);
    const results = await run(all, async (c) => {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (c.role !== 'anonymous') headers.Authorization = `Bearer ${tenant.tokens[c.role]}`;
      if (c.body !== undefined) headers['Content-Type'] = 'application/json';
      try {
        const res = await fetch(`${base}${c.url}`, { method: c.op.method, headers, body: c.body === undefined ? undefined : JSON.stringify(c.body), signal: AbortSignal.timeout(20_000) });
        await res.arrayBuffer();
        return { status: res.status, contentType: res.headers.get('content-type') ?? '' };
      } catch {
        return { status: 0, contentType: '' };
      }
    }, { concurrency: 4, deadline: Date.now() + SECONDS * 1_000 });
    process.stdout.write(`fuzz seed ${SEED}: ${results.length} of ${all.length} requests\n${summary(results)}\n`);
    const bad = violations(results);
    if (bad.length) process.stdout.write(`violations (reproduce with FUZZ_SEED=${SEED}):\n${bad.slice(0, 50).map(describeCase).join('\n')}\n`);
    expect(bad.map(describeCase)).toEqual([]);
    expect(results.length).toBeGreaterThan(Math.min(REQUESTS, 500));
  }, (SECONDS + 60) * 1_000);
});
