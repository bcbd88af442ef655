import { INestApplicationContext } from '@nestjs/common';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportsService } from '@kernteam/exports';
import { TenantDb } from '@kernteam/persistence';
import { createWorker } from '../apps/worker/src/worker.factory';
import { bearer, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { binary, pdfText, xlsxText } from './support/export-files';
import { eventually } from './support/eventually';
import { buildScenario, Scenario } from './support/indicator-scenario';

/**
 * Anonymised exports made by the worker (BullMQ on Redis), read back in each format: the figures of 2025 as counted by
 * hand (indicators.e2e-spec.ts), small counts suppressed, and nothing that identifies a person, a dossier or a user.
 */
describe('anonymised exports', () => {
  const exportDir = mkdtempSync(join(tmpdir(), 'kernteam-exports-'));
  let t: TestApp;
  let tenant: TestTenant;
  let scenario: Scenario;
  let worker: INestApplicationContext | undefined;
  let planId: string;
  let ev: { Authorization: string };
  let forbiddenStrings: string[];
  const http = () => t.http();

  const previousExportDir = process.env.EXPORT_DIR;
  beforeAll(async () => {
    process.env.EXPORT_DIR = exportDir;
    t = await startApp();
    tenant = await seedTenant(t, 'Exports');
    ev = bearer(tenant.tokens.evaluator);
    scenario = await buildScenario(t, tenant);
    const structure = {
      format: 'kernteam.svpp-plan', formatVersion: 1, title: 'SVPP Testgemeente 2025–2026', periodFrom: '2025-01-01', periodTo: '2026-12-31',
      phenomena: [{
        title: 'Radicalisering', strategicObjectives: [{
          title: 'Een geïntegreerde aanpak bevorderen', operationalObjectives: [{
            title: 'Kernteam radicalisering', expectedResults: [{
              title: 'Bij minstens 80% van de besproken dossiers gedeelde afspraken', indicators: [
                { title: 'Dossiers met gedeelde afspraken / besproken dossiers', definitionKey: 'SHARED_AGREEMENTS', operator: 'GTE', target: 0.8 },
                { title: 'Deelnames van de politie (≥ 3/jaar)', definitionKey: 'PARTICIPATIONS', partnerType: 'POLITIE', operator: 'GTE', target: 3 },
                { title: 'Deelnames aan sub-werkgroepen (≥ 5/jaar)', operator: 'GTE', target: 5 },
              ],
            }],
          }],
        }],
      }],
    };
    planId = (await http().post('/api/plans/import').set(ev).send(structure).expect(201)).body.id;
    const manual = (await http().get(`/api/plans/${planId}`).set(ev)).body.nodes[0].children[0].children[0].children[0].children[2];
    await http().put(`/api/plans/${planId}/nodes/${manual.id}/values/2025`).set(ev).send({ value: 6, evidenceNote: 'Verslag met naam VoornaamD1' }).expect(200);
    const users: { id: string; email: string }[] = await t.app.get(TenantDb).system((em) => em.query(`SELECT id, email FROM users WHERE tenant_id = $1`, [tenant.tenantId]));
    forbiddenStrings = [
      ...scenario.identifying, tenant.tenantId, ...Object.values(tenant.partners), ...users.flatMap((u) => [u.id, u.email]), 'VoornaamD1', 'Verslag met naam',
    ];
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
    if (previousExportDir === undefined) delete process.env.EXPORT_DIR;
    else process.env.EXPORT_DIR = previousExportDir;
    rmSync(exportDir, { recursive: true, force: true });
  });

  const request = (body: Record<string, unknown>, token = tenant.tokens.evaluator) => http().post('/api/exports').set(bearer(token)).send(body);
  const download = (id: string) => http().get(`/api/exports/${id}/file`).set(ev).buffer(true).parse(binary);
  const finished = (id: string) =>
    eventually(() => http().get(`/api/exports/${id}`).set(ev).then((r) => r.body), (b) => b.state === 'DONE' || b.state === 'FAILED', 30_000);
  const expectNothingIdentifying = (text: string) => {
    for (const s of forbiddenStrings) expect([s, text.includes(s)]).toEqual([s, false]);
  };

  it('queues an export (202) with its outbox row in the same transaction; the file is not ready before the worker made it', async () => {
    const res = await request({ from: '2025-01-01', to: '2025-12-31', format: 'json' }).expect(202);
    expect(res.body).toEqual({ id: expect.any(String), state: 'QUEUED' });
    const [row] = await t.app.get(TenantDb).system((em) =>
      em.query(`SELECT job_name, payload FROM outbox WHERE payload->>'exportId' = $1`, [res.body.id]),
    );
    expect(row).toEqual({ job_name: 'exports.generate', payload: { exportId: res.body.id } });
    const status = await http().get(`/api/exports/${res.body.id}`).set(ev).expect(200);
    expect(status.body).toMatchObject({ id: res.body.id, state: 'QUEUED', format: 'json', from: '2025-01-01', to: '2025-12-31', planId: null, finishedAt: null, fileAvailable: false });
    const early = await http().get(`/api/exports/${res.body.id}/file`).set(ev).expect(409);
    expect(early.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses bad requests with 400 and creates nothing', async () => {
    const count = () => t.app.get(TenantDb).system((em) => em.query(`SELECT count(*)::int AS n FROM exports WHERE tenant_id = $1`, [tenant.tenantId])).then((r) => r[0].n);
    const before = await count();
    const bad: [Record<string, unknown>, string][] = [
      [{ from: '2025-01-01', to: '2025-12-31', format: 'docx' }, 'format'],
      [{ from: '2025-01-01', to: '2025-12-31' }, 'format'],
      [{ from: '2025-12-31', to: '2025-01-01', format: 'json' }, 'to'],
      [{ from: '2025-02-30', to: '2025-12-31', format: 'json' }, 'from'],
      [{ from: '2025-01-15', to: '2025-12-31', format: 'json' }, 'from'], // not a whole month
      [{ from: '2025-01-01', to: '2025-12-30', format: 'json' }, 'from'],
      [{ from: '2025-01-01', to: '2025-12-31', format: 'json', planId: '00000000-0000-4000-8000-000000000000' }, 'planId'],
      [{ from: '2025-01-01', to: '2025-12-31', format: 'json', planId: 'nope' }, 'planId'],
      [{ from: '2025-01-01', to: '2025-12-31', format: 'json', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of bad) {
      const res = await request(body);
      expect([res.status, body]).toEqual([400, body]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('is the evaluator\'s: chair, casemanager, member, admin, auditor get 403; another tenant gets 404', async () => {
    const { body } = await request({ from: '2025-01-01', to: '2025-12-31', format: 'csv' }).expect(202);
    for (const who of ['chair', 'casemanager', 'police', 'admin', 'auditor']) {
      await request({ from: '2025-01-01', to: '2025-12-31', format: 'json' }, tenant.tokens[who]).expect(403);
      await http().get(`/api/exports/${body.id}`).set(bearer(tenant.tokens[who])).expect(403);
      await http().get(`/api/exports/${body.id}/file`).set(bearer(tenant.tokens[who])).expect(403);
    }
    const other = await seedTenant(t, 'Other exports');
    await http().get(`/api/exports/${body.id}`).set(bearer(other.tokens.evaluator)).expect(404);
    await http().get(`/api/exports/${body.id}/file`).set(bearer(other.tokens.evaluator)).expect(404);
    const list = await http().get('/api/exports?page=1&pageSize=5').set(ev).expect(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 5, total: expect.any(Number) });
    expect(list.body.items.length).toBeLessThanOrEqual(5);
  });

  describe('made by the worker', () => {
    beforeAll(async () => {
      worker = await createWorker();
    });

    const make = async (format: string, withPlan = true) => {
      const { body } = await request({ from: '2025-01-01', to: '2025-12-31', format, ...(withPlan ? { planId } : {}) }).expect(202);
      const status = await finished(body.id);
      expect(status).toMatchObject({ state: 'DONE', format, fileAvailable: true, fileName: `kernteam-indicatoren_2025-01_2025-12.${format}`, finishedAt: expect.any(String), expiresAt: expect.any(String) });
      const file = await download(body.id).expect(200);
      expect(file.headers['content-disposition']).toBe(`attachment; filename="kernteam-indicatoren_2025-01_2025-12.${format}"`);
      expect(Number(file.headers['content-length'])).toBe(status.size);
      return { id: body.id as string, status, file, bytes: file.body as Buffer };
    };

    it('JSON: exactly the API.md form, the hand-counted 2025 figures with small counts as "<5", and no identifying data', async () => {
      const { file, bytes } = await make('json', false);
      expect(file.headers['content-type']).toMatch(/^application\/json/);
      const doc = JSON.parse(bytes.toString('utf8'));
      expect(Object.keys(doc)).toEqual(['period', 'generatedAt', 'minCellSize', 'indicators']);
      expect(doc).toMatchObject({ period: { from: '2025-01-01', to: '2025-12-31' }, minCellSize: 5, generatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
      const i = Object.fromEntries(doc.indicators.map((x: { key: string }) => [x.key, x]));
      // 3/4 shared: both counts below 5, so the share (0.75 would say 3/4) and its verdict are withheld too.
      expect(i.SHARED_AGREEMENTS).toEqual({
        key: 'SHARED_AGREEMENTS', label: expect.stringContaining('gedeelde afspraken'), numerator: '<5', denominator: '<5', value: null, target: 0.8, met: null, suppressed: 'SMALL_COUNT',
      });
      expect(i.MEETINGS_HELD).toMatchObject({ numerator: '<5', value: '<5', denominator: null });
      // 8 participations: B 3, C 2, P 2, O 1 all "<5"; their sum 8 leaves each anywhere in 1 … 4, so nothing more is hidden.
      expect(i.PARTICIPATIONS).toMatchObject({ numerator: 8, value: 8 });
      expect(Object.fromEntries(i.PARTICIPATIONS.breakdown.map((c: { key: string; count: unknown }) => [c.key, c.count]))).toEqual({
        BURGEMEESTER: '<5', CASEMANAGEMENT: '<5', POLITIE: '<5', PARKET: 0, OCMW: '<5', ONDERWIJS: 0,
      });
      expect(i.DOSSIERS_REGISTERED).toMatchObject({ numerator: 9, value: 9 });
      expect(i.DOSSIERS_RETAINED).toMatchObject({ numerator: 8, value: 8 });
      expect(i.DOSSIERS_NOT_RETAINED).toMatchObject({ numerator: '<5', value: '<5' });
      expect(i.DOSSIERS_CLOSED).toMatchObject({ numerator: '<5' });
      expect(i.DOSSIERS_CLOSED.breakdown.find((c: { key: string }) => c.key === 'DOELEN_BEREIKT').count).toBe('<5');
      // A median over 4 dossiers is not published.
      expect(i.MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION).toMatchObject({ numerator: null, denominator: '<5', value: null, met: null, suppressed: 'SMALL_COUNT' });
      expect(i.AGREEMENTS_DONE_ON_TIME).toMatchObject({ numerator: '<5', denominator: '<5', value: null, met: null, suppressed: 'SMALL_COUNT' });
      expectNothingIdentifying(bytes.toString('utf8'));
    });

    it('JSON with the plan: its tree, each indicator as in the list, months only, no evidence note', async () => {
      const { bytes } = await make('json');
      const doc = JSON.parse(bytes.toString('utf8'));
      expect(doc.plan).toMatchObject({ title: 'SVPP Testgemeente 2025–2026', periodFrom: '2025-01', periodTo: '2026-12', source: 'LIVE' });
      const result = doc.plan.nodes[0].children[0].children[0].children[0];
      const [shared, police, manual] = result.children.map((n: { indicator: unknown }) => n.indicator);
      expect(shared).toMatchObject({ definitionKey: 'SHARED_AGREEMENTS', numerator: '<5', denominator: '<5', value: null, target: 0.8, met: null, suppressed: 'SMALL_COUNT' });
      // Police present at 2 held meetings: "<5"; against "≥ 3" the verdict (not met) would say 1 or 2, narrower than the mark: withheld.
      expect(police).toMatchObject({ definitionKey: 'PARTICIPATIONS', partnerType: 'POLITIE', value: '<5', target: 3, met: null });
      expect(manual).toMatchObject({ source: 'MANUAL', value: 6, target: 5, met: true });
      expectNothingIdentifying(bytes.toString('utf8'));
    });

    it('CSV: one row per indicator, per breakdown cell and per plan indicator, in nl-BE and fr-BE', async () => {
      const { file, bytes } = await make('csv');
      expect(file.headers['content-type']).toMatch(/^text\/csv/);
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      const rows = text.trim().split('\r\n').map((l) => l.split(','));
      expect(rows[0]).toEqual(['section', 'key', 'label_nl', 'label_fr', 'category', 'category_nl', 'category_fr', 'numerator', 'denominator', 'value', 'target', 'operator', 'met', 'period_from', 'period_to', 'suppressed']);
      const shared = rows.find((r) => r[0] === 'indicator' && r[1] === 'SHARED_AGREEMENTS')!;
      expect([shared[7], shared[8], shared[9], shared[10], shared[12], shared[15]]).toEqual(['<5', '<5', '', '0.8', '', 'SMALL_COUNT']);
      expect(rows.find((r) => r[0] === 'plan' && r[1] === 'SHARED_AGREEMENTS')!.slice(7, 16)).toEqual(['<5', '<5', '', '0.8', 'GTE', '', '2025-01-01', '2025-12-31', 'SMALL_COUNT']);
      expect(shared[3]).toMatch(/accords partagés/);
      expect(rows.filter((r) => r[0] === 'breakdown' && r[1] === 'PARTICIPATIONS').map((r) => [r[4], r[7]])).toEqual([
        ['BURGEMEESTER', '<5'], ['CASEMANAGEMENT', '<5'], ['POLITIE', '<5'], ['PARKET', '0'], ['OCMW', '<5'], ['ONDERWIJS', '0'],
      ]);
      expect(rows.filter((r) => r[0] === 'plan')).toHaveLength(3);
      expectNothingIdentifying(text);
    });

    it('XLSX (exceljs): sheets in both languages with the same figures, nothing finer than a month, nothing identifying', async () => {
      const { file, bytes } = await make('xlsx');
      expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const { sheets, cells } = await xlsxText(bytes);
      expect(sheets).toEqual(['Indicatoren - Indicateurs', 'Uitsplitsing - Ventilation', 'Plan', 'Toelichting - Explication']);
      const text = cells.join('\n');
      expect(cells).toEqual(expect.arrayContaining(['SHARED_AGREEMENTS', '<5', 'Indicateur', 'Lokale politie', 'Police locale']));
      expect(cells).toEqual(expect.arrayContaining(['niet getoond (kleine aantallen) / non affiché (petits nombres)']));
      expect(text).not.toMatch(/0[.,]75|75 %/);
      expect(text).toMatch(/Plan: SVPP Testgemeente 2025–2026 \(2025-01 – 2026-12\)/);
      expect(text).toMatch(/Een geïntegreerde aanpak bevorderen/);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expectNothingIdentifying(text);
    });

    it('PDF (pdfkit): the plan tree with value against target, readable text, nothing finer than a month, nothing identifying', async () => {
      const { file, bytes } = await make('pdf');
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(bytes);
      expect(text).toMatch(/SVPP-indicatoren/);
      expect(text).toMatch(/SVPP Testgemeente 2025–2026/);
      expect(text).toMatch(/Een geïntegreerde aanpak bevorderen/);
      expect(text).toMatch(/Deelnames van de politie \(>= 3\/jaar\)/);
      // 3/4 as a share would give the two small counts away: withheld, in the plan and in the list.
      expect(text).not.toMatch(/75 %/);
      expect(text).toMatch(/Waarde \/ Valeur: niet getoond \(kleine aantallen\) \/ non affiché \(petits nombres\)/);
      expect(text).toMatch(/SHARED_AGREEMENTS/);
      expect(text).toMatch(/Part des dossiers discutés en cellule/);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expectNothingIdentifying(text);
    });

    it('audits every request and download with codes and ids only', async () => {
      const { id } = await make('json', false);
      const rows: { action: string; actor_id: string; details: Record<string, unknown> }[] = await t.app.get(TenantDb).system((em) =>
        em.query(`SELECT action, actor_id, details FROM audit_events WHERE entity_type = 'Export' AND entity_id = $1 ORDER BY seq`, [id]),
      );
      expect(rows.map((r) => r.action)).toEqual(['export.request', 'export.generate', 'export.download']);
      expect(rows[0].details).toEqual({ format: 'json', from: '2025-01-01', to: '2025-12-31', planId: null });
      expect(rows[1].actor_id).toBeNull();
      expectNothingIdentifying(JSON.stringify(rows.map((r) => r.details)).replace(tenant.tenantId, ''));
    });

    it('removes files after EXPORT_TTL_DAYS (the record stays; the file is gone: 410)', async () => {
      const { id } = await make('csv', false);
      const path = join(exportDir, tenant.tenantId, `${id}.csv`);
      expect(existsSync(path)).toBe(true);
      await t.app.get(TenantDb).system((em) => em.query(`UPDATE exports SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]));
      expect(await worker!.get(ExportsService).purgeExpired()).toBeGreaterThanOrEqual(1);
      expect(existsSync(path)).toBe(false);
      const res = await http().get(`/api/exports/${id}/file`).set(ev).expect(410);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect((await http().get(`/api/exports/${id}`).set(ev).expect(200)).body).toMatchObject({ state: 'DONE', fileAvailable: false });
    });

    it('marks an export FAILED when its last attempt fails, and leaves a finished one alone', async () => {
      const plan = (await http().post('/api/plans').set(ev).send({ title: 'Weg', periodFrom: '2025-01-01', periodTo: '2025-12-31' }).expect(201)).body;
      await worker!.close(); // nobody picks the job up while the plan disappears
      worker = undefined;
      const { body } = await request({ from: '2025-01-01', to: '2025-12-31', format: 'json', planId: plan.id }).expect(202);
      await http().delete(`/api/plans/${plan.id}`).set(ev).expect(204);
      const exports = t.app.get(ExportsService);
      await expect(exports.generate(tenant.tenantId, body.id, true)).rejects.toThrow();
      expect((await http().get(`/api/exports/${body.id}`).set(ev).expect(200)).body).toMatchObject({ state: 'FAILED', errorCode: 'GENERATION_FAILED', fileAvailable: false });
      await exports.generate(tenant.tenantId, body.id, true); // already finished: nothing happens
      expect((await http().get(`/api/exports/${body.id}`).set(ev).expect(200)).body.state).toBe('FAILED');
    });
  });
});
