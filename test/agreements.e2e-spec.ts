import { AgreementRemindersService } from '@kernteam/agreements';
import { DeliveriesService } from '@kernteam/notifications';
import { TenantDb } from '@kernteam/persistence';
import { seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { as, endorsedBy, holdMeeting, inDays, retainedDossier, today } from './support/meetings';

interface AgreementJson { id: string; description: string; state: string; version: number; overdue: boolean; dueOn: string; doneOn: string | null; note: string | null; allowedEvents: string[] }

describe('agreements (afspraken): follow-up and filters', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const a: Record<string, AgreementJson> = {};
  let dossierA: { id: string };

  const list = async (who: string, query = '') =>
    (await t.http().get(`/api/agreements?pageSize=200${query}`).set(as(tenant, who)).expect(200)).body as { items: AgreementJson[]; total: number };
  const names = (page: { items: AgreementJson[] }) => page.items.map((x) => x.description);
  const move = (who: string, id: string, body: Record<string, unknown>) => t.http().post(`/api/agreements/${id}/transitions`).set(as(tenant, who)).send(body);

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Agreements');
    dossierA = await retainedDossier(t, tenant, ['Politie', 'Onderwijs']);
    const dossierB = await retainedDossier(t, tenant, ['OCMW']);
    const spec = (description: string, partner: string, dueOn: string) => ({ description, responsiblePartnerId: tenant.partners[partner], dueOn });
    await holdMeeting(t, tenant, {
      dossierIds: [dossierA.id, dossierB.id], present: ['Casemanagement', 'Politie', 'Onderwijs', 'OCMW'], scheduledAt: '2026-11-05T14:00:00+01:00',
      outcomes: {
        [dossierA.id]: { outcome: 'DISCUSSED', agreements: [spec('A1 school', 'Onderwijs', inDays(10)), spec('A2 politie', 'Politie', inDays(-1))], endorsements: endorsedBy(tenant, ['Politie']) },
        [dossierB.id]: { outcome: 'DISCUSSED', agreements: [spec('B1 politie', 'Politie', inDays(3)), spec('B2 ocmw', 'OCMW', inDays(-5))] },
      },
    });
    for (const x of (await list('casemanager')).items) a[x.description] = x;
  });
  afterAll(() => t.close());

  it('lists every agreement to the casemanager, ordered by due date, overdue derived from the Brussels date', async () => {
    const all = await list('casemanager');
    expect(names(all)).toEqual(['B2 ocmw', 'A2 politie', 'B1 politie', 'A1 school']);
    expect(all.items.map((x) => [x.description, x.overdue])).toEqual([['B2 ocmw', true], ['A2 politie', true], ['B1 politie', false], ['A1 school', false]]);
    expect(all.items[0]).toMatchObject({ state: 'OPEN', version: 1, dueOn: inDays(-5), doneOn: null, dossierReference: expect.stringMatching(/^LIVC-/), allowedEvents: ['START', 'COMPLETE'] });
    expect(names(await list('chair'))).toEqual(names(all));
  });

  it('filters by state, overdue and responsible partner in the database', async () => {
    expect(names(await list('casemanager', '&overdue=true'))).toEqual(['B2 ocmw', 'A2 politie']);
    expect(names(await list('casemanager', '&overdue=false'))).toEqual(['B1 politie', 'A1 school']);
    expect(names(await list('casemanager', `&responsiblePartnerId=${tenant.partners.Politie}`))).toEqual(['A2 politie', 'B1 politie']);
    expect(names(await list('casemanager', `&responsiblePartnerId=${tenant.partners.Politie}&overdue=true`))).toEqual(['A2 politie']);
    expect(names(await list('casemanager', `&dossierId=${dossierA.id}`))).toEqual(['A2 politie', 'A1 school']);
    expect((await list('casemanager', '&state=UITGEVOERD')).total).toBe(0);
    const paged = (await t.http().get('/api/agreements?pageSize=1&page=2').set(as(tenant, 'casemanager')).expect(200)).body;
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 1, items: [{ description: 'A2 politie' }] });
    for (const q of ['overdue=yes', 'state=DONE', 'responsiblePartnerId=politie', 'pageSize=201', 'page=0', 'dossierId=1']) {
      await t.http().get(`/api/agreements?${q}`).set(as(tenant, 'casemanager')).expect(400);
    }
  });

  it('shows a member the agreements of their partner and of the dossiers they may see, nothing else', async () => {
    // Dossier A; and dossier B, where being made responsible for B1 involved the police.
    expect(names(await list('police'))).toEqual(['B2 ocmw', 'A2 politie', 'B1 politie', 'A1 school']);
    expect(names(await list('school'))).toEqual(['A2 politie', 'A1 school']); // dossier A
    expect(names(await list('ocmw'))).toEqual(['B2 ocmw', 'B1 politie']); // dossier B
    expect((await list('ocmw')).total).toBe(2);
    await t.http().get(`/api/agreements/${a['A1 school'].id}`).set(as(tenant, 'ocmw')).expect(404);
    await t.http().get(`/api/agreements/${a['B1 politie'].id}`).set(as(tenant, 'police')).expect(200);
    for (const who of ['admin', 'evaluator', 'auditor']) {
      await t.http().get('/api/agreements').set(as(tenant, who)).expect(403);
      await t.http().get(`/api/agreements/${a['A1 school'].id}`).set(as(tenant, who)).expect(403);
    }
  });

  it('is moved by the responsible partner and the casemanager only: START, then COMPLETE with the date it was done', async () => {
    const id = a['A1 school'].id;
    await move('police', id, { event: 'START', version: 1 }).expect(403); // sees it (dossier A), is not responsible
    await move('ocmw', id, { event: 'START', version: 1 }).expect(404); // does not see it
    await move('chair', id, { event: 'START', version: 1 }).expect(403);
    const started = await move('school', id, { event: 'START', version: 1 }).expect(200);
    expect(started.body).toMatchObject({ state: 'IN_UITVOERING', version: 2, allowedEvents: ['COMPLETE', 'FAIL'] });
    await move('school', id, { event: 'START', version: 2 }).expect(409);
    await move('casemanager', id, { event: 'COMPLETE', version: 1 }).expect(409);
    const done = await move('casemanager', id, { event: 'COMPLETE', version: 2, note: 'Aanwezigheid opgevolgd' }).expect(200);
    expect(done.body).toMatchObject({ state: 'UITGEVOERD', version: 3, doneOn: today(), note: 'Aanwezigheid opgevolgd', overdue: false, allowedEvents: [] });
    await move('casemanager', id, { event: 'FAIL', version: 3, note: 'te laat' }).expect(409);
    const rows = await t.app.get(TenantDb).system((em) =>
      em.query(`SELECT event, from_state, to_state FROM workflow_events WHERE entity_type = 'Agreement' AND entity_id = $1 ORDER BY seq`, [id]));
    expect(rows.map((r: { event: string; to_state: string }) => `${r.event}→${r.to_state}`)).toEqual(['AGREE→OPEN', 'START→IN_UITVOERING', 'COMPLETE→UITGEVOERD']);
  });

  it('follows the lifecycle: no FAIL straight from OPEN, FAIL only with a reason', async () => {
    const id = a['B2 ocmw'].id;
    await move('ocmw', id, { event: 'FAIL', version: 1, note: 'x' }).expect(409);
    await move('ocmw', id, { event: 'START', version: 1 }).expect(200);
    const noReason = await move('ocmw', id, { event: 'FAIL', version: 2 }).expect(400);
    expect(noReason.body.errors).toEqual([{ field: 'note', message: expect.stringContaining('FAIL') }]);
    await move('ocmw', id, { event: 'FAIL', version: 2, note: '   ' }).expect(400);
    const failed = await move('ocmw', id, { event: 'FAIL', version: 2, note: 'Betrokkene verhuisd' }).expect(200);
    expect(failed.body).toMatchObject({ state: 'NIET_UITGEVOERD', note: 'Betrokkene verhuisd', doneOn: null, overdue: false });
    expect(names(await list('casemanager', '&overdue=true'))).toEqual(['A2 politie']);
  });

  it('refuses bad input with 4xx and changes nothing', async () => {
    const id = a['B1 politie'].id;
    for (const body of [{ event: 'DONE', version: 1 }, { event: 'START', version: '1' }, { event: 'START' }, { event: 'START', version: 0 },
      { event: 'START', version: 1, note: 'x'.repeat(2_001) }, { event: 'START', version: 1, extra: 1 }]) {
      const res = await move('casemanager', id, body);
      expect([res.status, body]).toEqual([400, body]);
    }
    await t.http().post('/api/agreements/a-1/transitions').set(as(tenant, 'casemanager')).send({ event: 'START', version: 1 }).expect(404);
    expect((await t.http().get(`/api/agreements/${id}`).set(as(tenant, 'casemanager')).expect(200)).body).toMatchObject({ state: 'OPEN', version: 1 });
  });

  it('are reviewed in the minutes of the next meeting on the same dossier while they are still open', async () => {
    const { meeting } = await holdMeeting(t, tenant, { dossierIds: [dossierA.id], present: ['Politie'], scheduledAt: '2026-12-10T14:00:00+01:00' });
    const minutes = (await t.http().get(`/api/meetings/${meeting.id}/minutes`).set(as(tenant, 'chair')).expect(200)).body;
    expect(minutes.reviewedAgreements.map((x: { description: string; overdue: boolean; agreedOn: string; stateLabel: unknown }) =>
      [x.description, x.overdue, x.agreedOn, x.stateLabel])).toEqual([['A2 politie', true, '2026-11-05', { nl: 'Open', fr: 'Ouvert' }]]);
    expect(minutes.absentPartners.map((p: { name: string }) => p.name)).toEqual(['Burgemeester', 'Casemanagement', 'Onderwijs']);
  });

  it('is marked done straight from OPEN, on the day given (default today in Brussels), never in the future', async () => {
    const d = await retainedDossier(t, tenant, ['Politie']);
    const spec = (description: string) => ({ description, responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(5) });
    const { meeting } = await holdMeeting(t, tenant, {
      dossierIds: [d.id], present: ['Politie'], outcomes: { [d.id]: { outcome: 'DISCUSSED', agreements: [spec('D1 meteen'), spec('D2 gisteren')] } },
    });
    const [d1, d2] = (await t.http().get(`/api/meetings/${meeting.id}`).set(as(tenant, 'casemanager')).expect(200)).body.agenda[0].agreements;
    expect(d1.allowedEvents).toEqual(['START', 'COMPLETE']);
    const future = await move('police', d2.id, { event: 'COMPLETE', version: 1, doneOn: inDays(1) }).expect(400);
    expect(future.body.errors).toEqual([{ field: 'doneOn', message: expect.stringContaining('future') }]);
    await move('police', d2.id, { event: 'COMPLETE', version: 1, doneOn: '2026-02-30' }).expect(400);
    await move('police', d2.id, { event: 'START', version: 1, doneOn: inDays(-1) }).expect(400);
    expect((await move('police', d1.id, { event: 'COMPLETE', version: 1 }).expect(200)).body).toMatchObject({ state: 'UITGEVOERD', doneOn: today() });
    expect((await move('police', d2.id, { event: 'COMPLETE', version: 1, doneOn: inDays(-1) }).expect(200)).body)
      .toMatchObject({ state: 'UITGEVOERD', version: 2, doneOn: inDays(-1), allowedEvents: [] });
  });

  it('lapses (VERVALLEN) when its dossier is closed while still open: no reminder, left out of the on-time indicator', async () => {
    const d = await retainedDossier(t, tenant, ['Politie', 'OCMW']);
    const spec = (description: string, partner: string, dueOn: string) => ({ description, responsiblePartnerId: tenant.partners[partner], dueOn });
    const { meeting } = await holdMeeting(t, tenant, {
      // Held a week ago: its agreements may not be due before the meeting's date.
      dossierIds: [d.id], present: ['Politie', 'OCMW'], scheduledAt: `${inDays(-7)}T14:00:00+01:00`, outcomes: { [d.id]: { outcome: 'DISCUSSED', agreements: [
        spec('L1 open', 'Politie', inDays(-3)), spec('L2 bezig', 'OCMW', inDays(-2)), spec('L3 klaar', 'Politie', inDays(-2)),
      ] } },
    });
    const byName = Object.fromEntries((await t.http().get(`/api/meetings/${meeting.id}`).set(as(tenant, 'casemanager')).expect(200)).body
      .agenda[0].agreements.map((x: AgreementJson) => [x.description, x]));
    await move('ocmw', byName['L2 bezig'].id, { event: 'START', version: 1 }).expect(200);
    await move('police', byName['L3 klaar'].id, { event: 'COMPLETE', version: 1, doneOn: inDays(-3) }).expect(200);
    const period = `from=${inDays(-10)}&to=${inDays(0)}`;
    const onTime = async () => (await t.http().get(`/api/indicators/agreements-done-on-time?${period}`).set(as(tenant, 'casemanager')).expect(200)).body;
    const before = await onTime();

    const dossier = (await t.http().get(`/api/dossiers/${d.id}`).set(as(tenant, 'casemanager')).expect(200)).body;
    await t.http().post(`/api/dossiers/${d.id}/transitions`).set(as(tenant, 'casemanager'))
      .send({ event: 'CLOSE', version: dossier.version, reason: 'VERHUISD' }).expect(200);

    const get = async (name: string) => (await t.http().get(`/api/agreements/${byName[name].id}`).set(as(tenant, 'casemanager')).expect(200)).body;
    expect(await get('L1 open')).toMatchObject({ state: 'VERVALLEN', version: 2, overdue: false, allowedEvents: [] });
    expect(await get('L2 bezig')).toMatchObject({ state: 'VERVALLEN', version: 3, overdue: false, allowedEvents: [] });
    expect(await get('L3 klaar')).toMatchObject({ state: 'UITGEVOERD', version: 2 });
    await move('police', byName['L1 open'].id, { event: 'COMPLETE', version: 2 }).expect(409);
    const events = await t.app.get(TenantDb).system((em) => em.query(
      `SELECT event, from_state, to_state, reason FROM workflow_events WHERE entity_type = 'Agreement' AND entity_id = $1 ORDER BY seq`, [byName['L2 bezig'].id]));
    expect(events.at(-1)).toEqual({ event: 'LAPSE', from_state: 'IN_UITVOERING', to_state: 'VERVALLEN', reason: 'VERHUISD' });
    const audit = await t.app.get(TenantDb).system((em) => em.query(
      `SELECT action, details->>'toState' AS to_state FROM audit_events WHERE entity_type = 'Agreement' AND entity_id = $1 AND action <> 'agreement.read' ORDER BY seq DESC LIMIT 1`, [byName['L1 open'].id]));
    expect(audit).toEqual([{ action: 'agreement.transition', to_state: 'VERVALLEN' }]);
    expect(names(await list('casemanager', '&state=VERVALLEN'))).toEqual(['L1 open', 'L2 bezig']);

    // L1 and L2 were overdue and not carried out: before the closure they counted as missed, now they are left out.
    const after = await onTime();
    expect(after).toMatchObject({ numerator: before.numerator, denominator: before.denominator - 2 });

    const reminders = new AgreementRemindersService(t.app.get(TenantDb), t.app.get(DeliveriesService));
    await reminders.remind();
    const reminded = await t.app.get(TenantDb).system((em) => em.query(
      `SELECT count(*)::int AS n FROM notifications WHERE entity_id = ANY($1::uuid[])`, [[byName['L1 open'].id, byName['L2 bezig'].id]]));
    expect(reminded).toEqual([{ n: 0 }]);
  });

  it('keeps tenants apart', async () => {
    const other = await seedTenant(t, 'Agreements other');
    expect((await t.http().get('/api/agreements').set(as(other, 'casemanager')).expect(200)).body.total).toBe(0);
    await t.http().get(`/api/agreements/${a['B1 politie'].id}`).set(as(other, 'casemanager')).expect(404);
    await t.http().post(`/api/agreements/${a['B1 politie'].id}/transitions`).set(as(other, 'casemanager')).send({ event: 'START', version: 1 }).expect(404);
  });
});
