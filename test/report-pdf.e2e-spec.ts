import { bearer, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { binary, pdfText } from './support/export-files';
import { buildScenario, Scenario } from './support/indicator-scenario';

/**
 * The yearly evaluation report (GET /api/plans/:id/report.pdf) and the evaluator's comments per indicator per year.
 * Scenario 2025 (support/indicator-scenario.ts): 9 dossiers registered, 3 meetings held (M1, M2, M6), 4 dossiers discussed.
 */
describe('plan evaluation report (PDF) and comments', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let scenario: Scenario;
  let ev: { Authorization: string };
  let planId: string;
  let registered: { id: string };
  let phenomenon: { id: string };
  const http = () => t.http();

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Evaluatie');
    ev = bearer(tenant.tokens.evaluator);
    scenario = await buildScenario(t, tenant);
    const plan = await http().post('/api/plans').set(ev).send({ title: 'Veiligheidsplan 2025-2026', periodFrom: '2025-01-01', periodTo: '2026-12-31' }).expect(201);
    planId = plan.body.id;
    const add = async (body: Record<string, unknown>) => (await http().post(`/api/plans/${planId}/nodes`).set(ev).send(body).expect(201)).body;
    phenomenon = await add({ kind: 'PHENOMENON', title: 'Polarisering en radicalisering' });
    const so = await add({ kind: 'STRATEGIC_OBJECTIVE', parentId: phenomenon.id, title: 'Radicalisering vroeg opsporen' });
    const oo = await add({ kind: 'OPERATIONAL_OBJECTIVE', parentId: so.id, title: 'Een werkend kernteam' });
    const er = await add({ kind: 'EXPECTED_RESULT', parentId: oo.id, title: 'Signalen komen bij het kernteam terecht' });
    registered = await add({ kind: 'INDICATOR', parentId: er.id, title: 'Aantal aanmeldingen per jaar', definitionKey: 'DOSSIERS_REGISTERED', operator: 'GTE', target: 6 });
    await add({ kind: 'INDICATOR', parentId: er.id, title: 'Vergaderingen per jaar', definitionKey: 'MEETINGS_HELD', operator: 'GTE', target: 10 });
  });
  afterAll(() => t.close());

  const pdf = async (query: string, who = ev) => {
    const res = await http().get(`/api/plans/${planId}/report.pdf?${query}`).set(who).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const bytes = res.body as Buffer;
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    return pdfText(bytes);
  };
  const comment = (nodeId: string, year: number, body: Record<string, unknown>, who = ev) =>
    http().put(`/api/plans/${planId}/nodes/${nodeId}/comments/${year}`).set(who).send(body);

  it('keeps comments per indicator per year, version-guarded; members may not write or read them', async () => {
    const first = await comment(registered.id, 2025, { text: 'Meer aanmeldingen dan verwacht dankzij de scholen.' }).expect(200);
    expect(first.body).toMatchObject({ nodeId: registered.id, year: 2025, version: 1, text: 'Meer aanmeldingen dan verwacht dankzij de scholen.' });
    await comment(registered.id, 2025, { text: 'zonder versie' }).expect(409);
    await comment(registered.id, 2025, { text: 'oude versie', version: 7 }).expect(409);
    const second = await comment(registered.id, 2025, { text: 'Meer aanmeldingen dan verwacht, vooral via de scholen.', version: 1 }).expect(200);
    expect(second.body.version).toBe(2);
    await comment(registered.id, 2025, { text: 'x', version: 2 }, bearer(tenant.tokens.police)).expect(403);
    await comment(registered.id, 2025, { text: 'x', version: 2 }, bearer(tenant.tokens.chair)).expect(403);
    await comment(phenomenon.id, 2025, { text: 'op een fenomeen' }).expect(422);
    await comment(registered.id, 2030, { text: 'buiten de planperiode' }).expect(422);
    await comment(registered.id, 2025, { text: 12 }).expect(400);
    // The plan report of the year shows the comment beside its indicator; another year has none.
    const report = (await http().get(`/api/plans/${planId}/report?year=2025`).set(ev).expect(200)).body;
    expect(report.indicators.find((i: { nodeId: string }) => i.nodeId === registered.id).comment).toMatchObject({ version: 2, text: second.body.text });
    const other = (await http().get(`/api/plans/${planId}/report?year=2026`).set(ev).expect(200)).body;
    expect(other.indicators.find((i: { nodeId: string }) => i.nodeId === registered.id).comment).toBeUndefined();
    await http().get(`/api/plans/${planId}/report.pdf?year=2025`).set(bearer(tenant.tokens.police)).expect(403);
  });

  it('reports the year per phenomenon and objective with value, target, comment, trend and activity, anonymised', async () => {
    const text = await pdf('year=2025&lang=nl');
    for (const heading of ['Evaluatierapport 2025', 'Veiligheidsplan 2025-2026', 'Activiteit van het kernteam', 'Fenomeen: Polarisering en radicalisering',
      'Strategische doelstelling: Radicalisering vroeg opsporen', 'Operationele doelstelling: Een werkend kernteam', 'Verloop over de planjaren']) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(/Waarde: 9\s+Doel: >= 6\s+gehaald/);
    expect(text).toContain('Meer aanmeldingen dan verwacht, vooral via de scholen.');
    // 3 meetings held and 4 dossiers discussed in 2025: small counts, shown as "<5" (also in the activity figures).
    expect(text).toMatch(/Aantal gehouden kernteamvergaderingen: <5/);
    expect(text).toMatch(/Besproken dossiers: <5/);
    expect(text).toMatch(/Waarde: <5\s+Doel: >= 10/);
    for (const s of scenario.identifying) expect(text).not.toContain(s);
    expect(text).not.toMatch(/LIVC-\d{4}-/);
    // Bilingual: French on request; the chair reads it like the plan.
    const fr = await pdf('year=2025&lang=fr', bearer(tenant.tokens.chair));
    expect(fr).toContain("Rapport d'évaluation 2025");
    expect(fr).toContain('Phénomène: Polarisering en radicalisering');
    expect(fr).toContain('Activité de la cellule');
    await http().get(`/api/plans/${planId}/report.pdf?year=1999`).set(ev).expect(400);
    await http().get(`/api/plans/${planId}/report.pdf`).set(ev).expect(400);
    await http().get(`/api/plans/${planId}/report.pdf?year=2025&lang=de`).set(ev).expect(400);
  });

  it('reports a closed year with the frozen values, even when the data change afterwards', async () => {
    await http().post(`/api/plans/${planId}/snapshots`).set(ev).send({ year: 2025 }).expect(201);
    // A late dossier received in 2025: today's figure becomes 10, the reported one stays 9.
    await scenario.fixtures.dossier({ receivedOn: '2025-11-05', referringPartnerId: tenant.partners.Politie });
    const live = (await http().get(`/api/indicators?from=2025-01-01&to=2025-12-31`).set(ev).expect(200)).body;
    expect(live.find((i: { key: string }) => i.key === 'DOSSIERS_REGISTERED').numerator).toBe(10);
    const text = await pdf('year=2025');
    expect(text).toMatch(/Waarde: 9\s+Doel: >= 6/);
    expect(text).toContain('afgesloten jaar');
  });
});
