import { TenantDb } from '@kernteam/persistence';
import { bearer, login, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { signInBrowser, withCookie } from './support/browser';

describe('partners and users (admin writes, signed-in users read)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Admin');
  });
  afterAll(() => t.close());

  it('lets every signed-in role read the partners of its tenant', async () => {
    for (const who of ['admin', 'chair', 'casemanager', 'police', 'evaluator', 'auditor']) {
      const res = await t.http().get('/api/partners').set(bearer(tenant.tokens[who])).expect(200);
      expect(res.body.map((p: { name: string }) => p.name).sort()).toEqual(Object.keys(tenant.partners).sort());
      expect(res.body[0]).toEqual({ id: expect.any(String), name: expect.any(String), type: expect.any(String), active: true, version: 1 });
    }
  });

  it('lets the admin create and change partners, and no one else', async () => {
    const created = await t.http().post('/api/partners').set(bearer(tenant.tokens.admin)).send({ name: 'Jeugdhulp', type: 'OTHER' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Jeugdhulp', type: 'OTHER', active: true, version: 1 });
    await t.http().post('/api/partners').set(bearer(tenant.tokens.admin)).send({ name: 'Jeugdhulp', type: 'OTHER' }).expect(409);
    await t.http().post('/api/partners').set(bearer(tenant.tokens.admin)).send({ name: 'X', type: 'BAKKERIJ' }).expect(400);
    for (const who of ['chair', 'casemanager', 'police', 'evaluator', 'auditor']) {
      await t.http().post('/api/partners').set(bearer(tenant.tokens[who])).send({ name: `P ${who}`, type: 'OTHER' }).expect(403);
      await t.http().patch(`/api/partners/${created.body.id}`).set(bearer(tenant.tokens[who])).send({ active: false }).expect(403);
    }
    const patched = await t.http().patch(`/api/partners/${created.body.id}`).set(bearer(tenant.tokens.admin)).send({ active: false, version: 1 }).expect(200);
    expect(patched.body).toMatchObject({ active: false, version: 2 });
    await t.http().patch(`/api/partners/${created.body.id}`).set(bearer(tenant.tokens.admin)).send({ name: 'Stale', version: 1 }).expect(409);
  });

  it('creates users with the rules of API.md', async () => {
    const admin = bearer(tenant.tokens.admin);
    const ok = await t.http().post('/api/users').set(admin)
      .send({ email: `new.${tenant.tenantId.slice(0, 8)}@test.kernteam.be`, name: 'Nieuwe partner', role: 'member', partnerId: tenant.partners.Parket, password: 'twelve chars!' })
      .expect(201);
    expect(ok.body).toMatchObject({ role: 'member', partnerId: tenant.partners.Parket, active: true });
    expect(ok.body).not.toHaveProperty('password');
    expect(ok.body).not.toHaveProperty('passwordHash');

    const short = await t.http().post('/api/users').set(admin).send({ email: 'a@b.be', name: 'A', role: 'evaluator', password: 'short' }).expect(400);
    expect(short.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
    const noPartner = await t.http().post('/api/users').set(admin).send({ email: 'c@b.be', name: 'C', role: 'member', password: 'long enough password' }).expect(400);
    expect(noPartner.body.errors).toEqual([expect.objectContaining({ field: 'partnerId' })]);
    await t.http().post('/api/users').set(admin).send({ email: ok.body.email.toUpperCase(), name: 'Dup', role: 'evaluator', password: 'long enough password' }).expect(409);
    await t.http().post('/api/users').set(admin).send({ email: 'd@b.be', name: 'D', role: 'superuser', password: 'long enough password' }).expect(400);
    for (const who of ['chair', 'casemanager', 'police', 'evaluator', 'auditor']) {
      await t.http().post('/api/users').set(bearer(tenant.tokens[who])).send({ email: `x.${who}@b.be`, name: 'X', role: 'evaluator', password: 'long enough password' }).expect(403);
    }
  });

  it('gives a casemanager a partner of type CASEMANAGEMENT only, on creation and on a change of role or partner', async () => {
    const admin = bearer(tenant.tokens.admin);
    const email = (k: string) => `${k}.${Math.random().toString(36).slice(2)}@test.kernteam.be`;
    const wrong = await t.http().post('/api/users').set(admin)
      .send({ email: email('cm'), name: 'CM', role: 'casemanager', partnerId: tenant.partners.Politie, password: 'long enough password' }).expect(422);
    expect(wrong.body.detail).toMatch(/casemanager.*CASEMANAGEMENT/);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'partnerId' })]);
    const cm = await t.http().post('/api/users').set(admin)
      .send({ email: email('cm'), name: 'CM', role: 'casemanager', partnerId: tenant.partners.Casemanagement, password: 'long enough password' }).expect(201);
    await t.http().patch(`/api/users/${cm.body.id}`).set(admin).send({ partnerId: tenant.partners.OCMW }).expect(422);
    const member = await t.http().post('/api/users').set(admin)
      .send({ email: email('m'), name: 'M', role: 'member', partnerId: tenant.partners.OCMW, password: 'long enough password' }).expect(201);
    await t.http().patch(`/api/users/${member.body.id}`).set(admin).send({ role: 'casemanager' }).expect(422);
    const users = (await t.http().get('/api/users?pageSize=200').set(admin).expect(200)).body.items;
    expect(users.find((u: { id: string }) => u.id === member.body.id)).toMatchObject({ role: 'member', partnerId: tenant.partners.OCMW });
    await t.http().patch(`/api/users/${member.body.id}`).set(admin).send({ role: 'casemanager', partnerId: tenant.partners.Casemanagement }).expect(200);
  });

  it('lists users to the admin and the partner roles, never to evaluator or auditor, and never with a hash', async () => {
    const res = await t.http().get('/api/users').set(bearer(tenant.tokens.chair)).expect(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: expect.any(Number) });
    expect(res.body.items.length).toBe(res.body.total);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2/);
    await t.http().get('/api/users').set(bearer(tenant.tokens.evaluator)).expect(403);
    await t.http().get('/api/users').set(bearer(tenant.tokens.auditor)).expect(403);
  });

  it('still lets the admin rename or deactivate a casemanager created before the partner rule', async () => {
    const admin = bearer(tenant.tokens.admin);
    const cm = await t.http().post('/api/users').set(admin)
      .send({ email: `old.${Math.random().toString(36).slice(2)}@test.kernteam.be`, name: 'Old CM', role: 'casemanager', partnerId: tenant.partners.Casemanagement, password: 'long enough password' }).expect(201);
    // As an account of before the rule: its partner is the police.
    await t.app.get(TenantDb).system((em) => em.query(`UPDATE users SET partner_id = $1 WHERE id = $2`, [tenant.partners.Politie, cm.body.id]));
    await t.http().patch(`/api/users/${cm.body.id}`).set(admin).send({ name: 'Old CM (renamed)' }).expect(200);
    const off = await t.http().patch(`/api/users/${cm.body.id}`).set(admin).send({ active: false }).expect(200);
    expect(off.body).toMatchObject({ name: 'Old CM (renamed)', active: false });
    // Changing the role or the partner still applies the rule.
    await t.http().patch(`/api/users/${cm.body.id}`).set(admin).send({ partnerId: tenant.partners.OCMW }).expect(422);
  });

  it('never lets the admin set a password (a reset is a one-time link, see password-reset.e2e-spec.ts)', async () => {
    const admin = bearer(tenant.tokens.admin);
    const email = `reset.${Math.random().toString(36).slice(2)}@test.kernteam.be`;
    const u = await t.http().post('/api/users').set(admin)
      .send({ email, name: 'Reset', role: 'member', partnerId: tenant.partners.OCMW, password: 'test-password-long' }).expect(201);
    const browser = await signInBrowser(t, email, {}, 'test-password-long');
    const res = await t.http().patch(`/api/users/${u.body.id}`).set(admin).send({ password: 'another long password' }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    await t.http().get('/api/me').set(withCookie(browser)).expect(200);
    await login(t, email, 'test-password-long');
  });

  it('applies a role change at once to a token issued before', async () => {
    const token = await login(t, tenant.emails.ocmw);
    await t.http().get('/api/users').set(bearer(token)).expect(200);
    const users = await t.http().get('/api/users?pageSize=200').set(bearer(tenant.tokens.admin)).expect(200);
    const ocmw = users.body.items.find((u: { email: string }) => u.email === tenant.emails.ocmw);
    await t.http().patch(`/api/users/${ocmw.id}`).set(bearer(tenant.tokens.admin)).send({ role: 'evaluator' }).expect(200);
    await t.http().get('/api/users').set(bearer(token)).expect(403);
    const me = await t.http().get('/api/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({ role: 'evaluator', partnerId: null });
  });

  it('keeps the last admin of a tenant', async () => {
    const me = await t.http().get('/api/me').set(bearer(tenant.tokens.admin)).expect(200);
    const res = await t.http().patch(`/api/users/${me.body.id}`).set(bearer(tenant.tokens.admin)).send({ active: false }).expect(422);
    expect(res.body.detail).toMatch(/last active admin/);
  });

  it('does not show one tenant the partners or users of another', async () => {
    const other = await seedTenant(t, 'Admin other');
    const theirs = await t.http().get('/api/partners').set(bearer(other.tokens.admin)).expect(200);
    const ids = new Set(Object.values(tenant.partners));
    expect(theirs.body.some((p: { id: string }) => ids.has(p.id))).toBe(false);
    await t.http().patch(`/api/partners/${tenant.partners.Politie}`).set(bearer(other.tokens.admin)).send({ active: false }).expect(404);
    const users = await t.http().get('/api/users?pageSize=200').set(bearer(other.tokens.admin)).expect(200);
    expect(users.body.items.every((u: { email: string }) => !Object.values(tenant.emails).includes(u.email))).toBe(true);
  });
});
