import { TenantDb } from '@kernteam/persistence';
import { bearer, login, PASSWORD, seedTenant, startApp, TestApp, TestTenant } from './support/app';

/**
 * Kernteam issue 11 item 4, "the admin can become anyone": with grantsNeedSecondApproval on, a grant of a watched role
 * or a reset of such an account waits for a second person (another admin or the chair) and changes nothing until then.
 */
describe('second approval of grants and resets', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let adminB: string;
  const db = () => t.app.get(TenantDb);
  const as = (who: string) => bearer(who === 'adminB' ? adminB : tenant.tokens[who]);
  const setApproval = async (on: boolean) => {
    const { version } = (await t.http().get('/api/settings').set(as('admin')).expect(200)).body;
    const res = await t.http().patch('/api/settings').set(as('admin')).send({ version, grantsNeedSecondApproval: on }).expect(200);
    expect(res.body.grantsNeedSecondApproval).toBe(on);
  };
  const userRow = async (id: string) => (await db().system((em) => em.query(`SELECT role, active FROM users WHERE id = $1`, [id])))[0];
  const pending = async (who = 'adminB') => (await t.http().get('/api/grant-requests?state=PENDING').set(as(who)).expect(200)).body as { id: string; version: number; kind: string; targetUserId: string }[];
  const newEvaluator = async () => (await t.http().post('/api/users').set(as('admin'))
    .send({ email: `e.${Math.random().toString(36).slice(2)}@test.kernteam.be`, name: 'Nieuwe evaluator', role: 'evaluator', password: 'long enough password' }).expect(201)).body;

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Grant approval');
    const b = await t.http().post('/api/users').set(as('admin')).send({ email: `adminb.${tenant.tenantId.slice(0, 8)}@test.kernteam.be`, name: 'Admin B', role: 'admin', password: PASSWORD }).expect(201);
    adminB = await login(t, b.body.email);
  });
  afterAll(() => t.close());

  it('is off by default: grants and resets take effect at once, as before', async () => {
    expect((await t.http().get('/api/settings').set(as('admin')).expect(200)).body.grantsNeedSecondApproval).toBe(false);
    const u = await newEvaluator();
    const changed = await t.http().patch(`/api/users/${u.id}`).set(as('admin')).send({ role: 'auditor' }).expect(200);
    expect(changed.body).toMatchObject({ role: 'auditor', active: true });
    const link = await t.http().post(`/api/users/${u.id}/password-reset`).set(as('admin')).expect(201);
    expect(link.body.url).toContain('/password-reset?token=');
    expect(await pending()).toEqual([]);
  });

  it('only the admin changes the setting', async () => {
    const { version } = (await t.http().get('/api/settings').set(as('chair')).expect(200)).body;
    await t.http().patch('/api/settings').set(as('chair')).send({ version, grantsNeedSecondApproval: true }).expect(403);
    await t.http().patch('/api/settings').set(as('admin')).send({ version, grantsNeedSecondApproval: 'ja' }).expect(400);
  });

  it("when on, admin A's role grant is 202 and changes nothing until admin B approves; A cannot approve their own", async () => {
    await setApproval(true);
    const u = await newEvaluator();
    // Not a watched role: no approval needed.
    expect((await t.http().patch(`/api/users/${u.id}`).set(as('admin')).send({ name: 'Hernoemd' }).expect(200)).body.name).toBe('Hernoemd');
    const res = await t.http().patch(`/api/users/${u.id}`).set(as('admin')).send({ role: 'member', partnerId: tenant.partners.Politie }).expect(202);
    expect(res.body).toEqual({ grantRequest: { id: expect.any(String), state: 'PENDING', kind: 'ROLE_GRANT' } });
    expect(await userRow(u.id)).toEqual({ role: 'evaluator', active: true });
    // A second request for the same while one waits: 409.
    await t.http().patch(`/api/users/${u.id}`).set(as('admin')).send({ role: 'auditor' }).expect(409);

    const [req] = (await pending()).filter((r) => r.targetUserId === u.id);
    expect(req).toMatchObject({ id: res.body.grantRequest.id, kind: 'ROLE_GRANT', role: 'member', partnerId: tenant.partners.Politie, requestedByName: expect.any(String), version: 1 });
    // The other admins and the chair are told, the requester is not.
    const told = await db().system((em) => em.query(
      `SELECT u.role FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'grant.requested' AND n.entity_id = $1 ORDER BY u.role`, [req.id]));
    expect(told.map((r: { role: string }) => r.role)).toEqual(['admin', 'chair']);
    const note = (await t.http().get('/api/notifications').set(as('chair')).expect(200)).body.items.find((n: { entityId: string }) => n.entityId === req.id);
    expect(note).toMatchObject({ kind: 'grant.requested', entityType: 'GrantRequest' });

    const own = await t.http().post(`/api/grant-requests/${req.id}/approve`).set(as('admin')).send({ version: 1 }).expect(422);
    expect(own.body.detail).toMatch(/second person/);
    await t.http().post(`/api/grant-requests/${req.id}/approve`).set(as('adminB')).send({ version: 2 }).expect(409);
    const approved = await t.http().post(`/api/grant-requests/${req.id}/approve`).set(as('adminB')).send({ version: 1 }).expect(200);
    expect(approved.body.grantRequest).toMatchObject({ state: 'APPROVED', decidedBy: expect.any(String), decidedAt: expect.any(String), version: 2 });
    expect(await userRow(u.id)).toEqual({ role: 'member', active: true });
    // Decided: a second approval is 409.
    await t.http().post(`/api/grant-requests/${req.id}/approve`).set(as('chair')).send({ version: 2 }).expect(409);
    const audit = await db().system((em) => em.query(
      `SELECT action FROM audit_events WHERE tenant_id = $1 AND (entity_id = $2 OR entity_id = $3) AND action LIKE ANY (ARRAY['grant-request.%', 'user.update']) ORDER BY seq`, [tenant.tenantId, req.id, u.id]));
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['user.update', 'grant-request.create', 'user.update', 'grant-request.approve']);
    // Every active auditor is told of the grant once, at approval, as without the setting.
    const [told2] = await db().system((em) => em.query(
      `SELECT (SELECT count(*)::int FROM notifications WHERE kind = 'user.role_granted' AND entity_id = $1) AS n,
              (SELECT count(*)::int FROM users WHERE tenant_id = $2 AND role = 'auditor' AND active) AS auditors`, [u.id, tenant.tenantId]));
    expect(told2.n).toBe(told2.auditors);
  });

  it('a new user with a watched role is inactive until the chair approves; the invitation is only issued then', async () => {
    const res = await t.http().post('/api/users').set(as('admin'))
      .send({ email: `cm.${Math.random().toString(36).slice(2)}@test.kernteam.be`, name: 'Nieuwe casemanager', role: 'casemanager', partnerId: tenant.partners.Casemanagement }).expect(202);
    expect(res.body.grantRequest).toMatchObject({ state: 'PENDING', kind: 'ROLE_GRANT' });
    const [req] = (await pending('chair')).filter((r) => r.id === res.body.grantRequest.id);
    expect(await userRow(req.targetUserId)).toEqual({ role: 'casemanager', active: false });
    const links = async () => (await db().system((em) => em.query(`SELECT count(*)::int AS n FROM account_links WHERE user_id = $1`, [req.targetUserId])))[0].n;
    expect(await links()).toBe(0);
    // Nor can the admin switch the account on to get around the request.
    await t.http().patch(`/api/users/${req.targetUserId}`).set(as('admin')).send({ active: true }).expect(409);
    const approved = await t.http().post(`/api/grant-requests/${req.id}/approve`).set(as('chair')).send({ version: req.version }).expect(200);
    expect(approved.body.link).toMatchObject({ delivery: 'SHOWN', url: expect.stringContaining('/password-reset?token=') });
    expect(await userRow(req.targetUserId)).toEqual({ role: 'casemanager', active: true });
    expect(await links()).toBe(1);
  });

  it('a rejection changes nothing and tells the requester', async () => {
    const u = await newEvaluator();
    const res = await t.http().patch(`/api/users/${u.id}`).set(as('adminB')).send({ role: 'auditor' }).expect(202);
    const id = res.body.grantRequest.id;
    await t.http().post(`/api/grant-requests/${id}/reject`).set(as('admin')).send({ version: 1 }).expect(400);
    await t.http().post(`/api/grant-requests/${id}/reject`).set(as('adminB')).send({ version: 1, reason: 'eigen' }).expect(422);
    const rejected = await t.http().post(`/api/grant-requests/${id}/reject`).set(as('admin')).send({ version: 1, reason: 'Niet afgesproken' }).expect(200);
    expect(rejected.body).toMatchObject({ state: 'REJECTED', reason: 'Niet afgesproken' });
    expect(await userRow(u.id)).toEqual({ role: 'evaluator', active: true });
    const list = (await t.http().get('/api/grant-requests?state=REJECTED').set(as('chair')).expect(200)).body;
    expect(list.map((r: { id: string }) => r.id)).toContain(id);
    const told = (await t.http().get('/api/notifications').set(as('adminB')).expect(200)).body.items.find((n: { entityId: string }) => n.entityId === id);
    expect(told).toMatchObject({ kind: 'grant.decided' });
  });

  it('a password reset of a watched account needs approval; the link is only issued on approval', async () => {
    const [me] = [(await t.http().get('/api/me').set(as('police')).expect(200)).body];
    const links = async () => (await db().system((em) => em.query(`SELECT count(*)::int AS n FROM account_links WHERE user_id = $1 AND purpose = 'RESET'`, [me.id])))[0].n;
    const res = await t.http().post(`/api/users/${me.id}/password-reset`).set(as('admin')).expect(202);
    expect(res.body).toEqual({ grantRequest: { id: expect.any(String), state: 'PENDING', kind: 'PASSWORD_RESET' } });
    expect(res.body.url).toBeUndefined();
    expect(await links()).toBe(0);
    const approved = await t.http().post(`/api/grant-requests/${res.body.grantRequest.id}/approve`).set(as('adminB')).send({ version: 1 }).expect(200);
    expect(approved.body.link.url).toContain('/password-reset?token=');
    expect(await links()).toBe(1);
    // A reset of an account of a role nobody watches is immediate.
    const ev = (await t.http().get('/api/me').set(as('evaluator')).expect(200)).body;
    await t.http().post(`/api/users/${ev.id}/password-reset`).set(as('admin')).expect(201);
  });

  it('a second-factor reset of a watched account waits too', async () => {
    const me = (await t.http().get('/api/me').set(as('ocmw')).expect(200)).body;
    await t.http().delete(`/api/users/${me.id}/totp`).set(as('admin')).expect(422);
    await db().system((em) => em.query(`UPDATE users SET totp_secret = 'x', totp_enabled_at = now() WHERE id = $1`, [me.id]));
    const res = await t.http().delete(`/api/users/${me.id}/totp`).set(as('admin')).expect(202);
    expect(res.body.grantRequest.kind).toBe('TOTP_RESET');
    const on = async () => (await db().system((em) => em.query(`SELECT totp_enabled_at IS NOT NULL AS on FROM users WHERE id = $1`, [me.id])))[0].on;
    expect(await on()).toBe(true);
    await t.http().post(`/api/grant-requests/${res.body.grantRequest.id}/approve`).set(as('chair')).send({ version: 1 }).expect(200);
    expect(await on()).toBe(false);
  });

  it('a request that waited 7 days lapses; members, evaluators and auditors see none', async () => {
    const u = await newEvaluator();
    const res = await t.http().patch(`/api/users/${u.id}`).set(as('admin')).send({ role: 'auditor' }).expect(202);
    const id = res.body.grantRequest.id;
    await db().system((em) => em.query(`UPDATE grant_requests SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]));
    await t.http().post(`/api/grant-requests/${id}/approve`).set(as('adminB')).send({ version: 1 }).expect(409);
    const expired = (await t.http().get('/api/grant-requests?state=EXPIRED').set(as('adminB')).expect(200)).body;
    expect(expired.map((r: { id: string }) => r.id)).toContain(id);
    expect(await userRow(u.id)).toEqual({ role: 'evaluator', active: true });
    await t.http().get('/api/grant-requests?state=OPEN').set(as('admin')).expect(400);
    for (const who of ['casemanager', 'police', 'evaluator', 'auditor']) {
      await t.http().get('/api/grant-requests').set(as(who)).expect(403);
      await t.http().post(`/api/grant-requests/${id}/approve`).set(as(who)).send({ version: 2 }).expect(403);
    }
    await t.http().get('/api/grant-requests').expect(401);
  });

  it('another tenant sees none of them', async () => {
    const other = await seedTenant(t, 'Grant approval other');
    expect((await t.http().get('/api/grant-requests').set(bearer(other.tokens.admin)).expect(200)).body).toEqual([]);
    const [req] = (await t.http().get('/api/grant-requests').set(as('admin')).expect(200)).body;
    await t.http().post(`/api/grant-requests/${req.id}/approve`).set(bearer(other.tokens.admin)).send({ version: req.version }).expect(404);
    await setApproval(false);
  });
});
