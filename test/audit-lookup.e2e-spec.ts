import { TenantDb } from '@kernteam/persistence';
import { bearer, createDossier, seedTenant, startApp, TestApp, TestTenant } from './support/app';

/** What the auditor needs to read the trail without reading users or dossiers: names of actors, a lookup by reference, the chain's state. */
describe('audit trail for the DPO: who acted, who saw a dossier, where the chain breaks', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Audit lookup');
    ids = {};
    for (const who of ['casemanager', 'police', 'school', 'evaluator', 'auditor', 'ocmw']) {
      ids[who] = (await t.http().get('/api/me').set(bearer(tenant.tokens[who])).expect(200)).body.id;
    }
  });
  afterAll(() => t.close());
  const asAuditor = (path: string) => t.http().get(path).set(bearer(tenant.tokens.auditor));

  it('names the actor of each row (name and e-mail), though the auditor may not read users', async () => {
    await t.http().get('/api/users').set(bearer(tenant.tokens.auditor)).expect(403);
    await t.http().get('/api/dossiers').set(bearer(tenant.tokens.evaluator)).expect(403);
    const res = await asAuditor(`/api/audit?actorId=${ids.evaluator}&outcome=DENIED`).expect(200);
    expect(res.body.items[0]).toMatchObject({ actorId: ids.evaluator, actorName: `evaluator ${tenant.emails.evaluator.split('.')[1].split('@')[0]}`, actorEmail: tenant.emails.evaluator, outcome: 'DENIED' });
    expect(res.body.items.every((r: { outcome: string }) => r.outcome === 'DENIED')).toBe(true);
  });

  it('offers as actors exactly those who appear in the trail', async () => {
    const res = await asAuditor('/api/audit/actors').expect(200);
    const byId = new Map((res.body as { id: string; name: string; email: string }[]).map((a) => [a.id, a]));
    // Everyone signed in (seedTenant logs each one in), so each appears; sorted by name.
    expect(byId.get(ids.casemanager)).toEqual({ id: ids.casemanager, name: expect.stringMatching(/^casemanager /), email: tenant.emails.casemanager });
    expect(res.body.map((a: { name: string }) => a.name)).toEqual([...res.body.map((a: { name: string }) => a.name)].sort((a: string, b: string) => a.localeCompare(b, 'en')));
    // Someone who never acted is not offered.
    const db = t.app.get(TenantDb);
    const [{ id: silent }] = await db.system((em) => em.query(
      `INSERT INTO users (tenant_id, email, name, role, password_hash, active, version) VALUES ($1, $2, 'Stille Gebruiker', 'evaluator', 'x', true, 1) RETURNING id`,
      [tenant.tenantId, `silent.${Date.now()}@test.kernteam.be`]));
    const again = await asAuditor('/api/audit/actors').expect(200);
    expect(again.body.map((a: { id: string }) => a.id)).not.toContain(silent);
    for (const who of ['admin', 'casemanager', 'evaluator']) await t.http().get('/api/audit/actors').set(bearer(tenant.tokens[who])).expect(403);
  });

  it('finds who saw a dossier by its reference: when, who, partner, action, outcome, never its content', async () => {
    const d = await createDossier(t, tenant, { subject: { firstName: 'Logvoornaam', lastName: 'Logachternaam' }, summary: 'Geheime samenvatting voor het log' });
    await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.casemanager)).expect(200);
    await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.ocmw)).expect(404); // not involved: a denied attempt
    const res = await asAuditor(`/api/audit/access-log?reference=${d.reference}`).expect(200);
    expect(res.body).toMatchObject({ total: expect.any(Number), page: 1, pageSize: 50 });
    const rows = res.body.items as Record<string, unknown>[];
    expect(rows[0]).toEqual({ id: expect.any(String), at: expect.any(String), actorId: ids.ocmw, actorName: expect.stringMatching(/^ocmw /), partnerName: 'OCMW', action: 'GET /api/dossiers/:id', outcome: 'DENIED' });
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ actorId: ids.casemanager, partnerName: 'Casemanagement', action: 'dossier.read', outcome: 'ALLOWED' }),
      expect.objectContaining({ actorId: ids.casemanager, action: 'dossier.create', outcome: 'ALLOWED' }),
    ]));
    const text = JSON.stringify(res.body);
    for (const secret of ['Logvoornaam', 'Logachternaam', 'Geheime samenvatting', d.id]) expect(text).not.toContain(secret);
    // The lookup is itself in the trail, on that dossier.
    const looked = await asAuditor(`/api/audit?actorId=${ids.auditor}&action=audit.access-log&entityId=${d.id}`).expect(200);
    expect(looked.body.total).toBe(1);
  });

  it('refuses a malformed reference (400), an unknown one (404), and everyone but the auditor (403)', async () => {
    await asAuditor('/api/audit/access-log').expect(400);
    await asAuditor('/api/audit/access-log?reference=drop%20table').expect(400);
    await asAuditor('/api/audit/access-log?reference=LIVC-1999-9999').expect(404);
    const d = await createDossier(t, tenant);
    for (const who of ['admin', 'chair', 'casemanager', 'police', 'evaluator']) {
      await t.http().get(`/api/audit/access-log?reference=${d.reference}`).set(bearer(tenant.tokens[who])).expect(403);
    }
  });

  it('does not find a dossier of another tenant by its reference', async () => {
    const other = await seedTenant(t, 'Audit lookup other');
    const d = await createDossier(t, other);
    const mine = await asAuditor(`/api/audit/access-log?reference=${d.reference}`);
    // The same reference may exist here too (references count per tenant): then it must be this tenant's own dossier's rows.
    if (mine.status === 200) expect(JSON.stringify(mine.body)).not.toContain(other.emails.casemanager.split('@')[0]);
    else expect(mine.status).toBe(404);
    const theirs = await t.http().get(`/api/audit/access-log?reference=${d.reference}`).set(bearer(other.tokens.auditor)).expect(200);
    expect(theirs.body.items.map((r: { actorName: string }) => r.actorName)).toContain(`casemanager ${other.emails.casemanager.split('.')[1].split('@')[0]}`);
  });

  it('says where the chain first breaks after a row is tampered with', async () => {
    const own = await seedTenant(t, 'Audit tamper');
    await createDossier(t, own);
    const ok = await t.http().get('/api/audit/verify').set(bearer(own.tokens.auditor)).expect(200);
    expect(ok.body).toEqual({ valid: true, checked: expect.any(Number) });
    const db = t.app.get(TenantDb);
    const [victim] = await db.system((em) => em.query(`SELECT seq FROM audit_events WHERE tenant_id = $1 AND action = 'dossier.create'`, [own.tenantId]));
    await db.system(async (em) => {
      await em.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await em.query(`UPDATE audit_events SET outcome = 'DENIED' WHERE tenant_id = $1 AND seq = $2`, [own.tenantId, victim.seq]);
      await em.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    });
    const broken = await t.http().get('/api/audit/verify').set(bearer(own.tokens.auditor)).expect(200);
    expect(broken.body).toEqual({ valid: false, checked: Number(victim.seq), brokenAt: Number(victim.seq) });
  });
});
