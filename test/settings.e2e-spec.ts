import { TenantDb } from '@kernteam/persistence';
import { bearer, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { as, getMeeting, planMeeting, retainedDossier, addToAgenda } from './support/meetings';

/** Tenant settings (GET/PATCH /api/settings) and what the standing partners decide: who is expected at every meeting. */
describe('tenant settings and standing partners', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Settings');
  });
  afterAll(() => t.close());

  const settings = async (who = 'admin') => (await t.http().get('/api/settings').set(as(tenant, who)).expect(200)).body;
  const patch = (body: Record<string, unknown>, who = 'admin') => t.http().patch('/api/settings').set(as(tenant, who)).send(body);

  it('shows every signed-in user of the tenant its settings; by default the mayor, casemanagement, police and prevention partners stand', async () => {
    for (const who of ['admin', 'chair', 'casemanager', 'police', 'evaluator', 'auditor']) {
      const s = await settings(who);
      expect(s).toEqual({
        name: tenant.name, defaultLanguage: 'nl-BE', theme: 'neutral', version: 1, standingPartnersDefault: true, municipalities: [], mfaRequiredRoles: [], acceptsTransfers: false, grantsNeedSecondApproval: false,
        // The test tenant has no PREVENTIE partner.
        standingPartnerIds: [tenant.partners.Burgemeester, tenant.partners.Casemanagement, tenant.partners.Politie].sort(),
      });
    }
    await t.http().get('/api/settings').expect(401);
  });

  it('lets the admin alone change them, version-guarded, audited, with partners of the tenant only', async () => {
    for (const who of ['chair', 'casemanager', 'police', 'evaluator', 'auditor']) await patch({ version: 1, theme: 'gent' }, who).expect(403);
    await patch({ version: 1, theme: 'roze' }).expect(400);
    await patch({ version: 1, defaultLanguage: 'en-GB' }).expect(400);
    await patch({ version: 1, name: '' }).expect(400);
    const blank = await patch({ version: 1, name: '   ' }).expect(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    await patch({ theme: 'gent' }).expect(400);
    const unknown = await patch({ version: 1, standingPartnerIds: ['6f1c1d0e-0000-4000-8000-000000000000'] }).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'standingPartnerIds' })]);
    const other = await seedTenant(t, 'Settings other');
    await patch({ version: 1, standingPartnerIds: [other.partners.Politie] }).expect(400);
    const inactive = (await t.http().post('/api/partners').set(as(tenant, 'admin')).send({ name: 'Oud', type: 'OTHER' }).expect(201)).body;
    await t.http().patch(`/api/partners/${inactive.id}`).set(as(tenant, 'admin')).send({ active: false }).expect(200);
    await patch({ version: 1, standingPartnerIds: [inactive.id] }).expect(422);
    expect(await settings()).toMatchObject({ version: 1, theme: 'neutral' });

    const changed = await patch({ version: 1, theme: 'gent', defaultLanguage: 'fr-BE', standingPartnerIds: [tenant.partners.Burgemeester, tenant.partners.OCMW] }).expect(200);
    expect(changed.body).toEqual({
      name: tenant.name, theme: 'gent', defaultLanguage: 'fr-BE', version: 2, standingPartnersDefault: false, municipalities: [], mfaRequiredRoles: [], acceptsTransfers: false, grantsNeedSecondApproval: false,
      standingPartnerIds: [tenant.partners.Burgemeester, tenant.partners.OCMW].sort(),
    });
    await patch({ version: 1, theme: 'neutral' }).expect(409);
    const audit = await t.app.get(TenantDb).system((em) => em.query(
      `SELECT action, details FROM audit_events WHERE tenant_id = $1 AND action = 'settings.update'`, [tenant.tenantId]));
    expect(audit).toEqual([{ action: 'settings.update', details: { fields: 'standingPartnerIds,defaultLanguage,theme' } }]);
    expect(await settings('police')).toMatchObject({ theme: 'gent', version: 2 });
    // Receiving transfers from other LIVCs is the tenant's own choice.
    await patch({ version: 2, acceptsTransfers: 'ja' }).expect(400);
    expect((await patch({ version: 2, acceptsTransfers: true }).expect(200)).body).toMatchObject({ acceptsTransfers: true, theme: 'gent', version: 3 });
    // Second-person approval of grants (test/grant-approval.e2e-spec.ts) is off until the admin turns it on.
    await patch({ version: 3, grantsNeedSecondApproval: 'ja' }).expect(400);
    expect((await patch({ version: 3, grantsNeedSecondApproval: true }).expect(200)).body).toMatchObject({ grantsNeedSecondApproval: true, acceptsTransfers: true, version: 4 });
    expect((await patch({ version: 4, grantsNeedSecondApproval: false }).expect(200)).body).toMatchObject({ grantsNeedSecondApproval: false, version: 5 });
  });

  it('invites the standing partners to every meeting, whatever its agenda (and no longer the hard-coded pair)', async () => {
    const s = await settings();
    const m = await planMeeting(t, tenant);
    const d = await retainedDossier(t, tenant, ['Onderwijs']);
    await addToAgenda(t, tenant, m.id, d.id).expect(201);
    // OCMW stands now: its member sees the meeting without being involved; the casemanagement no longer stands.
    await t.http().get(`/api/meetings/${m.id}`).set(as(tenant, 'ocmw')).expect(200);
    await t.http().get(`/api/meetings/${m.id}`).set(as(tenant, 'police')).expect(404);
    const minutes = (await t.http().get(`/api/meetings/${m.id}/minutes`).set(as(tenant, 'chair')).expect(200)).body;
    expect(minutes.absentPartners.map((p: { name: string }) => p.name)).toEqual(['Burgemeester', 'OCMW', 'Onderwijs']);

    // null goes back to the default set, computed from the partner types.
    const reset = await patch({ version: s.version, standingPartnerIds: null }).expect(200);
    expect(reset.body).toMatchObject({ standingPartnersDefault: true, standingPartnerIds: [tenant.partners.Burgemeester, tenant.partners.Casemanagement, tenant.partners.Politie].sort() });
    await t.http().get(`/api/meetings/${m.id}`).set(as(tenant, 'police')).expect(200);
    await t.http().get(`/api/meetings/${m.id}`).set(as(tenant, 'ocmw')).expect(404);
    expect((await getMeeting(t, tenant, m.id)).agenda).toHaveLength(1);
  });

  it('keeps tenants apart', async () => {
    const other = await seedTenant(t, 'Settings apart');
    const theirs = (await t.http().get('/api/settings').set(bearer(other.tokens.chair)).expect(200)).body;
    expect(theirs.name).toBe(other.name);
    expect(theirs.standingPartnerIds.some((id: string) => Object.values(tenant.partners).includes(id))).toBe(false);
  });
});
