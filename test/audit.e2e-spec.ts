import { AuditTrailService } from '@kernteam/audit';
import { TenantDb } from '@kernteam/persistence';
import { bearer, createDossier, PASSWORD, seedTenant, startApp, TestApp, TestTenant, transition } from './support/app';

describe('audit trail (auditor only, append-only, hash-chained per tenant)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Audit');
    ids = {};
    for (const who of ['casemanager', 'police', 'school', 'evaluator', 'auditor']) {
      ids[who] = (await t.http().get('/api/me').set(bearer(tenant.tokens[who])).expect(200)).body.id;
    }
  });
  afterAll(() => t.close());

  const trail = async (query: string) => {
    const res = await t.http().get(`/api/audit?${query}`).set(bearer(tenant.tokens.auditor)).expect(200);
    return res.body.items as { action: string; outcome: string; actorId: string; entityType: string | null; entityId: string | null; hash: string; prevHash: string }[];
  };

  it('records reads of a dossier and its identity, writes and transitions, with who, what and the outcome', async () => {
    const d = await createDossier(t, tenant, { subject: { firstName: 'Auditvoornaam', lastName: 'Auditachternaam' }, summary: 'Vertrouwelijke samenvatting' });
    await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.casemanager)).expect(200);
    await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 1).expect(200);
    await t.http().get(`/api/dossiers/${d.id}/contributions`).set(bearer(tenant.tokens.casemanager)).expect(200);
    const rows = await trail(`entityId=${d.id}`);
    const actions = rows.map((r) => `${r.action}:${r.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['dossier.create:ALLOWED', 'dossier.read:ALLOWED', 'dossier.transition:ALLOWED', 'contribution.list:ALLOWED']));
    expect(rows.every((r) => r.actorId === ids.casemanager)).toBe(true);
    expect(rows[0]).toEqual({
      id: expect.any(String), at: expect.any(String), actorId: ids.casemanager, actorName: expect.stringMatching(/^casemanager /),
      actorEmail: tenant.emails.casemanager, action: expect.any(String), entityType: 'Dossier',
      entityId: d.id, outcome: 'ALLOWED', ip: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/), prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('records denied attempts: 404 on an invisible dossier and 403 on a forbidden action or route', async () => {
    const d = await createDossier(t, tenant);
    await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.school)).expect(404); // not involved
    await transition(t, tenant.tokens.police, d.id, 'START_SCREENING', 1).expect(403); // visible (referred), not allowed
    await t.http().get('/api/dossiers').set(bearer(tenant.tokens.evaluator)).expect(403);
    const onDossier = await trail(`entityId=${d.id}&outcome=DENIED`);
    expect(onDossier.map((r) => r.actorId).sort()).toEqual([ids.police, ids.school].sort());
    const evaluator = await trail(`actorId=${ids.evaluator}&outcome=DENIED`);
    expect(evaluator.map((r) => r.action)).toContain('GET /api/dossiers');
  });

  it('records a read of the history (reasons, free text) like a dossier read', async () => {
    const d = await createDossier(t, tenant);
    await t.http().get(`/api/dossiers/${d.id}/history`).set(bearer(tenant.tokens.casemanager)).expect(200);
    const rows = await trail(`entityId=${d.id}&action=dossier.history`);
    expect(rows).toEqual([expect.objectContaining({ action: 'dossier.history', outcome: 'ALLOWED', actorId: ids.casemanager, entityType: 'Dossier', entityId: d.id })]);
  });

  it('records a refused registration as a Dossier without an id (never the partner that was named)', async () => {
    const signal = {
      phenomenon: 'RADICALISERING', referringPartnerId: tenant.partners.Politie, receivedOn: '2026-10-01', summary: 'Signaal',
      subject: { firstName: 'Weigervoornaam', lastName: 'Weigerachternaam' },
    };
    await t.http().post('/api/dossiers').set(bearer(tenant.tokens.school)).send(signal).expect(403); // a member, another partner
    await t.http().post('/api/dossiers').set(bearer(tenant.tokens.evaluator)).send(signal).expect(403); // a role that may not
    for (const who of ['school', 'evaluator']) {
      const [row] = await trail(`actorId=${ids[who]}&outcome=DENIED&action=${encodeURIComponent('POST /api/dossiers')}`);
      expect(row).toMatchObject({ entityType: 'Dossier', entityId: null });
    }
    expect(await trail(`entityId=${tenant.partners.Politie}&outcome=DENIED`)).toEqual([]);
  });

  it('records sign-ins and failed sign-ins', async () => {
    await t.http().post('/api/auth/login').send({ email: tenant.emails.police, password: 'wrong password' }).expect(401);
    await t.http().post('/api/auth/login').send({ email: tenant.emails.police, password: PASSWORD }).expect(200);
    const rows = await trail(`actorId=${ids.police}&entityType=User`);
    expect(rows.map((r) => `${r.action}:${r.outcome}`).slice(0, 2)).toEqual(['auth.login:ALLOWED', 'auth.login:DENIED']);
  });

  it('filters by period (dates are whole days in Europe/Brussels) and by action, and pages as every list does', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
    const res = await t.http().get(`/api/audit?from=${today}&to=${today}&page=2&pageSize=3`).set(bearer(tenant.tokens.auditor)).expect(200);
    expect(res.body).toEqual({ items: expect.any(Array), total: expect.any(Number), page: 2, pageSize: 3 });
    expect(res.body.items).toHaveLength(3);
    expect(res.body.total).toBeGreaterThan(6);
    const none = await t.http().get('/api/audit?from=2001-01-01&to=2001-12-31').set(bearer(tenant.tokens.auditor)).expect(200);
    expect(none.body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
    const logins = await trail('action=auth.login');
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.every((r) => r.action === 'auth.login')).toBe(true);
    await t.http().get(`/api/audit?action=${'a'.repeat(101)}`).set(bearer(tenant.tokens.auditor)).expect(400);
    await t.http().get('/api/audit?from=yesterday').set(bearer(tenant.tokens.auditor)).expect(400);
    await t.http().get('/api/audit?entityId=42').set(bearer(tenant.tokens.auditor)).expect(400);
  });

  it('is for the auditor only', async () => {
    for (const who of ['admin', 'chair', 'casemanager', 'police', 'evaluator']) {
      await t.http().get('/api/audit').set(bearer(tenant.tokens[who])).expect(403);
      await t.http().get('/api/audit/verify').set(bearer(tenant.tokens[who])).expect(403);
    }
  });

  it('holds no personal data or free text of a dossier', async () => {
    const db = t.app.get(TenantDb);
    const rows: { r: string }[] = await db.system((em) => em.query(`SELECT row_to_json(a)::text AS r FROM audit_events a WHERE tenant_id = $1`, [tenant.tenantId]));
    const all = rows.map((x) => x.r).join('\n');
    for (const secret of ['Auditvoornaam', 'Auditachternaam', 'Vertrouwelijke samenvatting', 'Testachternaam', tenant.emails.police]) {
      expect(all).not.toContain(secret);
    }
  });

  it('refuses UPDATE and DELETE of audit rows, by the app role and by the owner', async () => {
    const db = t.app.get(TenantDb);
    await expect(db.tx(tenant, (em) => em.query(`UPDATE audit_events SET action = 'x' WHERE tenant_id = $1`, [tenant.tenantId]))).rejects.toThrow(/permission denied/);
    await expect(db.tx(tenant, (em) => em.query(`DELETE FROM audit_events WHERE tenant_id = $1`, [tenant.tenantId]))).rejects.toThrow(/permission denied/);
    await expect(db.system((em) => em.query(`UPDATE audit_events SET action = 'x' WHERE tenant_id = $1`, [tenant.tenantId]))).rejects.toThrow(/append-only/);
    await expect(db.system((em) => em.query(`DELETE FROM audit_events WHERE tenant_id = $1`, [tenant.tenantId]))).rejects.toThrow(/append-only/);
  });

  it('verifies the chain, and detects a row changed behind the database\'s back', async () => {
    const ok = await t.http().get('/api/audit/verify').set(bearer(tenant.tokens.auditor)).expect(200);
    expect(ok.body).toEqual({ valid: true, checked: expect.any(Number) });
    expect(ok.body.checked).toBeGreaterThan(10);

    // Tampering as the table owner, with the append-only trigger switched off, as an intruder with DBA rights would.
    const db = t.app.get(TenantDb);
    const [victim] = await db.system((em) => em.query(`SELECT seq FROM audit_events WHERE tenant_id = $1 AND action = 'dossier.read' ORDER BY seq LIMIT 1`, [tenant.tenantId]));
    await db.system(async (em) => {
      await em.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await em.query(`UPDATE audit_events SET actor_id = $3 WHERE tenant_id = $1 AND seq = $2`, [tenant.tenantId, victim.seq, ids.evaluator]);
      await em.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    });
    const broken = await t.http().get('/api/audit/verify').set(bearer(tenant.tokens.auditor)).expect(200);
    expect(broken.body).toMatchObject({ valid: false, brokenAt: Number(victim.seq) });

    // The nightly job finds it too and alerts this tenant's auditors, once a day however often it runs.
    const job = t.app.get(AuditTrailService);
    expect((await job.verifyAllChains()).broken).toBeGreaterThanOrEqual(1);
    await job.verifyAllChains();
    const alerts = await db.system((em) =>
      em.query(`SELECT user_id, kind, data FROM notifications WHERE tenant_id = $1 AND kind = 'AUDIT_CHAIN_BROKEN'`, [tenant.tenantId]));
    expect(alerts).toEqual([{ user_id: ids.auditor, kind: 'AUDIT_CHAIN_BROKEN', data: { brokenAt: Number(victim.seq) } }]);
  });

  it('finds a removed newest row through the chain head', async () => {
    const other = await seedTenant(t, 'Audit removal');
    await createDossier(t, other);
    const db = t.app.get(TenantDb);
    expect((await t.app.get(AuditTrailService).verify(other.tenantId)).valid).toBe(true);
    await db.system(async (em) => {
      await em.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await em.query(`DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events WHERE tenant_id = $1)`, [other.tenantId]);
      await em.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    });
    expect((await t.app.get(AuditTrailService).verify(other.tenantId)).valid).toBe(false);
  });
});
