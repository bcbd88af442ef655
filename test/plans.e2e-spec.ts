import { INestApplicationContext } from '@nestjs/common';
import type { Actor } from '@kernteam/access';
import { QueueRegistry } from '@kernteam/jobs';
import { TenantDb } from '@kernteam/persistence';
import { DEMO_PLAN_TITLE, PlansService } from '@kernteam/plans';
import { DEMO_TENANT } from '@kernteam/tenants';
import { seedDemo } from '../apps/api/src/demo';
import { createWorker } from '../apps/worker/src/worker.factory';
import { bearer, login, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { eventually } from './support/eventually';
import { buildScenario, Scenario } from './support/indicator-scenario';

describe('plans: structure, report, closed years', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let scenario: Scenario;
  let ev: { Authorization: string };
  const http = () => t.http();

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Plans');
    ev = bearer(tenant.tokens.evaluator);
    scenario = await buildScenario(t, tenant);
  });
  afterAll(() => t.close());

  /** The evaluator as the services see them (to call a service with another "now", as the nightly jobs are called). */
  const evaluator = async (): Promise<Actor> => {
    const me = (await http().get('/api/me').set(ev).expect(200)).body;
    return { id: me.id, tenantId: me.tenantId, role: me.role, partnerId: me.partnerId, ip: null };
  };

  /** A plan 2025–2026 with the Gent indicator, the police participation indicator and one entered by hand. */
  async function planWithIndicators() {
    const plan = await http().post('/api/plans').set(ev).send({ title: 'SVPP 2025–2026', periodFrom: '2025-01-01', periodTo: '2026-12-31' }).expect(201);
    const add = async (body: Record<string, unknown>) => (await http().post(`/api/plans/${plan.body.id}/nodes`).set(ev).send(body).expect(201)).body;
    const ph = await add({ kind: 'PHENOMENON', title: 'Sociale overlast' });
    const so = await add({ kind: 'STRATEGIC_OBJECTIVE', parentId: ph.id, title: 'Een geïntegreerde aanpak bevorderen' });
    const oo = await add({ kind: 'OPERATIONAL_OBJECTIVE', parentId: so.id, title: 'Het aansturen van een geïntegreerde aanpak' });
    const er = await add({ kind: 'EXPECTED_RESULT', parentId: oo.id, title: 'Bij minstens 80% van de dossiers gedeelde afspraken' });
    const shared = await add({ kind: 'INDICATOR', parentId: er.id, title: 'Dossiers met gedeelde afspraken / besproken dossiers', definitionKey: 'SHARED_AGREEMENTS', operator: 'GTE', target: 0.8 });
    const police = await add({ kind: 'INDICATOR', parentId: er.id, title: 'Deelnames politie (≥ 3/jaar)', definitionKey: 'PARTICIPATIONS', partnerType: 'POLITIE', operator: 'GTE', target: 2 });
    const manual = await add({ kind: 'INDICATOR', parentId: er.id, title: 'Deelnames aan sub-werkgroepen (≥ 5/jaar)', operator: 'GTE', target: 5 });
    const yesNo = await add({ kind: 'INDICATOR', parentId: er.id, title: 'Strategie geactualiseerd', operator: 'YES_NO', target: 1 });
    return { plan: plan.body, ph, so, oo, er, shared, police, manual, yesNo };
  }

  it('builds a plan level by level, in order, and shows it as a tree', async () => {
    const { plan, ph, shared, manual } = await planWithIndicators();
    expect(plan).toMatchObject({ title: 'SVPP 2025–2026', periodFrom: '2025-01-01', periodTo: '2026-12-31', version: 1, nodes: [] });
    const res = await http().get(`/api/plans/${plan.id}`).set(ev).expect(200);
    expect(res.body.nodes).toHaveLength(1);
    expect(res.body.nodes[0]).toMatchObject({ id: ph.id, kind: 'PHENOMENON', position: 1 });
    const er = res.body.nodes[0].children[0].children[0].children[0];
    expect(er.kind).toBe('EXPECTED_RESULT');
    expect(er.children.map((c: { id: string }) => c.id)).toEqual([shared.id, expect.any(String), manual.id, expect.any(String)]);
    expect(er.children[0]).toMatchObject({ definitionKey: 'SHARED_AGREEMENTS', operator: 'GTE', target: 0.8, partnerType: null, manual: false, version: 1 });
    expect(er.children[2]).toMatchObject({ definitionKey: null, manual: true, target: 5 });
    const list = await http().get('/api/plans?page=1&pageSize=10').set(ev).expect(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 10, total: expect.any(Number) });
    expect(list.body.items.some((p: { id: string }) => p.id === plan.id)).toBe(true);
  });

  it('refuses a node out of place or an indicator that does not add up (400), and changes nothing', async () => {
    const { plan, ph, er, so } = await planWithIndicators();
    const bad: [Record<string, unknown>, string][] = [
      [{ kind: 'STRATEGIC_OBJECTIVE', title: 'zonder ouder' }, 'parentId'],
      [{ kind: 'OPERATIONAL_OBJECTIVE', parentId: ph.id, title: 'onder het verkeerde niveau' }, 'parentId'],
      [{ kind: 'PHENOMENON', parentId: so.id, title: 'fenomeen onder iets' }, 'parentId'],
      [{ kind: 'INDICATOR', parentId: er.id, title: 'x', operator: 'GTE' }, 'target'],
      [{ kind: 'INDICATOR', parentId: er.id, title: 'x', definitionKey: 'BESTAAT_NIET' }, 'definitionKey'],
      [{ kind: 'INDICATOR', parentId: er.id, title: 'x', definitionKey: 'SHARED_AGREEMENTS', operator: 'GTE', target: 80 }, 'target'],
      [{ kind: 'INDICATOR', parentId: er.id, title: 'x', definitionKey: 'SHARED_AGREEMENTS', partnerType: 'POLITIE' }, 'partnerType'],
      [{ kind: 'INDICATOR', parentId: er.id, title: 'x', operator: 'YES_NO', target: 3 }, 'target'],
      [{ kind: 'EXPECTED_RESULT', parentId: so.id, title: 'x', target: 1, operator: 'GTE' }, 'parentId'],
      [{ kind: 'INDICATOR', parentId: '00000000-0000-4000-8000-000000000000', title: 'x' }, 'parentId'],
      [{ kind: 'INDICATOR', parentId: er.id, title: '' }, 'title'],
    ];
    const before = await http().get(`/api/plans/${plan.id}`).set(ev).expect(200);
    for (const [body, field] of bad) {
      const res = await http().post(`/api/plans/${plan.id}/nodes`).set(ev).send(body);
      expect([res.status, body]).toEqual([400, body]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await http().get(`/api/plans/${plan.id}`).set(ev).expect(200)).body).toEqual(before.body);
    await http().post('/api/plans').set(ev).send({ title: 'x', periodFrom: '2026-01-01', periodTo: '2025-12-31' }).expect(400);
    await http().post('/api/plans').set(ev).send({ title: 'x', periodFrom: '2026-02-30', periodTo: '2026-12-31' }).expect(400);
  });

  it('guards plans and nodes with their version (409 on a stale one, nothing changed)', async () => {
    const { plan, shared } = await planWithIndicators();
    const ok = await http().patch(`/api/plans/${plan.id}`).set(ev).send({ version: 1, title: 'SVPP 2025–2026 (herzien)' }).expect(200);
    expect(ok.body).toMatchObject({ version: 2, title: 'SVPP 2025–2026 (herzien)' });
    await http().patch(`/api/plans/${plan.id}`).set(ev).send({ version: 1, title: 'te laat' }).expect(409);
    await http().patch(`/api/plans/${plan.id}`).set(ev).send({ version: 2, periodTo: '2024-12-31' }).expect(400);
    const node = await http().patch(`/api/plans/${plan.id}/nodes/${shared.id}`).set(ev).send({ version: 1, target: 0.9 }).expect(200);
    expect(node.body).toMatchObject({ version: 2, target: 0.9, operator: 'GTE' });
    const stale = await http().patch(`/api/plans/${plan.id}/nodes/${shared.id}`).set(ev).send({ version: 1, target: 0.5 }).expect(409);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
    const now = await http().get(`/api/plans/${plan.id}`).set(ev).expect(200);
    expect(now.body.title).toBe('SVPP 2025–2026 (herzien)');
    expect(now.body.nodes[0].children[0].children[0].children[0].children[0]).toMatchObject({ target: 0.9, version: 2 });
  });

  it('lets the evaluator manage, chair and casemanager read, and nobody else in', async () => {
    const { plan, er } = await planWithIndicators();
    for (const who of ['chair', 'casemanager']) {
      const h = bearer(tenant.tokens[who]);
      await http().get('/api/plans').set(h).expect(200);
      await http().get(`/api/plans/${plan.id}`).set(h).expect(200);
      await http().get(`/api/plans/${plan.id}/report?year=2025`).set(h).expect(200);
      await http().get(`/api/plans/${plan.id}/structure`).set(h).expect(200);
      await http().post('/api/plans').set(h).send({ title: 'x', periodFrom: '2026-01-01', periodTo: '2026-12-31' }).expect(403);
      await http().patch(`/api/plans/${plan.id}`).set(h).send({ version: 1, title: 'x' }).expect(403);
      await http().post(`/api/plans/${plan.id}/nodes`).set(h).send({ kind: 'INDICATOR', parentId: er.id, title: 'x' }).expect(403);
      await http().post(`/api/plans/${plan.id}/snapshots`).set(h).send({ year: 2025 }).expect(403);
    }
    for (const who of ['police', 'admin', 'auditor']) {
      const h = bearer(tenant.tokens[who]);
      await http().get('/api/plans').set(h).expect(403);
      await http().get(`/api/plans/${plan.id}`).set(h).expect(403);
      await http().get(`/api/plans/${plan.id}/report?year=2025`).set(h).expect(403);
    }
    const other = await seedTenant(t, 'Other plans');
    await http().get(`/api/plans/${plan.id}`).set(bearer(other.tokens.evaluator)).expect(404);
    await http().get('/api/plans/not-a-uuid').set(ev).expect(404);
  });

  it('exports the structure as JSON without ids and imports it again into an identical plan', async () => {
    const { plan } = await planWithIndicators();
    const structure = (await http().get(`/api/plans/${plan.id}/structure`).set(ev).expect(200)).body;
    expect(structure).toMatchObject({ format: 'kernteam.svpp-plan', formatVersion: 1, title: 'SVPP 2025–2026', periodFrom: '2025-01-01', periodTo: '2026-12-31' });
    expect(JSON.stringify(structure)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const indicators = structure.phenomena[0].strategicObjectives[0].operationalObjectives[0].expectedResults[0].indicators;
    expect(indicators[1]).toEqual({ title: 'Deelnames politie (≥ 3/jaar)', definitionKey: 'PARTICIPATIONS', operator: 'GTE', target: 2, partnerType: 'POLITIE' });

    const imported = await http().post('/api/plans/import').set(ev).send(structure).expect(201);
    expect(imported.body.id).not.toBe(plan.id);
    const again = (await http().get(`/api/plans/${imported.body.id}/structure`).set(ev).expect(200)).body;
    expect(again).toEqual(structure);

    const broken = JSON.parse(JSON.stringify(structure));
    broken.phenomena[0].strategicObjectives[0].operationalObjectives[0].expectedResults[0].indicators[0].target = 80;
    const res = await http().post('/api/plans/import').set(ev).send(broken).expect(400);
    expect(res.body.errors[0].field).toBe('phenomena[0].strategicObjectives[0].operationalObjectives[0].expectedResults[0].indicators[0].target');
    await http().post('/api/plans/import').set(ev).send({ ...structure, format: 'iets-anders' }).expect(400);
    await http().post('/api/plans/import').set(ev).send({ ...structure, phenomena: [{ title: 'x' }] }).expect(400);
    await http().post('/api/plans/import').set(bearer(tenant.tokens.chair)).send(structure).expect(403);
  });

  it('reports each indicator with value, target and verdict; manual values per year with their version', async () => {
    const { plan, shared, police, manual, yesNo } = await planWithIndicators();
    const url = `/api/plans/${plan.id}`;
    let report = (await http().get(`${url}/report?year=2025`).set(ev).expect(200)).body;
    expect(report).toMatchObject({ planId: plan.id, from: '2025-01-01', to: '2025-12-31', year: 2025, source: 'LIVE', closedAt: null });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const byNode = (r: { indicators: { nodeId: string }[] }): Record<string, any> => Object.fromEntries(r.indicators.map((i) => [i.nodeId, i]));
    let i = byNode(report);
    // Hand counts (indicators.e2e-spec.ts): 3/4 shared; police present at M1 and M2 (2025), at M5 and M7 (2026).
    expect(i[shared.id]).toMatchObject({ source: 'COMPUTED', numerator: 3, denominator: 4, value: 0.75, target: 0.8, operator: 'GTE', met: false });
    expect(i[police.id]).toMatchObject({ source: 'COMPUTED', definitionKey: 'PARTICIPATIONS', partnerType: 'POLITIE', value: 2, target: 2, met: true });
    expect(i[police.id].breakdown.map((c: { partnerType: string }) => c.partnerType)).toEqual(['POLITIE']);
    expect(i[manual.id]).toMatchObject({ source: 'MANUAL', value: null, target: 5, met: null, evidenceNote: null });
    expect(i[shared.id].path).toEqual(['Sociale overlast', 'Een geïntegreerde aanpak bevorderen', 'Het aansturen van een geïntegreerde aanpak', 'Bij minstens 80% van de dossiers gedeelde afspraken']);
    expect(report.nodes[0].children[0].children[0].children[0].children[0].indicator.nodeId).toBe(shared.id);

    const set = (year: number, body: Record<string, unknown>, nodeId = manual.id) => http().put(`${url}/nodes/${nodeId}/values/${year}`).set(ev).send(body);
    const created = await set(2025, { value: 6, evidenceNote: 'Verslagen werkgroep FOD BiZa 2025' }).expect(200);
    expect(created.body).toMatchObject({ nodeId: manual.id, year: 2025, value: 6, version: 1 });
    await set(2025, { value: 7 }).expect(409); // exists: needs its version
    await set(2025, { value: 7, version: 2 }).expect(409);
    await set(2025, { value: 4, version: 1, evidenceNote: 'Herteld' }).expect(200);
    await set(2026, { value: 9 }).expect(200);
    await set(2025, { value: 3 }, yesNo.id).expect(400);
    await set(2025, { value: 1 }, yesNo.id).expect(200);
    await set(2025, { value: 1 }, shared.id).expect(422); // computed, not entered by hand
    await http().put(`${url}/nodes/${manual.id}/values/20x5`).set(ev).send({ value: 1 }).expect(400);
    await http().put(`${url}/nodes/${manual.id}/values/2025`).set(bearer(tenant.tokens.chair)).send({ value: 1 }).expect(403);

    i = byNode((await http().get(`${url}/report?year=2025`).set(ev).expect(200)).body);
    expect(i[manual.id]).toMatchObject({ value: 4, met: false, evidenceNote: 'Herteld', valueVersion: 2 });
    expect(i[yesNo.id]).toMatchObject({ value: 1, met: true });
    i = byNode((await http().get(`${url}/report?year=2026`).set(ev).expect(200)).body);
    expect(i[manual.id]).toMatchObject({ value: 9, met: true });
    expect(i[shared.id]).toMatchObject({ numerator: 2, denominator: 3, met: false });
    // A period inside one year takes that year's manual values; computed ones follow the period.
    report = (await http().get(`${url}/report?from=2025-01-01&to=2025-06-30`).set(ev).expect(200)).body;
    i = byNode(report);
    expect(report).toMatchObject({ year: null, source: 'LIVE' });
    expect(i[shared.id]).toMatchObject({ numerator: 1, denominator: 2 });
    expect(i[manual.id]).toMatchObject({ value: 4 });

    for (const q of ['', '?year=abc', '?year=25', '?year=2025&from=2025-01-01&to=2025-12-31', '?from=2025-12-31&to=2025-01-01', '?from=2025-01-01']) {
      const res = await http().get(`${url}/report${q}`).set(ev);
      expect([res.status, q]).toEqual([400, q]);
    }
  });

  it('keeps a closed year exactly as reported, whatever happens to the data afterwards', async () => {
    const { plan, shared, manual } = await planWithIndicators();
    const url = `/api/plans/${plan.id}`;
    await http().put(`${url}/nodes/${manual.id}/values/2025`).set(ev).send({ value: 6 }).expect(200);
    const before = (await http().get(`${url}/report?year=2025`).set(ev).expect(200)).body;
    const closed = await http().post(`${url}/snapshots`).set(ev).send({ year: 2025 }).expect(201);
    expect(closed.body).toMatchObject({ planId: plan.id, year: 2025, kind: 'CLOSED', closedBy: expect.any(String) });
    await http().post(`${url}/snapshots`).set(ev).send({ year: 2025 }).expect(409);
    await http().post(`${url}/snapshots`).set(ev).send({ year: 2099 }).expect(422);
    await http().post(`${url}/snapshots`).set(ev).send({ year: 2019 }).expect(422); // outside the plan period
    await http().post(`${url}/snapshots`).set(ev).send({ year: '2025' }).expect(400);

    const reported = (await http().get(`${url}/report?year=2025`).set(ev).expect(200)).body;
    expect(reported).toMatchObject({ source: 'CLOSED', closedAt: expect.any(String) });
    const strip = (r: Record<string, unknown>) => ({ ...r, source: undefined, closedAt: undefined, computedAt: undefined });
    expect(strip(reported)).toEqual(strip(before));

    // Afterwards: a late meeting of 2025 with a shared discussion of D9, the plan's target changes, the manual value is locked.
    const { Burgemeester: B } = tenant.partners;
    const m = await scenario.fixtures.meeting({ at: '2025-11-20T10:00:00Z', state: 'AFGEROND', present: [B] });
    await scenario.fixtures.item(m, scenario.dossiers.D9.id, { outcome: 'DISCUSSED', agreements: [{ responsible: B, dueOn: '2025-12-01' }], endorsements: [{ partner: B, endorsed: true }] });
    const node = (await http().get(`${url}`).set(ev).expect(200)).body.nodes[0].children[0].children[0].children[0].children[0];
    await http().patch(`${url}/nodes/${shared.id}`).set(ev).send({ version: node.version, target: 0.5 }).expect(200);
    await http().put(`${url}/nodes/${manual.id}/values/2025`).set(ev).send({ value: 1, version: 1 }).expect(422);

    const live = (await http().get('/api/indicators/shared-agreements?from=2025-01-01&to=2025-12-31').set(ev).expect(200)).body;
    expect(live).toMatchObject({ numerator: 4, denominator: 5 });
    const after = (await http().get(`${url}/report?year=2025`).set(ev).expect(200)).body;
    // What was reported stays as it was; where today's figures differ, they are shown beside it as `current`.
    const withoutCurrent = (r: { nodes: unknown; indicators: Record<string, unknown>[] }) => ({
      ...r, nodes: undefined, indicators: r.indicators.map(({ current: _, ...rest }) => rest),
    });
    expect(withoutCurrent(after)).toEqual(withoutCurrent(reported));
    expect(reported.indicators.some((x: Record<string, unknown>) => 'current' in x)).toBe(false);
    const sharedAfter = after.indicators.find((x: { nodeId: string }) => x.nodeId === shared.id);
    expect(sharedAfter).toMatchObject({ numerator: 3, denominator: 4, target: 0.8, met: false, current: { numerator: 4, denominator: 5, value: 0.8, target: 0.5, met: true } });
    expect(after.indicators.find((x: { nodeId: string }) => x.nodeId === manual.id).current).toBeUndefined();
    // The same period asked as from/to is the closed year too.
    expect((await http().get(`${url}/report?from=2025-01-01&to=2025-12-31`).set(ev).expect(200)).body).toEqual(after);

    // Not even the database owner can change or remove a closed snapshot.
    const db = t.app.get(TenantDb);
    await expect(db.system((em) => em.query(`UPDATE indicator_snapshots SET report = '{}' WHERE id = $1`, [closed.body.id]))).rejects.toThrow(/never changes/);
    await expect(db.system((em) => em.query(`DELETE FROM indicator_snapshots WHERE id = $1`, [closed.body.id]))).rejects.toThrow(/never changes/);
    await http().delete(url).set(ev).expect(422);
    const snapshots = (await http().get(`${url}/snapshots`).set(ev).expect(200)).body;
    expect(snapshots).toEqual([expect.objectContaining({ year: 2025, kind: 'CLOSED' })]);
  });

  it('closes a year only once it has ended in Europe/Brussels (422 before, saying when it ends)', async () => {
    const plan = (await http().post('/api/plans').set(ev).send({ title: 'Plan 2026', periodFrom: '2026-01-01', periodTo: '2027-12-31' }).expect(201)).body;
    const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(new Date()));
    const res = await http().post(`/api/plans/${plan.id}/snapshots`).set(ev).send({ year: thisYear }).expect(422);
    expect(res.body).toMatchObject({ type: 'urn:kernteam:problem:domain-rule', detail: expect.stringContaining(`ends on 31 December ${thisYear} (Europe/Brussels)`) });
    const plans = t.app.get(PlansService);
    const actor = await evaluator();
    // 1 December 2026, and 31 December 2026 at 23:30 in Brussels (22:30 UTC): still 2026.
    for (const now of ['2026-12-01T12:00:00Z', '2026-12-31T22:30:00Z']) {
      await expect(plans.closeYear(actor, plan.id, { year: 2026 }, new Date(now))).rejects.toMatchObject({ httpStatus: 422, detail: expect.stringContaining('ends on 31 December 2026 (Europe/Brussels)') });
    }
    expect((await http().get(`/api/plans/${plan.id}/snapshots`).set(ev).expect(200)).body).toEqual([]);
    // Midnight in Brussels (23:00 UTC): the year has ended.
    const closed = await plans.closeYear(actor, plan.id, { year: 2026 }, new Date('2026-12-31T23:00:00Z'));
    expect(closed).toMatchObject({ year: 2026, kind: 'CLOSED', revision: 1, reopenedAt: null });
  });

  it('reopens a closed year (evaluator, with a reason, audited): what was reported stays, beside the current figures; closing again is a new version', async () => {
    const { plan, shared, manual } = await planWithIndicators();
    const url = `/api/plans/${plan.id}`;
    await http().put(`${url}/nodes/${manual.id}/values/2025`).set(ev).send({ value: 6 }).expect(200);
    const first = (await http().post(`${url}/snapshots`).set(ev).send({ year: 2025 }).expect(201)).body;
    expect(first).toMatchObject({ year: 2025, kind: 'CLOSED', revision: 1, reopenedAt: null, reopenedBy: null, reopenReason: null });
    const reported = (await http().get(`${url}/report?year=2025`).set(ev).expect(200)).body;
    const sharedReported = reported.indicators.find((x: { nodeId: string }) => x.nodeId === shared.id);

    for (const who of ['chair', 'casemanager', 'police', 'admin', 'auditor']) {
      await http().post(`${url}/snapshots/2025/reopen`).set(bearer(tenant.tokens[who])).send({ reason: 'Late verslag' }).expect(403);
    }
    const noReason = await http().post(`${url}/snapshots/2025/reopen`).set(ev).send({}).expect(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    await http().post(`${url}/snapshots/2025/reopen`).set(ev).send({ reason: '   ' }).expect(400);
    await http().post(`${url}/snapshots/2026/reopen`).set(ev).send({ reason: 'Niet afgesloten' }).expect(409);
    const reopened = (await http().post(`${url}/snapshots/2025/reopen`).set(ev).send({ reason: 'Verslag van november kwam te laat' }).expect(200)).body;
    expect(reopened).toMatchObject({ id: first.id, year: 2025, kind: 'CLOSED', revision: 1, reopenedAt: expect.any(String), reopenedBy: expect.any(String), reopenReason: 'Verslag van november kwam te laat' });
    await http().post(`${url}/snapshots/2025/reopen`).set(ev).send({ reason: 'Nog eens' }).expect(409);

    // Open again: the manual value can change, the report is computed now, and shows what was reported where it differs.
    await http().put(`${url}/nodes/${manual.id}/values/2025`).set(ev).send({ value: 7, version: 1 }).expect(200);
    const live = (await http().get(`${url}/report?year=2025`).set(ev).expect(200)).body;
    expect(live).toMatchObject({ source: 'LIVE', closedAt: null });
    const manualLive = live.indicators.find((x: { nodeId: string }) => x.nodeId === manual.id);
    expect(manualLive).toMatchObject({ value: 7, reported: { numerator: null, denominator: null, value: 6, target: 5, met: true } });
    const sharedLive = live.indicators.find((x: { nodeId: string }) => x.nodeId === shared.id);
    expect(sharedLive).toMatchObject({ numerator: sharedReported.numerator, denominator: sharedReported.denominator });
    expect(sharedLive.reported).toBeUndefined(); // nothing changed there

    // The reopened snapshot keeps its figures; the database still refuses any change to them, and any removal.
    const db = t.app.get(TenantDb);
    const [row] = await db.system((em) => em.query(`SELECT report FROM indicator_snapshots WHERE id = $1`, [first.id]));
    expect(row.report.report.indicators.find((x: { nodeId: string }) => x.nodeId === manual.id).value).toBe(6);
    await expect(db.system((em) => em.query(`UPDATE indicator_snapshots SET report = '{}' WHERE id = $1`, [first.id]))).rejects.toThrow(/never changes/);
    await expect(db.system((em) => em.query(`UPDATE indicator_snapshots SET reopened_at = now() WHERE id = $1`, [first.id]))).rejects.toThrow(/never changes/);
    await expect(db.system((em) => em.query(`DELETE FROM indicator_snapshots WHERE id = $1`, [first.id]))).rejects.toThrow(/never changes/);

    // Closing again stores a new version; the old one stays, marked reopened.
    const second = (await http().post(`${url}/snapshots`).set(ev).send({ year: 2025 }).expect(201)).body;
    expect(second).toMatchObject({ year: 2025, kind: 'CLOSED', revision: 2, reopenedAt: null });
    expect(second.id).not.toBe(first.id);
    const again = (await http().get(`${url}/report?year=2025`).set(ev).expect(200)).body;
    expect(again).toMatchObject({ source: 'CLOSED' });
    expect(again.indicators.find((x: { nodeId: string }) => x.nodeId === manual.id)).toMatchObject({ value: 7 });
    expect((await http().get(`${url}/snapshots`).set(ev).expect(200)).body).toEqual([
      expect.objectContaining({ id: second.id, revision: 2, reopenedAt: null }),
      expect.objectContaining({ id: first.id, revision: 1, reopenedAt: expect.any(String) }),
    ]);
    await http().delete(url).set(ev).expect(422);

    const audit: { action: string; details: Record<string, unknown> }[] = await db.system((em) => em.query(
      `SELECT action, details FROM audit_events WHERE tenant_id = $1 AND entity_id = $2 AND action LIKE 'plan.year.%' ORDER BY seq`, [tenant.tenantId, plan.id],
    ));
    expect(audit.map((a) => a.action)).toEqual(['plan.year.close', 'plan.year.reopen', 'plan.year.close']);
    expect(audit[1].details).toEqual({ year: 2025, snapshotId: first.id });
  });

  it('removes a plan without closed years, and its nodes with it', async () => {
    const { plan, er } = await planWithIndicators();
    await http().delete(`/api/plans/${plan.id}/nodes/${er.id}`).set(ev).expect(204);
    const tree = (await http().get(`/api/plans/${plan.id}`).set(ev).expect(200)).body;
    expect(tree.nodes[0].children[0].children[0].children).toEqual([]);
    await http().delete(`/api/plans/${plan.id}`).set(ev).expect(204);
    await http().get(`/api/plans/${plan.id}`).set(ev).expect(404);
  });

  it('replaces the LIVE snapshot of the current year nightly through the worker, and never a closed one', async () => {
    const year = new Date().getUTCFullYear();
    const plan = (await http().post('/api/plans').set(ev).send({ title: 'Lopend plan', periodFrom: `${year}-01-01`, periodTo: `${year}-12-31` }).expect(201)).body;
    const db = t.app.get(TenantDb);
    const rows = () => db.system((em) => em.query(`SELECT kind, year, computed_at FROM indicator_snapshots WHERE plan_id = $1`, [plan.id])) as Promise<{ kind: string; year: number; computed_at: Date }[]>;
    let worker: INestApplicationContext | undefined;
    try {
      worker = await createWorker();
      await worker.get(QueueRegistry).add('plans.live-snapshots', { tenantId: null }, `test-live-${plan.id}`);
      const first = await eventually(rows, (r) => r.length === 1);
      expect(first).toEqual([expect.objectContaining({ kind: 'LIVE', year })]);
      await worker.get(PlansService).refreshLiveSnapshots();
      const second = await rows();
      expect(second).toHaveLength(1);
      expect(second[0].computed_at.getTime()).toBeGreaterThan(first[0].computed_at.getTime());
    } finally {
      await worker?.close();
    }
    // The running year cannot be closed through the API yet: closed as the service would on 1 January.
    await http().post(`/api/plans/${plan.id}/snapshots`).set(ev).send({ year }).expect(422);
    await t.app.get(PlansService).closeYear(await evaluator(), plan.id, { year }, new Date(`${year + 1}-01-01T12:00:00Z`));
    expect(await rows()).toEqual([expect.objectContaining({ kind: 'CLOSED', year })]);
    await t.app.get(PlansService).refreshLiveSnapshots();
    expect(await rows()).toEqual([expect.objectContaining({ kind: 'CLOSED', year })]);
  });

  it('moves a node with everything under it under another parent of the level above, last unless a position is given', async () => {
    const { plan, oo, er, police, shared } = await planWithIndicators();
    const add = async (body: Record<string, unknown>) => (await http().post(`/api/plans/${plan.id}/nodes`).set(ev).send(body).expect(201)).body;
    const other = await add({ kind: 'EXPECTED_RESULT', parentId: oo.id, title: 'Deelname aan de LIVC' });
    const kept = await add({ kind: 'INDICATOR', parentId: other.id, title: 'Al aanwezig', operator: 'GTE', target: 1 });
    const moved = await http().patch(`/api/plans/${plan.id}/nodes/${police.id}`).set(ev).send({ version: police.version, parentId: other.id }).expect(200);
    expect(moved.body).toMatchObject({ parentId: other.id, position: kept.position + 1, version: police.version + 1, partnerType: 'POLITIE' });
    const tree = (await http().get(`/api/plans/${plan.id}`).set(ev).expect(200)).body;
    const results = tree.nodes[0].children[0].children[0].children;
    expect(results.map((r: { id: string }) => r.id)).toEqual([er.id, other.id]);
    expect(results[1].children.map((c: { id: string }) => c.id)).toEqual([kept.id, police.id]);
    expect(results[0].children.map((c: { id: string }) => c.id)).not.toContain(police.id);
    // Under a node of the wrong level, or of another plan: refused, nothing changes.
    await http().patch(`/api/plans/${plan.id}/nodes/${shared.id}`).set(ev).send({ version: shared.version, parentId: oo.id }).expect(400);
    const elsewhere = await planWithIndicators();
    await http().patch(`/api/plans/${plan.id}/nodes/${shared.id}`).set(ev).send({ version: shared.version, parentId: elsewhere.er.id }).expect(400);
    await http().patch(`/api/plans/${plan.id}/nodes/${shared.id}`).set(bearer(tenant.tokens.chair)).send({ version: shared.version, parentId: other.id }).expect(403);
    const after = (await http().get(`/api/plans/${plan.id}`).set(ev).expect(200)).body;
    expect(after.nodes[0].children[0].children[0].children[0].children[0]).toMatchObject({ id: shared.id, version: shared.version });
  });

  it('gives the demo tenant the Gent plan change and the Molenbeek participation indicator, once', async () => {
    const first = await seedDemo(t.app);
    const again = await seedDemo(t.app);
    expect(again).toEqual([]);
    if (!first.length) throw new Error(`${DEMO_TENANT} existed before this test`);
    const token = await login(t, 'evaluator@demo.kernteam.be', first.find((l) => l.role === 'evaluator')!.password);
    const list = (await http().get('/api/plans').set(bearer(token)).expect(200)).body;
    expect(list.items.map((p: { title: string }) => p.title)).toEqual([DEMO_PLAN_TITLE]);
    const structure = (await http().get(`/api/plans/${list.items[0].id}/structure`).set(bearer(token)).expect(200)).body;
    const [gent, molenbeek] = structure.phenomena;
    expect(gent.title).toMatch(/sociale overlast/);
    expect(gent.strategicObjectives[0].title).toBe('Een geïntegreerde aanpak bevorderen');
    expect(gent.strategicObjectives[0].operationalObjectives[0].title).toMatch(/^Het aansturen van een geïntegreerde aanpak/);
    const gentResult = gent.strategicObjectives[0].operationalObjectives[0].expectedResults[0];
    expect(gentResult.title).toMatch(/minstens 80%/);
    expect(gentResult.indicators).toEqual([expect.objectContaining({ definitionKey: 'SHARED_AGREEMENTS', operator: 'GTE', target: 0.8 })]);
    const livc = molenbeek.strategicObjectives[0].operationalObjectives[0].expectedResults[0];
    expect(livc.indicators).toEqual([expect.objectContaining({ definitionKey: 'PARTICIPATIONS', partnerType: 'POLITIE', operator: 'GTE', target: 3 })]);
    const report = (await http().get(`/api/plans/${list.items[0].id}/report?year=${new Date().getUTCFullYear()}`).set(bearer(token)).expect(200)).body;
    expect(report.indicators).toHaveLength(3);
  });
});
