import { INestApplicationContext } from '@nestjs/common';
import { TenantDb } from '@kernteam/persistence';
import { RetentionService } from '@kernteam/retention';
import { createWorker } from '../apps/worker/src/worker.factory';
import { bearer, createDossier, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { buildScenario, Scenario } from './support/indicator-scenario';
import { retainedDossier } from './support/meetings';

/**
 * Awareness and consent of the person (issue 13, item 3): a small machine per dossier with its history, and the
 * PERSON_INFORMED indicator over the indicator scenario (test/support/indicator-scenario.ts), counted by hand.
 */
describe('awareness and consent', () => {
  let t: TestApp;
  let tenant: TestTenant;
  /** The scenario lives in a tenant of its own, so the dossiers the other tests retain today never count in its figures. */
  let scenarioTenant: TestTenant;
  let scenario: Scenario;
  let current: () => TestTenant = () => tenant;
  const as = (who: string) => bearer(current().tokens[who]);
  const get = (id: string, who = 'casemanager') => t.http().get(`/api/dossiers/${id}/awareness`).set(as(who));
  const send = (id: string, body: Record<string, unknown>, who = 'casemanager') =>
    t.http().post(`/api/dossiers/${id}/awareness/transitions`).set(as(who)).send(body);
  const informed = async (from: string, to: string) =>
    (await t.http().get(`/api/indicators/person-informed?from=${from}&to=${to}`).set(as('evaluator')).expect(200)).body;

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Awareness');
    scenarioTenant = await seedTenant(t, 'Awareness scenario');
    scenario = await buildScenario(t, scenarioTenant);
  });
  afterAll(() => t.close());

  it('records informed / not informed and consent as steps with a history, guarded by the version', async () => {
    const d = await retainedDossier(t, tenant);
    expect((await get(d.id).expect(200)).body).toEqual({
      dossierId: d.id, state: 'NOT_RECORDED', version: 1, informedOn: null, notInformedReason: null, explanation: null,
      consent: 'NOT_ASKED', consentOn: null, allowedEvents: ['INFORM', 'NOT_INFORM'], history: [],
    });
    // Consent is asked of an informed person only.
    await send(d.id, { event: 'RECORD_CONSENT', version: 1, consent: 'YES', consentOn: '2026-10-03' }).expect(409);
    // Bad input: 400, nothing recorded.
    expect((await send(d.id, { event: 'NOT_INFORM', version: 1, reason: 'NOT_ADVISABLE' }).expect(400)).body.errors)
      .toEqual([{ field: 'explanation', message: expect.stringContaining('explanation') }]);
    await send(d.id, { event: 'NOT_INFORM', version: 1, reason: 'LATER', explanation: 'x' }).expect(400);
    await send(d.id, { event: 'INFORM', version: 1 }).expect(400);
    await send(d.id, { event: 'INFORM', version: 1, informedOn: '2099-01-01' }).expect(400);
    await send(d.id, { event: 'INFORM', version: 1, informedOn: '2026-10-02', consent: 'YES' }).expect(400);

    let res = await send(d.id, { event: 'NOT_INFORM', version: 1, reason: 'NOT_ADVISABLE', explanation: ' Lopend onderzoek van het parket ' }).expect(200);
    expect(res.body).toMatchObject({ state: 'NOT_INFORMED', version: 2, notInformedReason: 'NOT_ADVISABLE', explanation: 'Lopend onderzoek van het parket' });
    // Stale: 409 and nothing changes.
    expect((await send(d.id, { event: 'INFORM', version: 1, informedOn: '2026-10-05' }).expect(409)).body.type).toBe('urn:kernteam:problem:stale-version');
    res = await send(d.id, { event: 'INFORM', version: 2, informedOn: '2026-10-05' }).expect(200);
    expect(res.body).toMatchObject({ state: 'INFORMED', version: 3, informedOn: '2026-10-05', notInformedReason: null, explanation: null, allowedEvents: ['INFORM', 'RECORD_CONSENT'] });
    await send(d.id, { event: 'NOT_INFORM', version: 3, reason: 'NOT_POSSIBLE', explanation: 'x' }).expect(409); // informed is a fact
    await send(d.id, { event: 'RECORD_CONSENT', version: 3, consent: 'NO' }).expect(400);
    res = await send(d.id, { event: 'RECORD_CONSENT', version: 3, consent: 'YES', consentOn: '2026-10-08' }).expect(200);
    expect(res.body).toMatchObject({ state: 'INFORMED', version: 4, consent: 'YES', consentOn: '2026-10-08', informedOn: '2026-10-05' });

    const me = (await t.http().get('/api/me').set(as('casemanager')).expect(200)).body;
    expect(res.body.history).toEqual([
      expect.objectContaining({ seq: 1, event: 'NOT_INFORM', fromState: 'NOT_RECORDED', toState: 'NOT_INFORMED', actorId: me.id, notInformedReason: 'NOT_ADVISABLE', explanation: 'Lopend onderzoek van het parket' }),
      expect.objectContaining({ seq: 2, event: 'INFORM', fromState: 'NOT_INFORMED', toState: 'INFORMED', informedOn: '2026-10-05', explanation: null }),
      expect.objectContaining({ seq: 3, event: 'RECORD_CONSENT', consent: 'YES', consentOn: '2026-10-08' }),
    ]);
    // One transaction per step: audit and outbox rows as for every lifecycle; no free text in the outbox.
    const [row] = await t.app.get(TenantDb).system((em) => em.query(
      `SELECT (SELECT count(*)::int FROM audit_events WHERE entity_id = $1 AND action = 'dossierawareness.transition') AS audits,
              (SELECT count(*)::int FROM outbox WHERE payload->>'entityId' = $1::text AND payload->>'entityType' = 'DossierAwareness') AS outbox,
              (SELECT string_agg(payload::text, ' ') FROM outbox WHERE payload->>'entityId' = $1::text) AS payloads`, [d.id]));
    expect(row).toMatchObject({ audits: 3, outbox: 3 });
    expect(row.payloads).not.toContain('parket');
  });

  it('lets members who see the dossier read it but not write it; the evaluator gets 403', async () => {
    const d = await retainedDossier(t, tenant, ['Politie']);
    await send(d.id, { event: 'INFORM', version: 1, informedOn: '2026-10-02' }).expect(200);
    expect((await get(d.id, 'police').expect(200)).body).toMatchObject({ state: 'INFORMED', allowedEvents: [] });
    expect((await get(d.id, 'chair').expect(200)).body.allowedEvents).toEqual([]);
    await send(d.id, { event: 'RECORD_CONSENT', version: 2, consent: 'NOT_ASKED' }, 'police').expect(403);
    await send(d.id, { event: 'RECORD_CONSENT', version: 2, consent: 'NOT_ASKED' }, 'chair').expect(403);
    await get(d.id, 'ocmw').expect(404);
    for (const who of ['evaluator', 'admin']) {
      await get(d.id, who).expect(403);
      await send(d.id, { event: 'RECORD_CONSENT', version: 2, consent: 'NOT_ASKED' }, who).expect(403);
    }
    expect((await get(d.id).expect(200)).body.version).toBe(2);
    await get((await createDossier(t, tenant)).id).expect(200); // also before any step, in any state
  });

  it('PERSON_INFORMED: retained dossiers of the period, informed by its last day; unchanged by anonymisation', async () => {
    current = () => scenarioTenant;
    const ids = Object.fromEntries(Object.entries(scenario.dossiers).map(([k, v]) => [k, v.id]));
    const step = async (name: string, body: Record<string, unknown>) => {
      const { version } = (await get(ids[name]).expect(200)).body;
      await send(ids[name], { version, ...body }).expect(200);
    };
    // Retained: R1 2019-01-15, R4 2019-04-03, R3 2020-05-05; D1–D8 in 2025 (D3 on 2025-05-04). R2 and D9 not retained.
    await step('R1', { event: 'INFORM', informedOn: '2019-01-20' });
    await step('R4', { event: 'NOT_INFORM', reason: 'NOT_ADVISABLE', explanation: 'Politie vraagt af te wachten bij R4' });
    await step('R4', { event: 'INFORM', informedOn: '2020-02-01' });
    await step('R3', { event: 'INFORM', informedOn: '2021-03-01' });
    await step('R2', { event: 'NOT_INFORM', reason: 'NOT_POSSIBLE', explanation: 'Verblijfplaats van R2 onbekend' });
    await step('D1', { event: 'INFORM', informedOn: '2025-02-10' });
    await step('D1', { event: 'RECORD_CONSENT', consent: 'YES', consentOn: '2025-02-12' });
    await step('D2', { event: 'NOT_INFORM', reason: 'NOT_POSSIBLE', explanation: 'Onbereikbaar' });
    await step('D3', { event: 'INFORM', informedOn: '2026-01-05' });
    await step('D9', { event: 'INFORM', informedOn: '2025-04-05' }); // not retained: never counts

    const figures = async () => ({
      y2019: await informed('2019-01-01', '2019-12-31'),
      y2020: await informed('2020-01-01', '2020-12-31'),
      y2019to2021: await informed('2019-01-01', '2021-12-31'),
      y2025: await informed('2025-01-01', '2025-12-31'),
      y2025to2026: await informed('2025-01-01', '2026-12-31'),
      y2026: await informed('2026-01-01', '2026-12-31'),
    });
    const before = await figures();
    expect(before.y2019).toMatchObject({ key: 'PERSON_INFORMED', numerator: 1, denominator: 2, value: 0.5 }); // R1; R4 only in 2020
    expect(before.y2020).toMatchObject({ numerator: 0, denominator: 1, value: 0 }); // R3, informed in 2021
    expect(before.y2019to2021).toMatchObject({ numerator: 3, denominator: 3, value: 1 });
    expect(before.y2025).toMatchObject({ numerator: 1, denominator: 8, value: 0.125 }); // D1; D3 informed in 2026
    expect(before.y2025to2026).toMatchObject({ numerator: 2, denominator: 8, value: 0.25 });
    expect(before.y2026).toMatchObject({ numerator: 0, denominator: 0, value: null });

    // Listed with the others and offered to plans as a definition.
    const all = (await t.http().get('/api/indicators?from=2025-01-01&to=2025-12-31').set(as('evaluator')).expect(200)).body;
    expect(all.map((i: { key: string }) => i.key)).toContain('PERSON_INFORMED');
    const ev = as('evaluator');
    const plan = (await t.http().post('/api/plans').set(ev).send({ title: 'SVPP 2019', periodFrom: '2019-01-01', periodTo: '2019-12-31' }).expect(201)).body.id;
    const add = async (body: Record<string, unknown>) => (await t.http().post(`/api/plans/${plan}/nodes`).set(ev).send(body).expect(201)).body.id;
    let parent = await add({ kind: 'PHENOMENON', title: 'Radicalisering' });
    parent = await add({ kind: 'STRATEGIC_OBJECTIVE', parentId: parent, title: 'Geïntegreerde aanpak' });
    parent = await add({ kind: 'OPERATIONAL_OBJECTIVE', parentId: parent, title: 'Kernteam' });
    parent = await add({ kind: 'EXPECTED_RESULT', parentId: parent, title: 'De persoon weet ervan' });
    await add({ kind: 'INDICATOR', parentId: parent, title: 'Persoon op de hoogte', definitionKey: 'PERSON_INFORMED' });
    const report = (await t.http().get(`/api/plans/${plan}/report?year=2019`).set(ev).expect(200)).body;
    expect(JSON.stringify(report)).toContain('PERSON_INFORMED');

    // Retention (five years before 2026-11-21): R1 and R2 are anonymised; the explanation goes, the facts stay.
    const worker: INestApplicationContext = await createWorker();
    try {
      expect(await worker.get(RetentionService).run(new Date('2026-11-21T12:00:00Z'))).toMatchObject({ failed: 0 });
    } finally {
      await worker.close();
    }
    expect((await t.http().get(`/api/dossiers/${ids.R1}`).set(as('casemanager')).expect(200)).body.state).toBe('GEANONIMISEERD');
    expect(await figures()).toEqual(before);
    const r2 = (await get(ids.R2).expect(200)).body;
    expect(r2).toMatchObject({ state: 'NOT_INFORMED', notInformedReason: 'NOT_POSSIBLE', explanation: null, allowedEvents: [] });
    expect(r2.history).toEqual([expect.objectContaining({ event: 'NOT_INFORM', notInformedReason: 'NOT_POSSIBLE', explanation: null })]);
    expect((await get(ids.R1).expect(200)).body).toMatchObject({ state: 'INFORMED', informedOn: '2019-01-20' });
    await send(ids.R1, { event: 'RECORD_CONSENT', version: 2, consent: 'NOT_ASKED' }).expect(422); // anonymised: nothing changes any more
    expect((await get(ids.R4).expect(200)).body.history[0].explanation).toBe('Politie vraagt af te wachten bij R4'); // not due
  });
});
