import { INestApplicationContext } from '@nestjs/common';
import { RetentionService } from '@kernteam/retention';
import { createWorker } from '../apps/worker/src/worker.factory';
import { bearer, createDossier, screen, seedTenant, startApp, TestApp, TestTenant, transition } from './support/app';
import { binary, pdfText } from './support/export-files';

/**
 * A joint LIVC of two municipalities: the list in the settings, a municipality on every dossier (required on
 * registration, from the list), and every dossier indicator per municipality adding up to the total.
 */
describe('joint LIVC: municipalities', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let worker: INestApplicationContext;
  const http = () => t.http();
  const YEAR = new Date().getUTCFullYear();
  const period = `from=${YEAR}-01-01&to=${YEAR}-12-31`;
  const receivedOn = `${YEAR}-01-02`;

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Joint');
    worker = await createWorker();
    const s = (await http().get('/api/settings').set(bearer(tenant.tokens.admin)).expect(200)).body;
    expect(s.municipalities).toEqual([]);
    const patched = await http().patch('/api/settings').set(bearer(tenant.tokens.admin)).send({ version: s.version, municipalities: ['Arendonk', ' Retie '] }).expect(200);
    expect(patched.body).toMatchObject({ municipalities: ['Arendonk', 'Retie'], version: s.version + 1 });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('refuses a municipality list with a blank or doubled name, or from a non-admin', async () => {
    const s = (await http().get('/api/settings').set(bearer(tenant.tokens.admin)).expect(200)).body;
    const doubled = await http().patch('/api/settings').set(bearer(tenant.tokens.admin)).send({ version: s.version, municipalities: ['Retie', 'retie'] }).expect(400);
    expect(doubled.body.errors[0].field).toBe('municipalities');
    await http().patch('/api/settings').set(bearer(tenant.tokens.admin)).send({ version: s.version, municipalities: ['  '] }).expect(400);
    await http().patch('/api/settings').set(bearer(tenant.tokens.evaluator)).send({ version: s.version, municipalities: ['X'] }).expect(403);
    expect((await http().get('/api/settings').set(bearer(tenant.tokens.admin)).expect(200)).body).toMatchObject({ version: s.version, municipalities: ['Arendonk', 'Retie'] });
  });

  it('requires a municipality from the list on registration, and lets the casemanager change it', async () => {
    const base = { phenomenon: 'RADICALISERING', referringPartnerId: tenant.partners.Politie, receivedOn, summary: 'Signaal.', subject: { firstName: 'A', lastName: 'B' } };
    const missing = await http().post('/api/dossiers').set(bearer(tenant.tokens.casemanager)).send(base).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'municipality' })]);
    const unknown = await http().post('/api/dossiers').set(bearer(tenant.tokens.casemanager)).send({ ...base, municipality: 'Kasterlee' }).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'municipality' })]);
    const d = await createDossier(t, tenant, { receivedOn, municipality: 'retie' });
    expect(d.municipality).toBe('Retie');
    const bad = await http().patch(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.casemanager)).send({ version: d.version, municipality: 'Geel' }).expect(400);
    expect(bad.body.errors[0].field).toBe('municipality');
    const moved = await http().patch(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.casemanager)).send({ version: d.version, municipality: 'Arendonk' }).expect(200);
    expect(moved.body.municipality).toBe('Arendonk');
    // A municipality dossiers name stays in the list.
    const s = (await http().get('/api/settings').set(bearer(tenant.tokens.admin)).expect(200)).body;
    await http().patch('/api/settings').set(bearer(tenant.tokens.admin)).send({ version: s.version, municipalities: ['Retie'] }).expect(422);
  });

  type Row = { key: string; scope: string; municipality: string | null; numerator: number | null; denominator: number | null };
  const byMunicipality = async (): Promise<Row[]> => (await http().get(`/api/indicators?${period}&by=municipality`).set(bearer(tenant.tokens.evaluator)).expect(200)).body;

  it('reports every dossier indicator per municipality, adding up to the total (numerators and denominators)', async () => {
    // Two more in Arendonk (one rejected, one retained), one more in Retie (retained); the earlier test moved one to Arendonk.
    const ar = [await createDossier(t, tenant, { receivedOn, municipality: 'Arendonk' }), await createDossier(t, tenant, { receivedOn, municipality: 'Arendonk' })];
    const re = [await createDossier(t, tenant, { receivedOn, municipality: 'Retie' })];
    const cm = tenant.tokens.casemanager;
    let v = (await transition(t, cm, ar[0].id, 'START_SCREENING', ar[0].version).expect(200)).body.version;
    await screen(t, tenant, ar[0].id);
    await transition(t, cm, ar[0].id, 'REJECT', v, 'Geen radicalisering; doorverwezen').expect(200);
    v = (await transition(t, cm, ar[1].id, 'START_SCREENING', ar[1].version).expect(200)).body.version;
    await screen(t, tenant, ar[1].id);
    v = (await transition(t, cm, ar[1].id, 'RETAIN', v).expect(200)).body.version;
    const closeEvents = (await http().get(`/api/dossiers/${ar[1].id}`).set(bearer(cm)).expect(200)).body.allowedEvents;
    if (closeEvents.includes('CLOSE')) await transition(t, cm, ar[1].id, 'CLOSE', v, 'DOELEN_BEREIKT').expect(200);
    v = (await transition(t, cm, re[0].id, 'START_SCREENING', re[0].version).expect(200)).body.version;
    await screen(t, tenant, re[0].id);
    await transition(t, cm, re[0].id, 'RETAIN', v).expect(200);

    const rows = await byMunicipality();
    const totals = rows.filter((r) => r.scope === 'TOTAL');
    expect(totals.map((r) => r.key)).toContain('MEETINGS_HELD');
    expect(rows.some((r) => r.scope === 'MUNICIPALITY' && r.key === 'MEETINGS_HELD')).toBe(false);
    const of = (key: string, m: string) => rows.find((r) => r.key === key && r.municipality === m)!;
    expect(of('DOSSIERS_REGISTERED', 'Arendonk').numerator).toBe(3);
    expect(of('DOSSIERS_REGISTERED', 'Retie').numerator).toBe(1);
    expect(of('DOSSIERS_NOT_RETAINED', 'Arendonk').numerator).toBe(1);
    expect(of('DOSSIERS_RETAINED', 'Retie').numerator).toBe(1);
    for (const total of totals) {
      const parts = rows.filter((r) => r.key === total.key && r.scope !== 'TOTAL');
      if (total.key === 'MEETINGS_HELD' || total.key === 'PARTICIPATIONS') continue;
      const sum = (f: 'numerator' | 'denominator') => parts.reduce((s, r) => s + (r[f] ?? 0), 0);
      if (total.numerator !== null) expect(sum('numerator')).toBe(total.numerator);
      if (total.denominator !== null) expect(sum('denominator')).toBe(total.denominator);
    }
    // One municipality only.
    const retie: Row[] = (await http().get(`/api/indicators?${period}&municipality=Retie`).set(bearer(tenant.tokens.evaluator)).expect(200)).body;
    expect(retie.find((r) => r.key === 'DOSSIERS_REGISTERED')).toMatchObject({ scope: 'MUNICIPALITY', municipality: 'Retie', numerator: 1 });
    expect(retie.find((r) => r.key === 'MEETINGS_HELD')).toMatchObject({ scope: 'TOTAL', municipality: null });
  });

  it('puts the figures per municipality in the evaluation report, small cells suppressed', async () => {
    const ev = bearer(tenant.tokens.evaluator);
    const plan = (await http().post('/api/plans').set(ev).send({ title: 'Plan gezamenlijk LIVC', periodFrom: `${YEAR}-01-01`, periodTo: `${YEAR}-12-31` }).expect(201)).body;
    const ph = (await http().post(`/api/plans/${plan.id}/nodes`).set(ev).send({ kind: 'PHENOMENON', title: 'Radicalisering' }).expect(201)).body;
    expect(ph.id).toBeDefined();
    const res = await http().get(`/api/plans/${plan.id}/report.pdf?year=${YEAR}`).set(ev).buffer(true).parse(binary).expect(200);
    const text = await pdfText(res.body as Buffer);
    expect(text).toContain('Per gemeente');
    // 3 registered in Arendonk, 1 in Retie: both small, and Retie's cell is not the total minus Arendonk's.
    expect(text).toMatch(/Aantal geregistreerde dossiers \(aanmeldingen\)\s+- Arendonk: <5\s+- Retie: <5/);
  });

  it('answers 400 for an unknown municipality filter, or by with municipality', async () => {
    const res = await http().get(`/api/indicators?${period}&municipality=Geel`).set(bearer(tenant.tokens.evaluator)).expect(400);
    expect(res.body.errors[0].field).toBe('municipality');
    await http().get(`/api/indicators?${period}&by=gemeente`).set(bearer(tenant.tokens.evaluator)).expect(400);
    await http().get(`/api/indicators?${period}&by=municipality&municipality=Retie`).set(bearer(tenant.tokens.evaluator)).expect(400);
    await http().get(`/api/indicators?${period}&by=municipality`).set(bearer(tenant.tokens.police)).expect(403);
  });

  it('keeps per-municipality indicators unchanged when a dossier is anonymised', async () => {
    const d = await createDossier(t, tenant, { receivedOn, municipality: 'Retie' });
    let v = (await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', d.version).expect(200)).body.version;
    await screen(t, tenant, d.id);
    v = (await transition(t, tenant.tokens.casemanager, d.id, 'REJECT', v, 'Doorverwezen naar het CAW').expect(200)).body.version;
    const before = await byMunicipality();
    expect(await worker.get(RetentionService).anonymise(tenant.tenantId, d.id, new Date('2200-01-01'))).toBe(true);
    const after = (await http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.casemanager)).expect(200)).body;
    expect(after).toMatchObject({ state: 'GEANONIMISEERD', municipality: 'Retie', summary: null });
    expect(await byMunicipality()).toEqual(before);
  });
});
