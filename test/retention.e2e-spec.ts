import { INestApplicationContext } from '@nestjs/common';
import { QueueRegistry } from '@kernteam/jobs';
import { TenantDb } from '@kernteam/persistence';
import { RetentionService } from '@kernteam/retention';
import { createWorker } from '../apps/worker/src/worker.factory';
import { bearer, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { buildScenario, Scenario } from './support/indicator-scenario';

/** The periods compared before and after retention: the years of the scenario, a half year, days, and everything. */
const PERIODS: [string, string][] = [
  ['2019-01-01', '2019-12-31'], ['2020-01-01', '2020-12-31'], ['2021-01-01', '2021-12-31'], ['2025-01-01', '2025-12-31'],
  ['2026-01-01', '2026-12-31'], ['2025-01-01', '2025-06-30'], ['2019-02-05', '2019-02-05'], ['2019-06-01', '2019-06-01'],
  ['2019-01-01', '2026-12-31'],
];

/**
 * Retention (RETENTION_YEARS = 5): dossiers closed or not retained more than five years before "now" are anonymised
 * through their machine; everything a report was made of stays, so no indicator of any period changes.
 * "Now" is fixed at 2026-11-21 so the test means the same on any day: R1 (closed 2019-06-01) and R2 (not retained
 * 2019-03-10) are due; R3 (closed 2021-12-01, within five years) and R4 (reopened) are not.
 */
describe('retention', () => {
  const NOW = new Date('2026-11-21T12:00:00Z');
  let t: TestApp;
  let tenant: TestTenant;
  let scenario: Scenario;
  let worker: INestApplicationContext;
  let planId: string;
  const db = () => t.app.get(TenantDb);

  const indicators = async () => {
    const out: Record<string, unknown> = {};
    for (const [from, to] of PERIODS) {
      out[`${from}..${to}`] = (await t.http().get(`/api/indicators?from=${from}&to=${to}`).set(bearer(tenant.tokens.evaluator)).expect(200)).body;
    }
    for (const year of [2019, 2020, 2021]) {
      out[`plan ${year}`] = (await t.http().get(`/api/plans/${planId}/report?year=${year}`).set(bearer(tenant.tokens.evaluator)).expect(200)).body.indicators;
    }
    return out;
  };
  const dossierRow = async (name: string) => {
    const id = scenario.dossiers[name].id;
    const [row] = await db().system((em) => em.query(
      `SELECT d.state, d.summary, d.closure_reason, d.received_on::text AS received_on, d.reference, d.anonymised_at, d.version,
              s.first_name, s.last_name, s.birth_date, s.municipality, s.gender, s.match_key
         FROM dossiers d JOIN subjects s ON s.dossier_id = d.id WHERE d.id = $1`, [id]));
    return row;
  };
  const anonymisedHere = async () =>
    (await db().system((em) => em.query(`SELECT id FROM dossiers WHERE tenant_id = $1 AND state = 'GEANONIMISEERD' ORDER BY id`, [tenant.tenantId])))
      .map((r: { id: string }) => r.id).sort();
  const freeText = async (name: string) => {
    const id = scenario.dossiers[name].id;
    const [row] = await db().system((em) => em.query(
      `SELECT (SELECT array_agg(text) FROM contributions WHERE dossier_id = $1) AS contributions,
              (SELECT array_agg(summary) FROM agenda_items WHERE dossier_id = $1) AS item_summaries,
              (SELECT array_agg(description) FROM agreements WHERE dossier_id = $1) AS agreement_descriptions,
              (SELECT array_agg(note) FROM agreements WHERE dossier_id = $1) AS agreement_notes,
              (SELECT array_agg(e.note) FROM endorsements e JOIN agenda_items ai ON ai.id = e.agenda_item_id WHERE ai.dossier_id = $1) AS endorsement_notes,
              (SELECT array_agg(reason ORDER BY seq) FROM workflow_events WHERE entity_type = 'Dossier' AND entity_id = $1) AS reasons,
              (SELECT array_agg(event ORDER BY seq) FROM workflow_events WHERE entity_type = 'Dossier' AND entity_id = $1) AS events`, [id]));
    return row;
  };

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Retention');
    scenario = await buildScenario(t, tenant);
    const ev = bearer(tenant.tokens.evaluator);
    planId = (await t.http().post('/api/plans').set(ev).send({ title: 'SVPP 2019–2021', periodFrom: '2019-01-01', periodTo: '2021-12-31' }).expect(201)).body.id;
    const add = async (body: Record<string, unknown>) => (await t.http().post(`/api/plans/${planId}/nodes`).set(ev).send(body).expect(201)).body.id;
    let parent = await add({ kind: 'PHENOMENON', title: 'Radicalisering' });
    parent = await add({ kind: 'STRATEGIC_OBJECTIVE', parentId: parent, title: 'Geïntegreerde aanpak' });
    parent = await add({ kind: 'OPERATIONAL_OBJECTIVE', parentId: parent, title: 'Kernteam' });
    parent = await add({ kind: 'EXPECTED_RESULT', parentId: parent, title: '80 %' });
    for (const definitionKey of ['SHARED_AGREEMENTS', 'DOSSIERS_CLOSED', 'MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION', 'AGREEMENTS_DONE_ON_TIME']) {
      await add({ kind: 'INDICATOR', parentId: parent, title: definitionKey, definitionKey });
    }
    worker = await createWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('anonymises exactly the dossiers due, through their machine, erasing personal data and free text only', async () => {
    const before = await indicators();
    const r1Before = await dossierRow('R1');
    // As if MATCH_SECRET had been set when R1 was registered: its "known elsewhere" key must go with the identity.
    await db().system((em) => em.query(`UPDATE subjects SET match_key = repeat('a', 64) WHERE dossier_id = $1`, [scenario.dossiers.R1.id]));
    const run = await worker.get(RetentionService).run(NOW);
    // The job works across tenants (other test files' tenants have their own R1 and R2): here, exactly R1 and R2.
    expect(run).toMatchObject({ failed: 0 });
    expect(await anonymisedHere()).toEqual([scenario.dossiers.R1.id, scenario.dossiers.R2.id].sort());

    const r1 = await dossierRow('R1');
    expect(r1).toMatchObject({
      state: 'GEANONIMISEERD', summary: null, first_name: null, last_name: null, birth_date: null, municipality: null, match_key: null,
      // the statistical skeleton stays
      closure_reason: 'DOELEN_BEREIKT', received_on: '2019-01-10', reference: r1Before.reference, gender: 'X', version: r1Before.version + 1,
    });
    expect(r1.anonymised_at).toBeInstanceOf(Date);
    const r1Text = await freeText('R1');
    expect(r1Text).toMatchObject({
      contributions: [null], item_summaries: [null], agreement_descriptions: [null], endorsement_notes: [null, null],
      // the closure reason is a code and stays; the machine appended ANONYMISE
      reasons: [null, null, null, null, null, 'DOELEN_BEREIKT', null],
      events: ['REGISTER', 'START_SCREENING', 'RETAIN', 'PUT_ON_AGENDA', 'DISCUSS', 'CLOSE', 'ANONYMISE'],
    });
    const r2 = await dossierRow('R2');
    expect(r2).toMatchObject({ state: 'GEANONIMISEERD', summary: null, first_name: null });
    expect((await freeText('R2')).reasons).toEqual([null, null, null, null]); // REJECT's free-text reason erased

    // Not due: closed less than five years before "now", or reopened.
    for (const name of ['R3', 'R4', 'D2', 'D4', 'D9']) {
      const row = await dossierRow(name);
      expect([name, row.state === 'GEANONIMISEERD', row.first_name]).toEqual([name, false, `Voornaam${name}`]);
    }
    expect((await freeText('R3')).agreement_notes).toEqual(['R3 weigerde elk contact']);

    // Every indicator of every period, and the plan's report, exactly as before.
    expect(await indicators()).toEqual(before);

    // The move was recorded like any other: event, audit (ids and counts only), no actor.
    const audit = await db().system((em) => em.query(
      `SELECT action, actor_id, details FROM audit_events WHERE entity_id = $1 AND action IN ('dossier.transition', 'dossier.anonymise') ORDER BY seq`,
      [scenario.dossiers.R1.id],
    ));
    expect(audit).toEqual([
      { action: 'dossier.transition', actor_id: null, details: { event: 'ANONYMISE', fromState: 'AFGESLOTEN', toState: 'GEANONIMISEERD' } },
      { action: 'dossier.anonymise', actor_id: null, details: expect.objectContaining({ subjects: 1, contributions: 1, agreements: 1, endorsements: 2 }) },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Voornaam|Bespreking|Gesprek/);
  });

  it('does nothing the second time, and later catches R3 once its five years are over, still changing no indicator', async () => {
    const before = await indicators();
    expect(await worker.get(RetentionService).run(NOW)).toMatchObject({ candidates: 0, anonymised: 0 });
    const later = new Date('2026-12-02T00:00:00Z'); // R3 was closed on 2021-12-01
    expect(await worker.get(RetentionService).run(later)).toMatchObject({ failed: 0 });
    expect(await anonymisedHere()).toEqual([scenario.dossiers.R1.id, scenario.dossiers.R2.id, scenario.dossiers.R3.id].sort());
    expect((await dossierRow('R3')).state).toBe('GEANONIMISEERD');
    expect(await indicators()).toEqual(before);
  });

  it('hides an anonymised dossier\'s identity and text from the casemanager too', async () => {
    const res = await t.http().get(`/api/dossiers/${scenario.dossiers.R1.id}`).set(bearer(tenant.tokens.casemanager)).expect(200);
    expect(res.body).toMatchObject({ state: 'GEANONIMISEERD', summary: null, subject: { firstName: null, lastName: null }, allowedEvents: [] });
    await t.http().patch(`/api/dossiers/${scenario.dossiers.R1.id}`).set(bearer(tenant.tokens.casemanager)).send({ version: res.body.version, summary: 'opnieuw' }).expect(422);
  });

  it('runs as the daily job on the worker', async () => {
    const d = await scenario.fixtures.dossier({
      receivedOn: '2018-01-01', referringPartnerId: tenant.partners.Politie, subject: { firstName: 'Jobvoornaam', lastName: 'Jobachternaam' },
      history: [['START_SCREENING', 'SCREENING', '2018-01-02T09:00:00Z'], ['REJECT', 'NIET_WEERHOUDEN', '2018-01-03T09:00:00Z', 'vrije tekst']],
    });
    await worker.get(QueueRegistry).add('retention.anonymise', { tenantId: null }, `test-retention-${d.id}`);
    const until = Date.now() + 20_000;
    let state = '';
    while (Date.now() < until && state !== 'GEANONIMISEERD') {
      [{ state }] = await db().system((em) => em.query(`SELECT state FROM dossiers WHERE id = $1`, [d.id]));
      if (state !== 'GEANONIMISEERD') await new Promise((r) => setTimeout(r, 150));
    }
    expect(state).toBe('GEANONIMISEERD');
  });
});
