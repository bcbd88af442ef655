import { addDays, brusselsDate } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { bearer, createDossier, screen, seedTenant, startApp, TestApp, TestTenant, transition } from './support/app';
import { addToAgenda, meetingEvent, planMeeting, recordOutcome, setAttendance } from './support/meetings';

describe('dossiers', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let cm: { Authorization: string };
  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Dossiers');
    cm = bearer(tenant.tokens.casemanager);
  });
  afterAll(() => t.close());

  /** A kernteam meeting discussing the dossier, through the meeting API: agenda, attendance, session, outcome, close. */
  async function discussInMeeting(id: string) {
    const m = await planMeeting(t, tenant);
    const item = (await addToAgenda(t, tenant, m.id, id).expect(201)).body.id;
    await meetingEvent(t, tenant, m.id, 'FINALIZE_AGENDA').expect(200);
    await setAttendance(t, tenant, m.id, ['Politie', 'Casemanagement']).expect(200);
    await meetingEvent(t, tenant, m.id, 'OPEN').expect(200);
    await recordOutcome(t, tenant, m.id, item, { outcome: 'DISCUSSED', summary: 'Besproken in het kernteam' }).expect(200);
    await meetingEvent(t, tenant, m.id, 'CLOSE').expect(200);
  }

  it('registers a dossier with a new reference, version 1, state AANGEMELD and the subject apart', async () => {
    const a = await createDossier(t, tenant);
    const b = await createDossier(t, tenant);
    expect(a).toMatchObject({
      state: 'AANGEMELD', version: 1, phenomenon: 'RADICALISERING', receivedOn: '2026-10-01', referringPartnerId: tenant.partners.Politie,
      involvedPartnerIds: [tenant.partners.Politie], subject: { firstName: 'Testvoornaam', lastName: 'Testachternaam', birthDate: '2008-03-14' },
      allowedEvents: ['START_SCREENING'],
    });
    expect(a.reference).toMatch(/^LIVC-\d{4}-\d{4}$/);
    expect(b.reference).not.toBe(a.reference);
    expect(Number(b.reference.slice(-4))).toBe(Number(a.reference.slice(-4)) + 1);
  });

  it('walks the whole lifecycle AANGEMELD → … → AFGESLOTEN → HEROPEND (SCREENING) with an ordered history', async () => {
    const d = await createDossier(t, tenant);
    let res = await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 1).expect(200);
    expect(res.body).toMatchObject({ state: 'SCREENING', version: 2, allowedEvents: ['RETAIN', 'REJECT'] });
    await screen(t, tenant, d.id); // its own version: the dossier stays at 2
    res = await transition(t, tenant.tokens.casemanager, d.id, 'RETAIN', 2).expect(200);
    expect(res.body).toMatchObject({ state: 'WEERHOUDEN', version: 3, allowedEvents: ['CLOSE'] });
    await discussInMeeting(d.id);
    res = await t.http().get(`/api/dossiers/${d.id}`).set(cm).expect(200);
    expect(res.body).toMatchObject({ state: 'IN_OPVOLGING', version: 5, allowedEvents: ['CLOSE'] });
    await transition(t, tenant.tokens.casemanager, d.id, 'CLOSE', 5, 'NIET_BESTAAND').expect(400);
    res = await transition(t, tenant.tokens.casemanager, d.id, 'CLOSE', 5, 'DOELEN_BEREIKT').expect(200);
    expect(res.body).toMatchObject({ state: 'AFGESLOTEN', version: 6, closureReason: 'DOELEN_BEREIKT', allowedEvents: ['REOPEN'] });
    const noReason = await transition(t, tenant.tokens.casemanager, d.id, 'REOPEN', 6).expect(400);
    expect(noReason.body.errors).toEqual([{ field: 'reason', message: expect.stringContaining('reason') }]);
    res = await transition(t, tenant.tokens.casemanager, d.id, 'REOPEN', 6, 'Nieuw signaal van de school').expect(200);
    expect(res.body).toMatchObject({ state: 'SCREENING', version: 7, closureReason: null });

    const history = await t.http().get(`/api/dossiers/${d.id}/history`).set(cm).expect(200);
    expect(history.body.map((h: { seq: number }) => h.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.body.map((h: { event: string; toState: string }) => `${h.event}→${h.toState}`)).toEqual([
      'REGISTER→AANGEMELD', 'START_SCREENING→SCREENING', 'SAVE_SCREENING→SCREENING', 'RETAIN→WEERHOUDEN', 'PUT_ON_AGENDA→GEAGENDEERD', 'DISCUSS→IN_OPVOLGING',
      'CLOSE→AFGESLOTEN', 'REOPEN→SCREENING',
    ]);
    expect(history.body[6]).toMatchObject({ fromState: 'IN_OPVOLGING', reason: 'DOELEN_BEREIKT', referredTo: null });
    expect(history.body[7]).toMatchObject({ reason: 'Nieuw signaal van de school' });
    const me = await t.http().get('/api/me').set(cm).expect(200);
    expect(history.body[1]).toMatchObject({ actorId: me.body.id, fromState: 'AANGEMELD', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
  });

  it('rejects with a reason only, into the final NIET_WEERHOUDEN', async () => {
    const d = await createDossier(t, tenant);
    await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 1).expect(200);
    await screen(t, tenant, d.id);
    const missing = await transition(t, tenant.tokens.casemanager, d.id, 'REJECT', 2).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'reason', message: expect.stringContaining('reason') }]);
    const res = await transition(t, tenant.tokens.casemanager, d.id, 'REJECT', 2, 'Geen radicaliseringsproces; doorverwezen naar CAW').expect(200);
    expect(res.body).toMatchObject({ state: 'NIET_WEERHOUDEN', allowedEvents: [] });
    await transition(t, tenant.tokens.casemanager, d.id, 'REOPEN', 3, 'Toch opnieuw bekijken').expect(409);
  });

  it('keeps where a rejected signal was referred to: a partner of the tenant or an outside service', async () => {
    const toPartner = await createDossier(t, tenant);
    await transition(t, tenant.tokens.casemanager, toPartner.id, 'START_SCREENING', 1).expect(200);
    await screen(t, tenant, toPartner.id);
    const send = (id: string, referredTo: unknown) => t.http().post(`/api/dossiers/${id}/transitions`).set(cm)
      .send({ event: 'REJECT', version: 2, reason: 'Geen radicalisering; hulpvraag', referredTo });
    const unknown = await send(toPartner.id, { partnerId: '6f1c1d0e-0000-4000-8000-000000000000' }).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'referredTo.partnerId' })]);
    const both = await send(toPartner.id, { partnerId: tenant.partners.OCMW, name: 'CAW' }).expect(400);
    expect(both.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/^referredTo/) })]));
    await send(toPartner.id, { name: 'x'.repeat(201) }).expect(400);
    await send(toPartner.id, { name: '  ' }).expect(400);
    await send(toPartner.id, {}).expect(400);
    await send(toPartner.id, { partnerId: tenant.partners.OCMW }).expect(200);

    const outside = await createDossier(t, tenant);
    await transition(t, tenant.tokens.casemanager, outside.id, 'START_SCREENING', 1).expect(200);
    await screen(t, tenant, outside.id);
    await send(outside.id, { name: 'CAW Oost-Vlaanderen' }).expect(200);

    const h1 = (await t.http().get(`/api/dossiers/${toPartner.id}/history`).set(cm).expect(200)).body;
    expect(h1.at(-1)).toMatchObject({ event: 'REJECT', reason: 'Geen radicalisering; hulpvraag', referredTo: { partnerId: tenant.partners.OCMW } });
    const h2 = (await t.http().get(`/api/dossiers/${outside.id}/history`).set(cm).expect(200)).body;
    expect(h2.at(-1)).toMatchObject({ event: 'REJECT', referredTo: { name: 'CAW Oost-Vlaanderen' } });
    expect(h2[0]).toMatchObject({ event: 'REGISTER', referredTo: null });
    // referredTo belongs to REJECT only.
    const other = await createDossier(t, tenant);
    await t.http().post(`/api/dossiers/${other.id}/transitions`).set(cm).send({ event: 'START_SCREENING', version: 1, referredTo: { name: 'CAW' } }).expect(400);
    // A reason (free text in the history) goes only with the events that take one.
    const noReason = await t.http().post(`/api/dossiers/${other.id}/transitions`).set(cm).send({ event: 'START_SCREENING', version: 1, reason: 'Naam van de buurman' }).expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await t.http().get(`/api/dossiers/${other.id}`).set(cm).expect(200)).body).toMatchObject({ state: 'AANGEMELD', version: 1 });
  });

  it('keeps the RETAIN reason, and closes a retained dossier before any meeting', async () => {
    const d = await createDossier(t, tenant);
    await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 1).expect(200);
    await screen(t, tenant, d.id);
    await transition(t, tenant.tokens.casemanager, d.id, 'RETAIN', 2, 'Zorgwekkende online contacten').expect(200);
    await transition(t, tenant.tokens.casemanager, d.id, 'CLOSE', 3).expect(400);
    const closed = await transition(t, tenant.tokens.casemanager, d.id, 'CLOSE', 3, 'VERHUISD').expect(200);
    expect(closed.body).toMatchObject({ state: 'AFGESLOTEN', closureReason: 'VERHUISD', allowedEvents: ['REOPEN'] });
    const history = (await t.http().get(`/api/dossiers/${d.id}/history`).set(cm).expect(200)).body;
    expect(history.map((h: { event: string; reason: string | null }) => [h.event, h.reason])).toEqual([
      ['REGISTER', null], ['START_SCREENING', null], ['SAVE_SCREENING', null], ['RETAIN', 'Zorgwekkende online contacten'], ['CLOSE', 'VERHUISD'],
    ]);
  });

  it('answers 409 to an event the state does not accept and changes nothing', async () => {
    const d = await createDossier(t, tenant);
    const res = await transition(t, tenant.tokens.casemanager, d.id, 'CLOSE', 1, 'ANDERE').expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, detail: expect.stringContaining('AANGEMELD') });
    const after = await t.http().get(`/api/dossiers/${d.id}`).set(cm).expect(200);
    expect(after.body).toMatchObject({ state: 'AANGEMELD', version: 1 });
    const history = await t.http().get(`/api/dossiers/${d.id}/history`).set(cm).expect(200);
    expect(history.body).toHaveLength(1);
  });

  it('lets exactly one of two concurrent transitions on the same version win; the other gets 409', async () => {
    const d = await createDossier(t, tenant);
    const results = await Promise.all([
      transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 1),
      transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 1),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const history = await t.http().get(`/api/dossiers/${d.id}/history`).set(cm).expect(200);
    expect(history.body.map((h: { event: string }) => h.event)).toEqual(['REGISTER', 'START_SCREENING']);
    const [{ n }] = await t.app.get(TenantDb).system((em) =>
      em.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'entityId' = $1`, [d.id]));
    expect(n).toBe(2); // registration + the one winning transition
  });

  it('refuses a stale version on PATCH and PUT partners with 409 and changes nothing', async () => {
    const d = await createDossier(t, tenant);
    const ok = await t.http().patch(`/api/dossiers/${d.id}`).set(cm).send({ version: 1, summary: 'Bijgewerkt', subject: { municipality: 'Lochristi' } }).expect(200);
    expect(ok.body).toMatchObject({ version: 2, summary: 'Bijgewerkt', subject: { municipality: 'Lochristi', firstName: 'Testvoornaam' } });
    await t.http().patch(`/api/dossiers/${d.id}`).set(cm).send({ version: 1, summary: 'Te laat' }).expect(409);
    await t.http().put(`/api/dossiers/${d.id}/partners`).set(cm).send({ version: 1, partnerIds: [tenant.partners.OCMW] }).expect(409);
    const res = await t.http().put(`/api/dossiers/${d.id}/partners`).set(cm).send({ version: 2, partnerIds: [tenant.partners.OCMW, tenant.partners.Politie, tenant.partners.OCMW] }).expect(200);
    expect(res.body.involvedPartnerIds.sort()).toEqual([tenant.partners.OCMW, tenant.partners.Politie].sort());
    const after = await t.http().get(`/api/dossiers/${d.id}`).set(cm).expect(200);
    expect(after.body).toMatchObject({ summary: 'Bijgewerkt', version: 3 });
  });

  describe('bad input gets a 4xx problem and changes nothing', () => {
    const valid = () => ({
      phenomenon: 'RADICALISERING', referringPartnerId: tenant.partners.Politie, receivedOn: '2026-10-01', summary: 'x',
      subject: { firstName: 'A', lastName: 'B' },
    });
    const cases: [string, () => unknown][] = [
      ['unknown phenomenon', () => ({ ...valid(), phenomenon: 'VOETBAL' })],
      ['impossible date', () => ({ ...valid(), receivedOn: '2026-02-30' })],
      ['date in another format', () => ({ ...valid(), receivedOn: '01/10/2026' })],
      ['number for a string', () => ({ ...valid(), summary: 42 })],
      ['huge summary', () => ({ ...valid(), summary: 'x'.repeat(50_000) })],
      ['missing subject', () => ({ ...valid(), subject: undefined })],
      ['subject as a string', () => ({ ...valid(), subject: 'Jan' })],
      ['unknown property', () => ({ ...valid(), admin: true })],
      ['referring partner not a uuid', () => ({ ...valid(), referringPartnerId: 'politie' })],
      ['referring partner of no tenant', () => ({ ...valid(), referringPartnerId: '6f1c1d0e-0000-4000-8000-000000000000' })],
      ['array body', () => [valid()]],
    ];
    it.each(cases)('%s → 400', async (_, body) => {
      const before = await t.http().get('/api/dossiers?pageSize=1').set(cm).expect(200);
      const res = await t.http().post('/api/dossiers').set(cm).send(body() as object);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 400, detail: expect.any(String) });
      const after = await t.http().get('/api/dossiers?pageSize=1').set(cm).expect(200);
      expect(after.body.total).toBe(before.body.total);
    });

    it('malformed JSON → 400 problem', async () => {
      const res = await t.http().post('/api/dossiers').set(cm).set('Content-Type', 'application/json').send('{"phenomenon": ');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);      expect(res.body).toMatchObject({ type: 'urn:kernteam:problem:malformed-json', detail: 'The body is not valid JSON.' });
      const echoed = await t.http().post('/api/dossiers').set(cm).set('Content-Type', 'application/json').send('Geheimenaam staat hier');
      expect(echoed.status).toBe(400);
      expect(JSON.stringify(echoed.body)).not.toContain('Geheimenaam');
    });

    it('a body over 1 MB → 413 problem', async () => {
      const res = await t.http().post('/api/dossiers').set(cm).send({ summary: 'x'.repeat(1_100_000) });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('validation errors name their fields', async () => {
      const res = await t.http().post('/api/dossiers').set(cm).send({ ...valid(), phenomenon: 'X', receivedOn: '2026-13-01', subject: { lastName: 'B' } }).expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['phenomenon', 'receivedOn', 'subject.firstName']));
    });

    it('dates that cannot be: a signal received after today (Brussels), a birth date not before it or before 1900 → 400 on that field', async () => {
      const today = brusselsDate();
      const fieldsOf = async (body: object) => {
        const res = await t.http().post('/api/dossiers').set(cm).send(body).expect(400);
        return res.body.errors.map((e: { field: string }) => e.field);
      };
      const before = (await t.http().get('/api/dossiers?pageSize=1').set(cm).expect(200)).body.total;
      expect(await fieldsOf({ ...valid(), receivedOn: addDays(today, 1) })).toEqual(['receivedOn']);
      expect(await fieldsOf({ ...valid(), subject: { firstName: 'A', lastName: 'B', birthDate: '2026-10-01' } })).toEqual(['subject.birthDate']);
      expect(await fieldsOf({ ...valid(), subject: { firstName: 'A', lastName: 'B', birthDate: '2027-01-01' } })).toEqual(['subject.birthDate']);
      expect(await fieldsOf({ ...valid(), subject: { firstName: 'A', lastName: 'B', birthDate: '1899-12-31' } })).toEqual(['subject.birthDate']);
      expect((await t.http().get('/api/dossiers?pageSize=1').set(cm).expect(200)).body.total).toBe(before);
      // Received today, born the day before: fine.
      const d = (await t.http().post('/api/dossiers').set(cm).send({ ...valid(), receivedOn: today, subject: { firstName: 'A', lastName: 'B', birthDate: addDays(today, -1) } }).expect(201)).body;
      // The same rule on a change of the identity, against the day the signal came in.
      const patch = await t.http().patch(`/api/dossiers/${d.id}`).set(cm).send({ version: 1, subject: { birthDate: today } }).expect(400);
      expect(patch.body.errors.map((e: { field: string }) => e.field)).toEqual(['subject.birthDate']);
      await t.http().patch(`/api/dossiers/${d.id}`).set(cm).send({ version: 1, subject: { birthDate: '1900-01-01' } }).expect(200);
    });

    it('a non-uuid id is 404, bad paging and filters are 400, a wrong event is 400', async () => {
      await t.http().get('/api/dossiers/not-a-uuid').set(cm).expect(404);
      await t.http().get('/api/dossiers?pageSize=201').set(cm).expect(400);
      await t.http().get('/api/dossiers?page=0').set(cm).expect(400);
      await t.http().get('/api/dossiers?state=OPEN').set(cm).expect(400);
      const d = await createDossier(t, tenant);
      await t.http().post(`/api/dossiers/${d.id}/transitions`).set(cm).send({ event: 'EXPLODE', version: 1 }).expect(400);
      await t.http().post(`/api/dossiers/${d.id}/transitions`).set(cm).send({ event: 'START_SCREENING', version: '1' }).expect(400);
      await t.http().post(`/api/dossiers/${d.id}/transitions`).set(cm).send({ event: 'START_SCREENING' }).expect(400);
    });
  });

  it('filters and pages the list', async () => {
    const d = await createDossier(t, tenant, { phenomenon: 'POLARISERING' });
    const res = await t.http().get('/api/dossiers?phenomenon=POLARISERING').set(cm).expect(200);
    expect(res.body.items.map((x: { id: string }) => x.id)).toContain(d.id);
    expect(res.body.items.every((x: { phenomenon: string }) => x.phenomenon === 'POLARISERING')).toBe(true);
    const byRef = await t.http().get(`/api/dossiers?q=${d.reference}`).set(cm).expect(200);
    expect(byRef.body.items.map((x: { id: string }) => x.id)).toEqual([d.id]);
    const page = await t.http().get('/api/dossiers?page=2&pageSize=2').set(cm).expect(200);
    expect(page.body).toMatchObject({ page: 2, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0]).not.toHaveProperty('subject');
  });

  describe('who sees what (DESIGN.md §6)', () => {
    it('keeps early dossiers from involved members unless their partner referred it', async () => {
      const d = await createDossier(t, tenant); // referred by Politie
      await t.http().put(`/api/dossiers/${d.id}/partners`).set(cm).send({ version: 1, partnerIds: [tenant.partners.Politie, tenant.partners.Onderwijs] }).expect(200);
      await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.police)).expect(200);
      await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.school)).expect(404);
      await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 2).expect(200);
      await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.school)).expect(404);
      await screen(t, tenant, d.id);
      await transition(t, tenant.tokens.casemanager, d.id, 'RETAIN', 3).expect(200);
      const seen = await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.school)).expect(200);
      expect(seen.body).toMatchObject({ subject: { lastName: 'Testachternaam' }, allowedEvents: [] });
      await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.ocmw)).expect(404); // not involved
      await transition(t, tenant.tokens.police, d.id, 'CLOSE', 4, 'ANDERE').expect(403);
      await t.http().patch(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.school)).send({ version: 4, summary: 'x' }).expect(403);
    });

    it('lets a member register a signal for their own partner only', async () => {
      const body = { phenomenon: 'EXTREMISME', receivedOn: '2026-11-01', summary: 'Signaal', subject: { firstName: 'A', lastName: 'B' } };
      const own = await t.http().post('/api/dossiers').set(bearer(tenant.tokens.school)).send({ ...body, referringPartnerId: tenant.partners.Onderwijs }).expect(201);
      expect(own.body).toMatchObject({ state: 'AANGEMELD', referringPartnerId: tenant.partners.Onderwijs, allowedEvents: [] });
      await t.http().post('/api/dossiers').set(bearer(tenant.tokens.school)).send({ ...body, referringPartnerId: tenant.partners.Politie }).expect(403);
      const list = await t.http().get('/api/dossiers').set(bearer(tenant.tokens.school)).expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(own.body.id);
    });

    it('counts only visible dossiers in a member list', async () => {
      const all = await t.http().get('/api/dossiers?pageSize=200').set(cm).expect(200);
      const police = await t.http().get('/api/dossiers?pageSize=200').set(bearer(tenant.tokens.police)).expect(200);
      const ocmw = await t.http().get('/api/dossiers?pageSize=200').set(bearer(tenant.tokens.ocmw)).expect(200);
      const policeId = tenant.partners.Politie;
      const expected = all.body.items.filter((d: { involvedPartnerIds: string[]; state: string; referringPartnerId: string }) =>
        d.involvedPartnerIds.includes(policeId) && (!['AANGEMELD', 'SCREENING'].includes(d.state) || d.referringPartnerId === policeId));
      expect(police.body.total).toBe(expected.length);
      expect(police.body.items.map((d: { id: string }) => d.id).sort()).toEqual(expected.map((d: { id: string }) => d.id).sort());
      expect(ocmw.body.total).toBeLessThan(all.body.total);
    });

    it('shows the chair every dossier with identities but no way to move it', async () => {
      const d = await createDossier(t, tenant);
      const res = await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.chair)).expect(200);
      expect(res.body).toMatchObject({ subject: { lastName: 'Testachternaam' }, allowedEvents: [] });
      await transition(t, tenant.tokens.chair, d.id, 'START_SCREENING', 1).expect(403);
    });

    it('refuses dossier routes to admin, evaluator and auditor with 403', async () => {
      const d = await createDossier(t, tenant);
      for (const who of ['admin', 'evaluator', 'auditor']) {
        await t.http().get('/api/dossiers').set(bearer(tenant.tokens[who])).expect(403);
        await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens[who])).expect(403);
        await t.http().post('/api/dossiers').set(bearer(tenant.tokens[who])).send({}).expect(403);
      }
    });

    it('shows RESTRICTED contributions to the author\'s partner and casemanagers only', async () => {
      const d = await createDossier(t, tenant);
      await t.http().put(`/api/dossiers/${d.id}/partners`).set(cm).send({ version: 1, partnerIds: [tenant.partners.Politie, tenant.partners.Onderwijs] }).expect(200);
      await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 2).expect(200);
      await screen(t, tenant, d.id);
      await transition(t, tenant.tokens.casemanager, d.id, 'RETAIN', 3).expect(200);
      await t.http().post(`/api/dossiers/${d.id}/contributions`).set(bearer(tenant.tokens.police)).send({ text: 'Politie: enkel voor casemanager', visibility: 'RESTRICTED' }).expect(201);
      await t.http().post(`/api/dossiers/${d.id}/contributions`).set(bearer(tenant.tokens.school)).send({ text: 'School: voor het kernteam', visibility: 'KERNTEAM' }).expect(201);
      await t.http().post(`/api/dossiers/${d.id}/contributions`).set(bearer(tenant.tokens.ocmw)).send({ text: 'niet betrokken', visibility: 'KERNTEAM' }).expect(404);
      await t.http().post(`/api/dossiers/${d.id}/contributions`).set(bearer(tenant.tokens.school)).send({ text: 'x', visibility: 'GEHEIM' }).expect(400);
      const texts = async (who: string) =>
        (await t.http().get(`/api/dossiers/${d.id}/contributions`).set(bearer(tenant.tokens[who])).expect(200)).body.items.map((c: { text: string }) => c.text).sort();
      expect(await texts('casemanager')).toEqual(['Politie: enkel voor casemanager', 'School: voor het kernteam']);
      expect(await texts('police')).toEqual(['Politie: enkel voor casemanager', 'School: voor het kernteam']);
      expect(await texts('school')).toEqual(['School: voor het kernteam']);
      expect(await texts('chair')).toEqual(['School: voor het kernteam']);
    });
  });

  it('keeps tenants apart: another tenant gets 404 on the record and does not see it in lists', async () => {
    const mine = await createDossier(t, tenant);
    const other = await seedTenant(t, 'Dossiers other');
    const theirs = bearer(other.tokens.casemanager);
    await t.http().get(`/api/dossiers/${mine.id}`).set(theirs).expect(404);
    await t.http().get(`/api/dossiers/${mine.id}/history`).set(theirs).expect(404);
    await transition(t, other.tokens.casemanager, mine.id, 'START_SCREENING', 1).expect(404);
    await t.http().patch(`/api/dossiers/${mine.id}`).set(theirs).send({ version: 1, summary: 'overgenomen' }).expect(404);
    const list = await t.http().get(`/api/dossiers?q=${mine.reference}`).set(theirs).expect(200);
    expect(list.body.items.every((d: { id: string }) => d.id !== mine.id)).toBe(true);
    // Their partner ids are not usable here either.
    await t.http().post('/api/dossiers').set(theirs).send({
      phenomenon: 'RADICALISERING', referringPartnerId: tenant.partners.Politie, receivedOn: '2026-10-01', summary: 'x', subject: { firstName: 'A', lastName: 'B' },
    }).expect(400);
    const unchanged = await t.http().get(`/api/dossiers/${mine.id}`).set(cm).expect(200);
    expect(unchanged.body).toMatchObject({ version: 1, state: 'AANGEMELD' });
  });
});
