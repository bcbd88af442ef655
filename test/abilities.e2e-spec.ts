import { createMongoAbility } from '@casl/ability';
import { bearer, seedTenant, startApp, TestApp, TestTenant } from './support/app';

/**
 * The web UI builds its menu from `GET /api/me/abilities`. Those rules must be the ones the API decides with: a role
 * whose rules say it may read dossiers gets 200 on the list, and one whose rules say no gets 403.
 */
describe('GET /api/me/abilities (the rules the UI shows its menu from)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Abilities');
  });
  afterAll(() => t.close());

  const routes: [action: string, subject: string, path: string][] = [
    ['read', 'Dossier', '/api/dossiers'],
    ['read', 'Meeting', '/api/meetings'],
    ['read', 'Indicator', '/api/indicators?from=2026-01-01&to=2026-03-31'],
    ['read', 'AuditEvent', '/api/audit'],
    ['read', 'User', '/api/users'],
  ];

  it.each(['admin', 'chair', 'casemanager', 'police', 'ocmw', 'evaluator', 'auditor'] as const)('agrees with the API for %s', async (role) => {
    const token = tenant.tokens[role as keyof typeof tenant.tokens];
    const res = await t.http().get('/api/me/abilities').set(bearer(token)).expect(200);
    expect(Array.isArray(res.body.rules)).toBe(true);
    const ability = createMongoAbility(res.body.rules);
    for (const [action, subject, path] of routes) {
      const status = (await t.http().get(path).set(bearer(token))).status;
      expect({ path, role, allowed: status === 200 }).toEqual({ path, role, allowed: ability.can(action, subject) });
    }
  });

  it('needs a signed-in user', async () => {
    await t.http().get('/api/me/abilities').expect(401);
  });
});
