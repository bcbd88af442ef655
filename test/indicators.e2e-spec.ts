import { bearer, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { buildNeighbour, buildScenario } from './support/indicator-scenario';
import { endorsedBy, holdMeeting, retainedDossier } from './support/meetings';

/**
 * The indicator engine against hand-counted figures (scenario: test/support/indicator-scenario.ts). Every number below
 * is counted by hand from that file's comment; none is computed by the code under test.
 */
describe('indicators', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const get = (path: string, token = tenant.tokens.evaluator) => t.http().get(path).set(bearer(token));
  const all = async (from: string, to: string) => {
    const res = await get(`/api/indicators?from=${from}&to=${to}`).expect(200);
    return Object.fromEntries(res.body.map((i: { key: string }) => [i.key, i]));
  };
  const perPartner = (breakdown: { key: string; count: number }[]) =>
    Object.fromEntries(Object.entries(tenant.partners).map(([name, id]) => [name, breakdown.find((c) => c.key === id)?.count]));

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Indicators');
    await buildScenario(t, tenant);
    // Another tenant with a discussion, a meeting and a closure in 2025: none of it may count here.
    await buildNeighbour(t, await seedTenant(t, 'Neighbour'));
  });
  afterAll(() => t.close());

  describe('SHARED_AGREEMENTS (DESIGN.md §5)', () => {
    it('2025: D1, D2, D4, D8 discussed in held meetings; D1, D2, D8 with shared agreements → 3/4', async () => {
      // M1 (D1 shared, D2 not), M2 on 1 July Brussels (D2 shared, D4 no agreement), M6 on 31 Dec 23:30 Brussels (D8 shared).
      // Not counted: D3 postponed, D5 in a cancelled meeting, D6 in a meeting still in session, M5 (1 Jan 2026 Brussels).
      const res = await get('/api/indicators/shared-agreements?from=2025-01-01&to=2025-12-31').expect(200);
      expect(res.body).toEqual({ key: 'SHARED_AGREEMENTS', from: '2025-01-01', to: '2025-12-31', numerator: 3, denominator: 4, value: 0.75, target: 0.8, met: false });
    });

    it('2026: D1 (shared), D7 (B did not endorse), D3 (shared) → 2/3; the meeting at 2025-12-31T23:30Z is 1 January 2026', async () => {
      const res = await get('/api/indicators/shared-agreements?from=2026-01-01&to=2026-12-31').expect(200);
      expect(res.body).toMatchObject({ numerator: 2, denominator: 3, target: 0.8, met: false });
      expect(res.body.value).toBeCloseTo(2 / 3, 10);
    });

    it('draws the line at midnight Brussels time, in winter and in summer', async () => {
      // 1 January 2026 alone: M5 (23:30Z the day before) with D1 shared, D7 not.
      expect((await get('/api/indicators/shared-agreements?from=2026-01-01&to=2026-01-01').expect(200)).body).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
      // 31 December 2025 alone: M6 (22:30Z = 23:30 Brussels) with D8 shared; M5 is not on that day in Brussels.
      expect((await get('/api/indicators/shared-agreements?from=2025-12-31&to=2025-12-31').expect(200)).body).toMatchObject({ numerator: 1, denominator: 1, value: 1, met: true });
      // First half of 2025: M1 only; M2 at 2025-06-30T22:30Z is 1 July 00:30 in Brussels (summer time).
      expect((await get('/api/indicators/shared-agreements?from=2025-01-01&to=2025-06-30').expect(200)).body).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
      expect((await get('/api/indicators/shared-agreements?from=2025-07-01&to=2025-07-01').expect(200)).body).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    });

    it('counts a dossier discussed several times once', async () => {
      // 2025-2026: D1 (M1, M5), D2 (M1, M2), D3, D4, D7, D8 → 6 dossiers; shared: D1, D2, D3, D8 → 4.
      expect((await get('/api/indicators/shared-agreements?from=2025-01-01&to=2026-12-31').expect(200)).body).toMatchObject({ numerator: 4, denominator: 6 });
    });

    it('has no value (and no verdict) without discussions', async () => {
      const res = await get('/api/indicators/shared-agreements?from=2023-01-01&to=2023-12-31').expect(200);
      expect(res.body).toEqual({ key: 'SHARED_AGREEMENTS', from: '2023-01-01', to: '2023-12-31', numerator: 0, denominator: 0, value: null, target: 0.8, met: null });
    });
  });

  it('computes every indicator for 2025 as counted by hand', async () => {
    const i = await all('2025-01-01', '2025-12-31');
    expect(Object.keys(i)).toEqual([
      'SHARED_AGREEMENTS', 'MEETINGS_HELD', 'PARTICIPATIONS', 'DOSSIERS_REGISTERED', 'DOSSIERS_RETAINED', 'DOSSIERS_NOT_RETAINED',
      'DOSSIERS_CLOSED', 'MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION', 'AGREEMENTS_DONE_ON_TIME', 'PERSON_INFORMED',
    ]);
    expect(i.SHARED_AGREEMENTS).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 });
    // Held in 2025 (Brussels): M1, M2, M6.
    expect(i.MEETINGS_HELD).toMatchObject({ numerator: 3, denominator: null, value: 3, target: null, met: null });
    // M1 [B,C,P] + M2 [B,P,O] + M6 [B,C]: B 3, C 2, P 2, O 1, Parket 0, Onderwijs 0.
    expect(i.PARTICIPATIONS).toMatchObject({ numerator: 8, value: 8 });
    expect(perPartner(i.PARTICIPATIONS.breakdown)).toEqual({ Burgemeester: 3, Casemanagement: 2, Politie: 2, Parket: 0, OCMW: 1, Onderwijs: 0 });
    // Registered in 2025 (received in 2025, whenever they were entered): D1–D9. Retained: D1–D8. Not retained: D9.
    expect(i.DOSSIERS_REGISTERED).toMatchObject({ numerator: 9, value: 9 });
    expect(i.DOSSIERS_RETAINED).toMatchObject({ numerator: 8, value: 8 });
    expect(i.DOSSIERS_NOT_RETAINED).toMatchObject({ numerator: 1, value: 1 });
    // Closed in 2025: D4 (DOELEN_BEREIKT); D2's closure at 2025-12-31T23:30Z is 2026 in Brussels.
    expect(i.DOSSIERS_CLOSED).toMatchObject({ numerator: 1, value: 1 });
    expect(Object.fromEntries(i.DOSSIERS_CLOSED.breakdown.map((c: { key: string; count: number }) => [c.key, c.count]))).toEqual({
      DOELEN_BEREIKT: 1, VERHUISD: 0, OVERGEDRAGEN: 0, WEIGERING: 0, JUSTITIEEL_TRAJECT: 0, OVERLEDEN: 0, ANDERE: 0,
    });
    // First discussions in 2025: D8 11 days, D2 18, D4 30 (M2 is 1 July), D1 37 → median (18 + 30) / 2.
    expect(i.MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION).toMatchObject({ numerator: null, denominator: 4, value: 24 });
    // Due in 2025 from held meetings: A1 on time, A2 late, A3 not carried out (A8, A9: meetings not held).
    expect(i.AGREEMENTS_DONE_ON_TIME).toMatchObject({ numerator: 1, denominator: 3 });
    expect(i.AGREEMENTS_DONE_ON_TIME.value).toBeCloseTo(1 / 3, 10);
  });

  it('computes every indicator for 2026 as counted by hand', async () => {
    const i = await all('2026-01-01', '2026-12-31');
    expect(i.MEETINGS_HELD.numerator).toBe(2); // M5, M7
    expect(i.PARTICIPATIONS.numerator).toBe(6); // M5 [B,P] + M7 [B,C,P,O]
    expect(perPartner(i.PARTICIPATIONS.breakdown)).toEqual({ Burgemeester: 2, Casemanagement: 1, Politie: 2, Parket: 0, OCMW: 1, Onderwijs: 0 });
    expect(i.DOSSIERS_REGISTERED.numerator).toBe(0);
    expect(i.DOSSIERS_RETAINED.numerator).toBe(0);
    expect(i.DOSSIERS_CLOSED.numerator).toBe(1);
    expect(i.DOSSIERS_CLOSED.breakdown.find((c: { key: string }) => c.key === 'VERHUISD').count).toBe(1);
    // First discussions in 2026: D7 (1 Jan, received 1 Dec: 31 days), D3 (1 Feb 2026, received 1 May 2025: 276 days).
    expect(i.MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION).toMatchObject({ denominator: 2, value: 153.5 });
    // Due in 2026: A4 on time, A5 open (past due), A6 done on its due date, A7 still in progress (past due) → 2/4.
    expect(i.AGREEMENTS_DONE_ON_TIME).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
  });

  it('computes the older years (R1–R4) as counted by hand', async () => {
    const y2019 = await all('2019-01-01', '2019-12-31');
    expect(y2019.SHARED_AGREEMENTS).toMatchObject({ numerator: 1, denominator: 1, value: 1, met: true });
    expect(y2019.MEETINGS_HELD.numerator).toBe(1);
    expect(y2019.DOSSIERS_REGISTERED.numerator).toBe(3); // R1, R2, R4
    expect(y2019.DOSSIERS_RETAINED.numerator).toBe(2); // R1, R4
    expect(y2019.DOSSIERS_NOT_RETAINED.numerator).toBe(1); // R2
    expect(y2019.DOSSIERS_CLOSED.numerator).toBe(2); // R1 DOELEN_BEREIKT, R4 ANDERE (reopened in 2020)
    expect(y2019.MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION).toMatchObject({ denominator: 1, value: 26 });
    expect(y2019.AGREEMENTS_DONE_ON_TIME).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    const y2020 = await all('2020-01-01', '2020-12-31');
    expect(y2020.SHARED_AGREEMENTS).toMatchObject({ numerator: 0, denominator: 1, value: 0, met: false });
    expect(y2020.DOSSIERS_CLOSED.numerator).toBe(0);
    expect(y2020.MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION).toMatchObject({ denominator: 1, value: 31 });
    expect(y2020.AGREEMENTS_DONE_ON_TIME).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    const y2021 = await all('2021-01-01', '2021-12-31');
    expect(y2021.DOSSIERS_CLOSED.breakdown.find((c: { key: string }) => c.key === 'OVERGEDRAGEN').count).toBe(1);
  });

  it('lets evaluator, chair and casemanager read; member, admin and auditor get 403', async () => {
    for (const who of ['evaluator', 'chair', 'casemanager']) {
      await get('/api/indicators?from=2025-01-01&to=2025-12-31', tenant.tokens[who]).expect(200);
      await get('/api/indicators/shared-agreements?from=2025-01-01&to=2025-12-31', tenant.tokens[who]).expect(200);
    }
    for (const who of ['police', 'admin', 'auditor']) {
      const res = await get('/api/indicators?from=2025-01-01&to=2025-12-31', tenant.tokens[who]).expect(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      await get('/api/indicators/shared-agreements?from=2025-01-01&to=2025-12-31', tenant.tokens[who]).expect(403);
    }
    await t.http().get('/api/indicators?from=2025-01-01&to=2025-12-31').expect(401);
  });

  it('answers 400 (problem+json) to missing, malformed, impossible or reversed dates', async () => {
    const cases = [
      ['', 'from'], ['?from=2025-01-01', 'to'], ['?to=2025-01-01', 'from'], ['?from=2025-02-30&to=2025-03-01', 'from'],
      ['?from=2025-01-01&to=2025-13-01', 'to'], ['?from=01-01-2025&to=2025-12-31', 'from'], ['?from=2025-12-31&to=2025-01-01', 'to'],
      ['?from=2025-01-01&to=2025-12-31&from=2024-01-01', 'from'], ['?from=2025-01-01&to=2025-12-31T00:00:00Z', 'to'],
    ];
    for (const [query, field] of cases) {
      for (const path of ['/api/indicators', '/api/indicators/shared-agreements']) {
        const res = await get(`${path}${query}`);
        expect([res.status, query]).toEqual([400, query]);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    }
    await get('/api/indicators/unknown-indicator?from=2025-01-01&to=2025-12-31').expect(404);
  });

  it('counts a dossier as registered on the day its signal came in (receivedOn), not on the day it was entered', async () => {
    const other = await seedTenant(t, 'Registered');
    const registered = async (from: string, to: string) =>
      (await t.http().get(`/api/indicators/dossiers-registered?from=${from}&to=${to}`).set(bearer(other.tokens.evaluator)).expect(200)).body.numerator;
    // A signal of 31 December 2024, entered today.
    await t.http().post('/api/dossiers').set(bearer(other.tokens.casemanager)).send({
      phenomenon: 'POLARISERING', referringPartnerId: other.partners.Politie, receivedOn: '2024-12-31', summary: 'Laat ingevoerd', subject: { firstName: 'A', lastName: 'B' },
    }).expect(201);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
    expect(await registered('2024-12-01', '2024-12-31')).toBe(1);
    expect(await registered('2025-01-01', today)).toBe(0);
  });

  it('offers every indicator on its own route too', async () => {
    const res = await get('/api/indicators/median-days-signal-to-first-discussion?from=2025-01-01&to=2025-12-31').expect(200);
    expect(res.body).toMatchObject({ key: 'MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION', value: 24, denominator: 4 });
  });

  it('counts what the meetings API records as shared agreements (one rule: the discussions view)', async () => {
    // A meeting held through the public API, on a date no other data of this tenant uses (March 2027).
    const [a, b, c] = [await retainedDossier(t, tenant), await retainedDossier(t, tenant), await retainedDossier(t, tenant)];
    const agreement = [{ description: 'Opvolging', responsiblePartnerId: tenant.partners.Politie, dueOn: '2027-04-10' }];
    const { meeting } = await holdMeeting(t, tenant, {
      scheduledAt: '2027-03-10T14:00:00+01:00', dossierIds: [a.id, b.id, c.id], present: ['Burgemeester', 'Politie'],
      outcomes: {
        [a.id]: { outcome: 'DISCUSSED', agreements: agreement, endorsements: endorsedBy(tenant, ['Burgemeester', 'Politie']) },
        [b.id]: { outcome: 'DISCUSSED', agreements: agreement, endorsements: endorsedBy(tenant, ['Politie']) }, // the mayor did not endorse
        [c.id]: { outcome: 'POSTPONED' },
      },
    });
    const agenda = (meeting as unknown as { agenda: { dossierId: string; sharedAgreements: boolean }[] }).agenda;
    const shared = Object.fromEntries(agenda.map((i: { dossierId: string; sharedAgreements: boolean }) => [i.dossierId, i.sharedAgreements]));
    expect([shared[a.id], shared[b.id]]).toEqual([true, false]);
    const res = await get('/api/indicators/shared-agreements?from=2027-01-01&to=2027-12-31').expect(200);
    expect(res.body).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, met: false });
    expect((await all('2027-03-01', '2027-03-31')).PARTICIPATIONS.numerator).toBe(2);
  });
});
