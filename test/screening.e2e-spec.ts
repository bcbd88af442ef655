import { TenantDb } from '@kernteam/persistence';
import { bearer, createDossier, screen, seedTenant, startApp, TestApp, TestTenant, transition } from './support/app';

/** The screening form (issue 13, item 4): filled in during SCREENING, it drives RETAIN / REJECT and is part of the history. */
describe('screening', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const as = (who: string) => bearer(tenant.tokens[who]);
  const put = (id: string, body: object, who = 'casemanager') => t.http().put(`/api/dossiers/${id}/screening`).set(as(who)).send(body);
  const screening = (id: string, who = 'casemanager') => t.http().get(`/api/dossiers/${id}/screening`).set(as(who));
  const history = async (id: string) => (await t.http().get(`/api/dossiers/${id}/history`).set(as('casemanager')).expect(200)).body;
  /** A signal the police referred and is involved in, in SCREENING (version 2). */
  const inScreening = async () => {
    const d = await createDossier(t, tenant);
    await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 1).expect(200);
    return d;
  };

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Screening');
  });
  afterAll(() => t.close());

  it('saves the form with a history row per save, and refuses RETAIN until all four questions are answered', async () => {
    const d = await inScreening();
    expect((await screening(d.id).expect(200)).body).toEqual({
      dossierId: d.id, version: 0, answers: [], complete: false, editable: true, updatedBy: null, updatedAt: null,
    });
    const refused = await transition(t, tenant.tokens.casemanager, d.id, 'RETAIN', 2).expect(422);
    expect(refused.body.detail).toMatch(/screening/i);
    expect(refused.body.errors).toEqual([{ field: 'screening', message: 'unanswered: RADICALISATION_LINK, SECURITY_RISK, CARE_NEED, OTHER_SERVICE' }]);

    const first = await put(d.id, { version: 0, answers: [
      { question: 'CARE_NEED', answer: 'YES', note: '  Schooluitval  ' }, { question: 'RADICALISATION_LINK', answer: 'UNKNOWN' },
    ] }).expect(200);
    expect(first.body).toMatchObject({
      version: 1, complete: false,
      answers: [{ question: 'RADICALISATION_LINK', answer: 'UNKNOWN', note: null }, { question: 'CARE_NEED', answer: 'YES', note: 'Schooluitval' }],
    });
    expect((await transition(t, tenant.tokens.casemanager, d.id, 'REJECT', 2, 'Geen radicalisering').expect(422)).body.errors)
      .toEqual([{ field: 'screening', message: 'unanswered: SECURITY_RISK, OTHER_SERVICE' }]);

    const answers = [
      { question: 'RADICALISATION_LINK', answer: 'YES', note: 'Deelt propaganda' }, { question: 'SECURITY_RISK', answer: 'NO' },
      { question: 'CARE_NEED', answer: 'YES', note: 'Schooluitval' }, { question: 'OTHER_SERVICE', answer: 'NO' },
    ];
    expect((await put(d.id, { version: 1, answers }).expect(200)).body).toMatchObject({ version: 2, complete: true });
    // The dossier's own version did not move: saving the form is no reason for a concurrent transition to fail.
    const retained = await transition(t, tenant.tokens.casemanager, d.id, 'RETAIN', 2).expect(200);
    expect(retained.body).toMatchObject({ state: 'WEERHOUDEN', version: 3 });

    const h = await history(d.id);
    expect(h.map((e: { event: string }) => e.event)).toEqual(['REGISTER', 'START_SCREENING', 'SAVE_SCREENING', 'SAVE_SCREENING', 'RETAIN']);
    expect(h[2]).toMatchObject({ fromState: 'SCREENING', toState: 'SCREENING', screening: first.body.answers });
    expect(h[3].screening).toEqual(answers.map((a) => ({ note: null, ...a })));
    // RETAIN carries the summary it was decided on (codes only).
    expect(h[4].screening).toEqual(answers.map(({ question, answer }) => ({ question, answer, note: null })));
    expect(h[0].screening).toBeNull();

    // Read-only afterwards: 422 once the dossier left SCREENING.
    expect((await screening(d.id).expect(200)).body).toMatchObject({ version: 2, complete: true, editable: false });
    const late = await put(d.id, { version: 2, answers }).expect(422);
    expect(late.body.detail).toMatch(/SCREENING/);

    // The save was recorded like a step: audit and outbox rows with codes only.
    const rows = await t.app.get(TenantDb).system((em) => em.query(
      `SELECT (SELECT count(*)::int FROM audit_events WHERE entity_id = $1 AND action = 'dossier.save_screening') AS audits,
              (SELECT count(*)::int FROM outbox WHERE payload->>'entityId' = $1::text AND payload->>'event' = 'SAVE_SCREENING') AS outbox,
              (SELECT string_agg(payload::text, ' ') FROM outbox WHERE payload->>'entityId' = $1::text) AS payloads`, [d.id]));
    expect(rows[0]).toMatchObject({ audits: 2, outbox: 2 });
    expect(rows[0].payloads).not.toMatch(/propaganda|Schooluitval/);
  });

  it('REJECT goes with a complete screening, its summary in the history row', async () => {
    const d = await inScreening();
    await screen(t, tenant, d.id, [
      { question: 'RADICALISATION_LINK', answer: 'NO' }, { question: 'SECURITY_RISK', answer: 'NO' },
      { question: 'CARE_NEED', answer: 'YES' }, { question: 'OTHER_SERVICE', answer: 'YES', note: 'CAW' },
    ]);
    await transition(t, tenant.tokens.casemanager, d.id, 'REJECT', 2, 'Hulpvraag, geen radicalisering').expect(200);
    const h = await history(d.id);
    expect(h.at(-1)).toMatchObject({ event: 'REJECT', screening: [
      { question: 'RADICALISATION_LINK', answer: 'NO', note: null }, { question: 'SECURITY_RISK', answer: 'NO', note: null },
      { question: 'CARE_NEED', answer: 'YES', note: null }, { question: 'OTHER_SERVICE', answer: 'YES', note: null },
    ] });
  });

  it('answers 409 to a stale version and changes nothing', async () => {
    const d = await inScreening();
    await put(d.id, { version: 0, answers: [{ question: 'CARE_NEED', answer: 'NO' }] }).expect(200);
    const stale = await put(d.id, { version: 0, answers: [{ question: 'CARE_NEED', answer: 'YES' }] }).expect(409);
    expect(stale.body.type).toBe('urn:kernteam:problem:stale-version');
    expect((await screening(d.id).expect(200)).body).toMatchObject({ version: 1, answers: [{ question: 'CARE_NEED', answer: 'NO' }] });
    expect((await history(d.id)).filter((e: { event: string }) => e.event === 'SAVE_SCREENING')).toHaveLength(1);
  });

  it('refuses bad input with 400 and a form outside SCREENING with 422', async () => {
    const d = await inScreening();
    await put(d.id, { version: 0, answers: [{ question: 'CARE_NEED', answer: 'MISSCHIEN' }] }).expect(400);
    await put(d.id, { version: 0, answers: [{ question: 'HOROSCOPE', answer: 'YES' }] }).expect(400);
    await put(d.id, { version: 0, answers: [{ question: 'CARE_NEED', answer: 'YES', note: 'x'.repeat(501) }] }).expect(400);
    const twice = await put(d.id, { version: 0, answers: [{ question: 'CARE_NEED', answer: 'YES' }, { question: 'CARE_NEED', answer: 'NO' }] }).expect(400);
    expect(twice.body.errors).toEqual([{ field: 'answers.1.question', message: expect.stringContaining('more than once') }]);
    const fresh = await createDossier(t, tenant); // AANGEMELD
    await put(fresh.id, { version: 0, answers: [] }).expect(422);
    expect((await history(d.id)).map((e: { event: string }) => e.event)).toEqual(['REGISTER', 'START_SCREENING']);
  });

  it('lets members who see the dossier read the form but not write it; the evaluator gets 403', async () => {
    const d = await inScreening(); // the police referred it: its member sees it during screening; the OCMW does not
    await put(d.id, { version: 0, answers: [{ question: 'SECURITY_RISK', answer: 'UNKNOWN', note: 'Navragen bij de politie' }] }).expect(200);
    expect((await screening(d.id, 'police').expect(200)).body).toMatchObject({ editable: false, answers: [{ question: 'SECURITY_RISK', note: 'Navragen bij de politie' }] });
    expect((await screening(d.id, 'chair').expect(200)).body.editable).toBe(false);
    await put(d.id, { version: 1, answers: [] }, 'police').expect(403);
    await put(d.id, { version: 1, answers: [] }, 'chair').expect(403);
    await screening(d.id, 'ocmw').expect(404);
    await put(d.id, { version: 1, answers: [] }, 'ocmw').expect(404);
    for (const who of ['evaluator', 'admin']) {
      await screening(d.id, who).expect(403);
      await put(d.id, { version: 1, answers: [] }, who).expect(403);
    }
    expect((await screening(d.id).expect(200)).body.version).toBe(1);
  });
});
