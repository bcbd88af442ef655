import { inflateSync } from 'node:zlib';
import { TenantDb } from '@kernteam/persistence';
import { createDossier, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import {
  addToAgenda, as, endorsedBy, getDossier, getMeeting, holdMeeting, inDays, meetingEvent, planMeeting, recordOutcome, retainedDossier, setAttendance,
} from './support/meetings';

/** The text drawn in a PDF made by pdfkit (its content streams, hex strings in TJ arrays), for assertions. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      lines.push([...tj[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''));
    }
  }
  return lines.join('\n');
}

describe('meetings', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const ALL_PRESENT = ['Burgemeester', 'Casemanagement', 'Politie', 'Onderwijs', 'OCMW'];

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Meetings');
  });
  afterAll(() => t.close());

  describe('a full meeting from planning to approved minutes', () => {
    let m: { id: string };
    const d: Record<string, { id: string; reference: string }> = {};
    const items: Record<string, string> = {};

    it('is planned by the chair, who chairs it', async () => {
      const me = (await t.http().get('/api/me').set(as(tenant, 'chair')).expect(200)).body;
      m = await planMeeting(t, tenant, { scheduledAt: '2026-12-03T14:00:00+01:00', location: 'Stadhuis, zaal 2' });
      expect(m).toMatchObject({
        state: 'GEPLAND', version: 1, chairUserId: me.id, scheduledAt: '2026-12-03T13:00:00.000Z', location: 'Stadhuis, zaal 2',
        presentPartnerIds: [], agenda: [], allowedEvents: ['FINALIZE_AGENDA', 'CANCEL'],
      });
    });

    it('gets five retained dossiers on its agenda, each moving to GEAGENDEERD, the meeting version following the agenda', async () => {
      d.shared = await retainedDossier(t, tenant, ['Politie', 'Onderwijs']);
      d.reservation = await retainedDossier(t, tenant, ['Politie', 'OCMW']);
      d.missing = await retainedDossier(t, tenant, ['Politie']);
      d.noAgreement = await retainedDossier(t, tenant, ['Onderwijs']);
      d.postponed = await retainedDossier(t, tenant, ['Politie', 'OCMW']);
      for (const key of ['shared', 'reservation', 'missing', 'noAgreement', 'postponed']) {
        const res = await addToAgenda(t, tenant, m.id, d[key].id).expect(201);
        expect(Object.keys(res.body)).toEqual(['id']);
        items[key] = res.body.id;
        expect(await getDossier(t, tenant, d[key].id)).toMatchObject({ state: 'GEAGENDEERD' });
      }
      const now = await getMeeting(t, tenant, m.id);
      expect(now.version).toBe(6);
      expect(now.agenda.map((i: { dossierReference: string; position: number }) => [i.position, i.dossierReference])).toEqual(
        ['shared', 'reservation', 'missing', 'noAgreement', 'postponed'].map((k, i) => [i + 1, d[k].reference]),
      );
    });

    it('refuses FINALIZE_AGENDA on a version from before the last agenda change, then finalises', async () => {
      await t.http().post(`/api/meetings/${m.id}/transitions`).set(as(tenant, 'chair')).send({ event: 'FINALIZE_AGENDA', version: 5 }).expect(409);
      const res = await meetingEvent(t, tenant, m.id, 'FINALIZE_AGENDA').expect(200);
      expect(res.body).toMatchObject({ state: 'AGENDA_VASTGELEGD', allowedEvents: ['OPEN', 'CANCEL'] });
    });

    it('opens only once attendance is recorded', async () => {
      const refused = await meetingEvent(t, tenant, m.id, 'OPEN').expect(422);
      expect(refused.body.detail).toMatch(/attendance/i);
      const att = await setAttendance(t, tenant, m.id, ALL_PRESENT).expect(200);
      expect([...att.body.presentPartnerIds].sort()).toEqual(ALL_PRESENT.map((p) => tenant.partners[p]).sort());
      const res = await meetingEvent(t, tenant, m.id, 'OPEN').expect(200);
      expect(res.body).toMatchObject({ state: 'IN_ZITTING', allowedEvents: ['CLOSE'] });
    });

    it('records a discussion endorsed by every present partner: shared agreements, dossier in follow-up', async () => {
      const res = await recordOutcome(t, tenant, m.id, items.shared, {
        outcome: 'DISCUSSED', summary: 'Gezamenlijke aanpak afgesproken.',
        agreements: [
          { description: 'School volgt aanwezigheid op', responsiblePartnerId: tenant.partners.Onderwijs, dueOn: inDays(14) },
          { description: 'Wijkagent neemt contact op met ouders', responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(7) },
        ],
        endorsements: endorsedBy(tenant, ALL_PRESENT),
      }).expect(200);
      expect(res.body).toMatchObject({
        id: items.shared, dossierId: d.shared.id, dossierReference: d.shared.reference, outcome: 'DISCUSSED', summary: 'Gezamenlijke aanpak afgesproken.',
        sharedAgreements: true,
      });
      expect(res.body.agreements).toHaveLength(2);
      expect(res.body.agreements[0]).toMatchObject({ state: 'OPEN', version: 1, responsiblePartnerId: tenant.partners.Onderwijs, dueOn: inDays(14), overdue: false });
      expect(res.body.endorsements).toHaveLength(5);
      expect(await getDossier(t, tenant, d.shared.id)).toMatchObject({ state: 'IN_OPVOLGING' });
    });

    it('records a discussion with a reservation: no shared agreements', async () => {
      const endorsements = endorsedBy(tenant, ALL_PRESENT).map((e) =>
        e.partnerId === tenant.partners.OCMW ? { ...e, endorsed: false, note: 'OCMW kan de begeleiding niet opnemen' } : e);
      const res = await recordOutcome(t, tenant, m.id, items.reservation, {
        outcome: 'DISCUSSED', agreements: [{ description: 'OCMW start begeleiding', responsiblePartnerId: tenant.partners.OCMW, dueOn: inDays(30) }], endorsements,
      }).expect(200);
      expect(res.body).toMatchObject({ outcome: 'DISCUSSED', sharedAgreements: false });
      expect(res.body.endorsements).toContainEqual({ partnerId: tenant.partners.OCMW, endorsed: false, note: 'OCMW kan de begeleiding niet opnemen' });
    });

    it('records a discussion with a missing endorsement: no shared agreements', async () => {
      const res = await recordOutcome(t, tenant, m.id, items.missing, {
        outcome: 'DISCUSSED', agreements: [{ description: 'Politie volgt op', responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(10) }],
        endorsements: endorsedBy(tenant, ['Burgemeester', 'Casemanagement', 'Politie', 'OCMW']),
      }).expect(200);
      expect(res.body.sharedAgreements).toBe(false);
    });

    it('records a discussion without any agreement: no shared agreements, even if everyone endorsed', async () => {
      const res = await recordOutcome(t, tenant, m.id, items.noAgreement, { outcome: 'DISCUSSED', agreements: [], endorsements: endorsedBy(tenant, ALL_PRESENT) }).expect(200);
      expect(res.body).toMatchObject({ sharedAgreements: false, agreements: [] });
    });

    it('postpones an item: no shared agreements, the dossier stays on the agenda until the meeting closes', async () => {
      const res = await recordOutcome(t, tenant, m.id, items.postponed, { outcome: 'POSTPONED', summary: 'Tijdgebrek' }).expect(200);
      expect(res.body).toMatchObject({ outcome: 'POSTPONED', sharedAgreements: false, agreements: [], endorsements: [] });
      expect(await getDossier(t, tenant, d.postponed.id)).toMatchObject({ state: 'GEAGENDEERD' });
    });

    it('agrees with the discussions view of the database on every item', async () => {
      const rows: { agenda_item_id: string; shared_agreements: boolean }[] = await t.app.get(TenantDb).system((em) =>
        em.query(`SELECT agenda_item_id, shared_agreements FROM discussions WHERE meeting_id = $1`, [m.id]));
      const view = Object.fromEntries(rows.map((r) => [r.agenda_item_id, r.shared_agreements]));
      expect(view).toEqual({ [items.shared]: true, [items.reservation]: false, [items.missing]: false, [items.noAgreement]: false });
      const meeting = await getMeeting(t, tenant, m.id);
      expect(Object.fromEntries(meeting.agenda.map((i: { id: string; sharedAgreements: boolean }) => [i.id, i.sharedAgreements])))
        .toEqual({ ...view, [items.postponed]: false });
    });

    it('closes: the postponed dossier returns to WEERHOUDEN, the discussed ones stay in follow-up', async () => {
      const res = await meetingEvent(t, tenant, m.id, 'CLOSE').expect(200);
      expect(res.body).toMatchObject({ state: 'AFGEROND' });
      expect(await getDossier(t, tenant, d.postponed.id)).toMatchObject({ state: 'WEERHOUDEN' });
      for (const k of ['shared', 'reservation', 'missing', 'noAgreement']) expect(await getDossier(t, tenant, d[k].id)).toMatchObject({ state: 'IN_OPVOLGING' });
      const history = (await t.http().get(`/api/dossiers/${d.postponed.id}/history`).set(as(tenant, 'casemanager')).expect(200)).body;
      expect(history.slice(-2).map((h: { event: string; toState: string }) => `${h.event}→${h.toState}`)).toEqual(['PUT_ON_AGENDA→GEAGENDEERD', 'TAKE_OFF_AGENDA→WEERHOUDEN']);
    });

    it('has draft minutes with attendance, the confidentiality statement in both languages and every item', async () => {
      const res = await t.http().get(`/api/meetings/${m.id}/minutes`).set(as(tenant, 'chair')).expect(200);
      const minutes = res.body;
      expect(minutes).toMatchObject({ meetingId: m.id, state: 'AFGEROND', draft: true, date: '2026-12-03', location: 'Stadhuis, zaal 2', approval: null });
      expect(minutes.chair.name).toMatch(/^chair /);
      expect(minutes.presentPartners.map((p: { name: string }) => p.name).sort()).toEqual([...ALL_PRESENT].sort());
      expect(minutes.absentPartners).toEqual([]);
      expect(minutes.confidentiality.nl).toContain('458ter');
      expect(minutes.confidentiality.fr).toContain('458ter');
      expect(minutes.confidentiality.fr).toMatch(/secret professionnel partagé/);
      expect(minutes.items.map((i: { dossierReference: string; outcome: string; sharedAgreements: boolean }) => [i.dossierReference, i.outcome, i.sharedAgreements])).toEqual([
        [d.shared.reference, 'DISCUSSED', true], [d.reservation.reference, 'DISCUSSED', false], [d.missing.reference, 'DISCUSSED', false],
        [d.noAgreement.reference, 'DISCUSSED', false], [d.postponed.reference, 'POSTPONED', false],
      ]);
      expect(minutes.items[0].outcomeLabel).toEqual({ nl: 'Besproken', fr: 'Discuté' });
      expect(minutes.items[0].agreements.map((a: { responsiblePartnerName: string }) => a.responsiblePartnerName)).toEqual(['Onderwijs', 'Politie']);
    });

    it('is approved by the chair only; the approved minutes say so', async () => {
      const refused = await meetingEvent(t, tenant, m.id, 'APPROVE_MINUTES', 'casemanager').expect(403);
      expect(refused.body.detail).toMatch(/chair/);
      const before = await getMeeting(t, tenant, m.id, 'casemanager');
      expect(before.allowedEvents).toEqual([]);
      const chairView = await getMeeting(t, tenant, m.id, 'chair');
      expect(chairView.allowedEvents).toEqual(['APPROVE_MINUTES']);
      const res = await meetingEvent(t, tenant, m.id, 'APPROVE_MINUTES', 'chair').expect(200);
      const me = (await t.http().get('/api/me').set(as(tenant, 'chair')).expect(200)).body;
      expect(res.body).toMatchObject({ state: 'VERSLAG_GOEDGEKEURD', minutesApprovedBy: me.id, allowedEvents: [] });
      const minutes = (await t.http().get(`/api/meetings/${m.id}/minutes`).set(as(tenant, 'casemanager')).expect(200)).body;
      expect(minutes).toMatchObject({ draft: false, state: 'VERSLAG_GOEDGEKEURD', approval: { approvedBy: me.id } });
      await meetingEvent(t, tenant, m.id, 'CANCEL', 'chair').expect(409);
    });

    it('renders the minutes as a PDF holding the references, the outcomes and the confidentiality statement', async () => {
      const res = await t.http().get(`/api/meetings/${m.id}/minutes.pdf`).set(as(tenant, 'chair')).buffer(true)
        .parse((r, cb) => { const c: Buffer[] = []; r.on('data', (b: Buffer) => c.push(b)); r.on('end', () => cb(null, Buffer.concat(c))); }).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe('attachment; filename="verslag-2026-12-03.pdf"');
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf);
      expect(text).toContain('Verslag van het overleg van het kernteam (LIVC-R)');
      expect(text).toContain('Procès-verbal de la réunion de la CSIL-R');
      for (const k of ['shared', 'reservation', 'postponed']) expect(text).toContain(d[k].reference);
      expect(text).toContain('458ter');
      expect(text).toContain('Uitgesteld / Reporté');
      expect(text).toContain('School volgt aanwezigheid op');
      expect(text).not.toContain('ONTWERP');
    });

    it('audits the reads of the meeting and its minutes with ids and codes only', async () => {
      const rows: { action: string; details: Record<string, unknown> }[] = await t.app.get(TenantDb).system((em) =>
        em.query(`SELECT action, details FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [m.id]));
      const actions = rows.map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['meeting.create', 'meeting.read', 'meeting.minutes.read', 'meeting.outcome', 'meeting.transition']));
      const text = JSON.stringify(rows);
      for (const secret of ['Gezamenlijke aanpak', 'OCMW kan de begeleiding', 'Stadhuis', 'Testachternaam', d.shared.reference]) expect(text).not.toContain(secret);
      expect(rows.filter((r) => r.action === 'meeting.minutes.read').map((r) => r.details.format).sort()).toEqual(['json', 'json', 'pdf']);
    });
  });

  it('documents the meeting, agreement, feedback sheet and notification routes in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/meetings', '/api/meetings/{id}', '/api/meetings/{id}/agenda', '/api/meetings/{id}/agenda/{itemId}', '/api/meetings/{id}/attendance',
      '/api/meetings/{id}/agenda/{itemId}/outcome', '/api/meetings/{id}/transitions', '/api/meetings/{id}/minutes', '/api/meetings/{id}/minutes.pdf',
      '/api/agreements', '/api/agreements/{id}/transitions', '/api/dossiers/{id}/feedback-sheets', '/api/feedback-sheets/{id}',
      '/api/feedback-sheets/{id}/transitions', '/api/feedback-sheets/{id}/approvals', '/api/notifications', '/api/notifications/{id}/read',
    ]));
    expect(doc.components.schemas.OutcomeDto.properties.outcome.enum).toEqual(['DISCUSSED', 'POSTPONED']);
    expect(doc.components.schemas.MeetingTransitionDto.properties.event.enum).toEqual(['FINALIZE_AGENDA', 'OPEN', 'CLOSE', 'APPROVE_MINUTES', 'CANCEL']);
  });

  describe('agenda rules', () => {
    it('accepts only WEERHOUDEN or IN_OPVOLGING dossiers and says why otherwise', async () => {
      const m = await planMeeting(t, tenant);
      const fresh = await createDossier(t, tenant);
      const res = await addToAgenda(t, tenant, m.id, fresh.id).expect(409);
      expect(res.body.detail).toMatch(/WEERHOUDEN or IN_OPVOLGING.*AANGEMELD/);
      expect(await getDossier(t, tenant, fresh.id)).toMatchObject({ state: 'AANGEMELD', version: 1 });
      expect((await getMeeting(t, tenant, m.id)).agenda).toEqual([]);
    });

    it('takes a dossier at most once per meeting, and not while it is on another agenda', async () => {
      const d = await retainedDossier(t, tenant);
      const a = await planMeeting(t, tenant);
      const b = await planMeeting(t, tenant);
      await addToAgenda(t, tenant, a.id, d.id).expect(201);
      expect((await addToAgenda(t, tenant, a.id, d.id).expect(409)).body.detail).toMatch(/already on the agenda of this meeting/);
      expect((await addToAgenda(t, tenant, b.id, d.id).expect(409)).body.detail).toMatch(/another meeting/);
      expect((await getMeeting(t, tenant, a.id)).agenda).toHaveLength(1);
    });

    it('puts an IN_OPVOLGING dossier back on an agenda and returns it there when taken off', async () => {
      const d = await retainedDossier(t, tenant);
      await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie'], outcomes: {} });
      expect(await getDossier(t, tenant, d.id)).toMatchObject({ state: 'IN_OPVOLGING' });
      const m = await planMeeting(t, tenant);
      const item = (await addToAgenda(t, tenant, m.id, d.id).expect(201)).body.id;
      expect(await getDossier(t, tenant, d.id)).toMatchObject({ state: 'GEAGENDEERD' });
      const before = (await getMeeting(t, tenant, m.id)).version;
      await t.http().delete(`/api/meetings/${m.id}/agenda/${item}`).set(as(tenant, 'casemanager')).expect(204);
      expect(await getDossier(t, tenant, d.id)).toMatchObject({ state: 'IN_OPVOLGING' });
      const after = await getMeeting(t, tenant, m.id);
      expect(after.agenda).toEqual([]);
      expect(after.version).toBe(before + 1);
    });

    it('lets the agenda change after finalising but not once the session started', async () => {
      const [d1, d2, d3] = [await retainedDossier(t, tenant), await retainedDossier(t, tenant), await retainedDossier(t, tenant)];
      const m = await planMeeting(t, tenant);
      const item1 = (await addToAgenda(t, tenant, m.id, d1.id).expect(201)).body.id;
      await meetingEvent(t, tenant, m.id, 'FINALIZE_AGENDA').expect(200);
      await addToAgenda(t, tenant, m.id, d2.id).expect(201);
      await setAttendance(t, tenant, m.id, ['Politie']).expect(200);
      await meetingEvent(t, tenant, m.id, 'OPEN').expect(200);
      expect((await addToAgenda(t, tenant, m.id, d3.id).expect(409)).body.detail).toMatch(/IN_ZITTING/);
      await t.http().delete(`/api/meetings/${m.id}/agenda/${item1}`).set(as(tenant, 'casemanager')).expect(409);
      expect(await getDossier(t, tenant, d1.id)).toMatchObject({ state: 'GEAGENDEERD' });
      expect(await getDossier(t, tenant, d3.id)).toMatchObject({ state: 'WEERHOUDEN' });
    });

    it('answers 404 to unknown or malformed ids and 400 to bad bodies', async () => {
      const m = await planMeeting(t, tenant);
      const cm = as(tenant, 'casemanager');
      await addToAgenda(t, tenant, m.id, '6f1c1d0e-0000-4000-8000-000000000000').expect(404);
      await t.http().post(`/api/meetings/${m.id}/agenda`).set(cm).send({ dossierId: 'LIVC-2026-0001' }).expect(400);
      await t.http().post(`/api/meetings/${m.id}/agenda`).set(cm).send({}).expect(400);
      await t.http().post(`/api/meetings/not-a-uuid/agenda`).set(cm).send({ dossierId: '6f1c1d0e-0000-4000-8000-000000000000' }).expect(404);
      await t.http().delete(`/api/meetings/${m.id}/agenda/6f1c1d0e-0000-4000-8000-000000000000`).set(cm).expect(404);
      await t.http().get('/api/meetings/6f1c1d0e-0000-4000-8000-000000000000').set(cm).expect(404);
    });
  });

  describe('cancelling', () => {
    it('returns every agenda dossier to its previous state, from GEPLAND or AGENDA_VASTGELEGD', async () => {
      const retained = await retainedDossier(t, tenant);
      const followed = await retainedDossier(t, tenant);
      await holdMeeting(t, tenant, { dossierIds: [followed.id], present: ['Politie'], outcomes: {} });
      const m = await planMeeting(t, tenant);
      await addToAgenda(t, tenant, m.id, retained.id).expect(201);
      await addToAgenda(t, tenant, m.id, followed.id).expect(201);
      await meetingEvent(t, tenant, m.id, 'FINALIZE_AGENDA').expect(200);
      const res = await meetingEvent(t, tenant, m.id, 'CANCEL', 'casemanager').expect(200);
      expect(res.body).toMatchObject({ state: 'GEANNULEERD', allowedEvents: [] });
      expect(await getDossier(t, tenant, retained.id)).toMatchObject({ state: 'WEERHOUDEN' });
      expect(await getDossier(t, tenant, followed.id)).toMatchObject({ state: 'IN_OPVOLGING' });
      // Both may go on another meeting's agenda now.
      const next = await planMeeting(t, tenant);
      await addToAgenda(t, tenant, next.id, retained.id).expect(201);
      await addToAgenda(t, tenant, next.id, followed.id).expect(201);
    });

    it('is refused once the session has started', async () => {
      const d = await retainedDossier(t, tenant);
      const { meeting } = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie'] });
      await meetingEvent(t, tenant, meeting.id, 'CANCEL').expect(409);
      expect(await getDossier(t, tenant, d.id)).toMatchObject({ state: 'GEAGENDEERD' });
    });
  });

  describe('outcomes', () => {
    it('are recorded only while in session', async () => {
      const d = await retainedDossier(t, tenant);
      const m = await planMeeting(t, tenant);
      const item = (await addToAgenda(t, tenant, m.id, d.id).expect(201)).body.id;
      const res = await recordOutcome(t, tenant, m.id, item, { outcome: 'DISCUSSED' }).expect(409);
      expect(res.body.detail).toMatch(/IN_ZITTING/);
      expect(await getDossier(t, tenant, d.id)).toMatchObject({ state: 'GEAGENDEERD' });
    });

    it('take endorsements only from present partners, and a reservation only with a note (422, nothing changes)', async () => {
      const d = await retainedDossier(t, tenant);
      const { meeting, items } = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie', 'Casemanagement'] });
      const agreements = [{ description: 'x', responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(5) }];
      const absent = await recordOutcome(t, tenant, meeting.id, items[d.id], { outcome: 'DISCUSSED', agreements, endorsements: endorsedBy(tenant, ['Politie', 'OCMW']) }).expect(422);
      expect(absent.body.errors).toEqual([{ field: 'endorsements.1.partnerId', message: expect.stringMatching(/present/) }]);
      const noNote = await recordOutcome(t, tenant, meeting.id, items[d.id], {
        outcome: 'DISCUSSED', agreements, endorsements: [{ partnerId: tenant.partners.Politie, endorsed: false }],
      }).expect(422);
      expect(noNote.body.errors).toEqual([{ field: 'endorsements.0.note', message: expect.stringMatching(/note/) }]);
      await recordOutcome(t, tenant, meeting.id, items[d.id], { outcome: 'POSTPONED', agreements }).expect(422);
      const after = await getMeeting(t, tenant, meeting.id);
      expect(after.agenda[0]).toMatchObject({ outcome: null, agreements: [], endorsements: [] });
      expect(after.version).toBe(meeting.version);
      expect(await getDossier(t, tenant, d.id)).toMatchObject({ state: 'GEAGENDEERD' });
    });

    it('refuse bad input with 400 and a non-uuid item with 404', async () => {
      const d = await retainedDossier(t, tenant);
      const { meeting, items } = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie'] });
      const bad: Record<string, unknown>[] = [
        { outcome: 'BESPROKEN' },
        { outcome: 'DISCUSSED', agreements: [{ description: 'x', responsiblePartnerId: tenant.partners.Politie, dueOn: '2026-02-30' }] },
        { outcome: 'DISCUSSED', agreements: [{ description: '', responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(3) }] },
        { outcome: 'DISCUSSED', agreements: ['afspraak'] },
        { outcome: 'DISCUSSED', agreements: [{ description: 'x', responsiblePartnerId: 'politie', dueOn: inDays(3) }] },
        { outcome: 'DISCUSSED', agreements: [{ description: 'x', responsiblePartnerId: '6f1c1d0e-0000-4000-8000-000000000000', dueOn: inDays(3) }] },
        { outcome: 'DISCUSSED', endorsements: [{ partnerId: tenant.partners.Politie, endorsed: 'ja' }] },
        { outcome: 'DISCUSSED', summary: 'x'.repeat(20_001) },
        { outcome: 'DISCUSSED', secret: true },
      ];
      for (const body of bad) {
        const res = await recordOutcome(t, tenant, meeting.id, items[d.id], body);
        expect([res.status, body]).toEqual([400, body]);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      await recordOutcome(t, tenant, meeting.id, 'item-1', { outcome: 'DISCUSSED' }).expect(404);
      expect((await getMeeting(t, tenant, meeting.id)).agenda[0].outcome).toBeNull();
    });

    it('refuse an agreement due before the day of the meeting (400 on agreements.i.dueOn), and take one due that day', async () => {
      const d = await retainedDossier(t, tenant);
      const { meeting, items } = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie'], scheduledAt: '2026-12-03T00:30:00+01:00' });
      const agreement = (dueOn: string) => ({ description: 'x', responsiblePartnerId: tenant.partners.Politie, dueOn });
      // 2 December 23:30 UTC is 3 December in Brussels: due on the 2nd is before the meeting.
      const res = await recordOutcome(t, tenant, meeting.id, items[d.id], {
        outcome: 'DISCUSSED', agreements: [agreement('2026-12-10'), agreement('2026-12-02')], endorsements: endorsedBy(tenant, ['Politie']),
      }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'agreements.1.dueOn', message: expect.stringMatching(/2026-12-03/) }]);
      expect((await getMeeting(t, tenant, meeting.id)).agenda[0]).toMatchObject({ outcome: null, agreements: [] });
      expect(await getDossier(t, tenant, d.id)).toMatchObject({ state: 'GEAGENDEERD' });
      await recordOutcome(t, tenant, meeting.id, items[d.id], { outcome: 'DISCUSSED', agreements: [agreement('2026-12-03')], endorsements: endorsedBy(tenant, ['Politie']) }).expect(200);
    });

    it('can be re-recorded while in session: postponed → discussed, discussed → corrected; never discussed → postponed', async () => {
      const d = await retainedDossier(t, tenant);
      const { meeting, items } = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie', 'Onderwijs'] });
      const item = items[d.id];
      await recordOutcome(t, tenant, meeting.id, item, { outcome: 'POSTPONED' }).expect(200);
      expect(await getDossier(t, tenant, d.id)).toMatchObject({ state: 'GEAGENDEERD' });
      const first = await recordOutcome(t, tenant, meeting.id, item, {
        outcome: 'DISCUSSED', agreements: [{ description: 'eerste versie', responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(5) }],
        endorsements: endorsedBy(tenant, ['Politie']),
      }).expect(200);
      expect(first.body.sharedAgreements).toBe(false);
      expect(await getDossier(t, tenant, d.id)).toMatchObject({ state: 'IN_OPVOLGING' });
      const corrected = await recordOutcome(t, tenant, meeting.id, item, {
        outcome: 'DISCUSSED', agreements: [{ description: 'gecorrigeerd', responsiblePartnerId: tenant.partners.Onderwijs, dueOn: inDays(9) }],
        endorsements: endorsedBy(tenant, ['Politie', 'Onderwijs']),
      }).expect(200);
      expect(corrected.body).toMatchObject({ sharedAgreements: true, agreements: [{ description: 'gecorrigeerd' }] });
      expect(corrected.body.agreements).toHaveLength(1);
      const list = await t.http().get(`/api/agreements?dossierId=${d.id}`).set(as(tenant, 'casemanager')).expect(200);
      expect(list.body.items.map((a: { description: string }) => a.description)).toEqual(['gecorrigeerd']);
      const back = await recordOutcome(t, tenant, meeting.id, item, { outcome: 'POSTPONED' }).expect(409);
      expect(back.body.detail).toMatch(/discussed/);
      const history = (await t.http().get(`/api/dossiers/${d.id}/history`).set(as(tenant, 'casemanager')).expect(200)).body;
      expect(history.map((h: { event: string }) => h.event).filter((e: string) => e === 'DISCUSS')).toHaveLength(1);
      // Once the follow-up started, the outcome stays as it is.
      const agreement = corrected.body.agreements[0];
      await t.http().post(`/api/agreements/${agreement.id}/transitions`).set(as(tenant, 'school')).send({ event: 'START', version: 1 }).expect(200);
      await recordOutcome(t, tenant, meeting.id, item, { outcome: 'DISCUSSED', agreements: [] }).expect(409);
      expect((await getMeeting(t, tenant, meeting.id)).agenda[0].agreements).toHaveLength(1);
    });

    it('is not corrected once its dossier has moved on (closed during the session): no open agreements on a closed dossier', async () => {
      const d = await retainedDossier(t, tenant);
      const { meeting, items } = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie'] });
      await recordOutcome(t, tenant, meeting.id, items[d.id], { outcome: 'DISCUSSED' }).expect(200);
      const discussed = await getDossier(t, tenant, d.id);
      await t.http().post(`/api/dossiers/${d.id}/transitions`).set(as(tenant, 'casemanager'))
        .send({ event: 'CLOSE', version: discussed.version, reason: 'VERHUISD' }).expect(200);
      const late = await recordOutcome(t, tenant, meeting.id, items[d.id], {
        outcome: 'DISCUSSED', agreements: [{ description: 'te laat', responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(5) }],
      }).expect(422);
      expect(late.body.detail).toMatch(/AFGESLOTEN/);
      const list = await t.http().get(`/api/agreements?dossierId=${d.id}`).set(as(tenant, 'casemanager')).expect(200);
      expect(list.body.items).toEqual([]);
      expect(await getDossier(t, tenant, d.id)).toMatchObject({ state: 'AFGESLOTEN', version: discussed.version + 1 });
    });

    it('must all be recorded before the meeting closes', async () => {
      const [a, b] = [await retainedDossier(t, tenant), await retainedDossier(t, tenant)];
      const { meeting, items } = await holdMeeting(t, tenant, { dossierIds: [a.id, b.id], present: ['Politie'] });
      await recordOutcome(t, tenant, meeting.id, items[a.id], { outcome: 'DISCUSSED' }).expect(200);
      const res = await meetingEvent(t, tenant, meeting.id, 'CLOSE').expect(422);
      expect(res.body.detail).toMatch(/1 have none/);
      await recordOutcome(t, tenant, meeting.id, items[b.id], { outcome: 'POSTPONED' }).expect(200);
      await meetingEvent(t, tenant, meeting.id, 'CLOSE').expect(200);
    });

    it('keep attendance consistent: a partner who endorsed cannot be marked absent', async () => {
      const d = await retainedDossier(t, tenant);
      const { meeting, items } = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie', 'OCMW'] });
      await recordOutcome(t, tenant, meeting.id, items[d.id], { outcome: 'DISCUSSED', endorsements: endorsedBy(tenant, ['OCMW']) }).expect(200);
      await setAttendance(t, tenant, meeting.id, ['Politie']).expect(422);
      await setAttendance(t, tenant, meeting.id, ['Politie', 'OCMW', 'Onderwijs']).expect(200);
    });
  });

  describe('what partners heard (need-to-know follows the discussion)', () => {
    it('involves a partner made responsible for an agreement in the dossier, in the outcome\'s transaction', async () => {
      const d = await retainedDossier(t, tenant, ['Politie']);
      const before = await getDossier(t, tenant, d.id);
      const held = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie', 'OCMW'] });
      const agreements = [
        { description: 'Schoolbegeleiding', responsiblePartnerId: tenant.partners.Onderwijs, dueOn: inDays(14) },
        { description: 'Gesprek wijkagent', responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(7) },
      ];
      await t.http().get(`/api/dossiers/${d.id}`).set(as(tenant, 'school')).expect(404);
      await recordOutcome(t, tenant, held.meeting.id, held.items[d.id], { outcome: 'DISCUSSED', summary: 'Gedeelde aanpak', agreements }).expect(200);
      const after = await getDossier(t, tenant, d.id);
      expect(after.involvedPartnerIds.sort()).toEqual([tenant.partners.Politie, tenant.partners.Onderwijs].sort());
      expect(after).toMatchObject({ state: 'IN_OPVOLGING', version: before.version + 3 }); // PUT_ON_AGENDA, DISCUSS, INVOLVE_PARTNERS
      const history = (await t.http().get(`/api/dossiers/${d.id}/history`).set(as(tenant, 'casemanager')).expect(200)).body;
      expect(history.at(-1)).toMatchObject({ event: 'INVOLVE_PARTNERS', fromState: 'IN_OPVOLGING', toState: 'IN_OPVOLGING' });
      const audit = await t.app.get(TenantDb).system((em) => em.query(
        `SELECT details->>'event' AS event FROM audit_events WHERE entity_type = 'Dossier' AND entity_id = $1 AND action = 'dossier.transition' ORDER BY seq`, [d.id]));
      expect(audit.at(-1)).toEqual({ event: 'INVOLVE_PARTNERS' });
      // The school can now see the dossier it has work in.
      await t.http().get(`/api/dossiers/${d.id}`).set(as(tenant, 'school')).expect(200);
      // A correction that names the same partners involves no one new.
      await recordOutcome(t, tenant, held.meeting.id, held.items[d.id], { outcome: 'DISCUSSED', summary: 'Gedeelde aanpak', agreements }).expect(200);
      expect((await getDossier(t, tenant, d.id)).version).toBe(after.version);
    });

    it('shows a present partner every item it was present for (outcome, summary, agreements) without opening the dossier', async () => {
      const d = await retainedDossier(t, tenant, ['Politie']);
      const held = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie', 'OCMW'] });
      const agreements = [{ description: 'Huisbezoek', responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(7) }];
      await recordOutcome(t, tenant, held.meeting.id, held.items[d.id], {
        outcome: 'DISCUSSED', summary: 'Zorgen over isolement', agreements, endorsements: endorsedBy(tenant, ['Politie', 'OCMW']),
      }).expect(200);
      await t.http().get(`/api/dossiers/${d.id}`).set(as(tenant, 'ocmw')).expect(404);
      const seen = await getMeeting(t, tenant, held.meeting.id, 'ocmw');
      expect(seen.agenda).toEqual([expect.objectContaining({
        dossierId: d.id, dossierVisible: false, outcome: 'DISCUSSED', summary: 'Zorgen over isolement', sharedAgreements: true,
        agreements: [expect.objectContaining({ description: 'Huisbezoek', allowedEvents: [] })],
      })]);
      expect((await getMeeting(t, tenant, held.meeting.id, 'police')).agenda[0]).toMatchObject({ dossierVisible: true });
      const minutes = (await t.http().get(`/api/meetings/${held.meeting.id}/minutes`).set(as(tenant, 'ocmw')).expect(200)).body;
      expect(minutes.items).toEqual([expect.objectContaining({ summary: 'Zorgen over isolement', agreements: [expect.objectContaining({ description: 'Huisbezoek' })] })]);
      const pdf = await t.http().get(`/api/meetings/${held.meeting.id}/minutes.pdf`).set(as(tenant, 'ocmw')).buffer(true)
        .parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); })
        .expect(200);
      expect(pdfText(pdf.body)).toContain('Zorgen over isolement');
      // A partner that was not there (the school) hears nothing of it: it is not even expected at this meeting.
      await t.http().get(`/api/meetings/${held.meeting.id}`).set(as(tenant, 'school')).expect(404);
    });

    it('reviews earlier open agreements in the minutes only for those who may open the dossier', async () => {
      const d = await retainedDossier(t, tenant, ['Politie']);
      await holdMeeting(t, tenant, {
        dossierIds: [d.id], present: ['Politie'], scheduledAt: `${inDays(-7)}T14:00:00+01:00`,
        outcomes: { [d.id]: { outcome: 'DISCUSSED', agreements: [{ description: 'Eerdere afspraak', responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(7) }] } },
      });
      const held = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie', 'OCMW'] });
      await recordOutcome(t, tenant, held.meeting.id, held.items[d.id], { outcome: 'DISCUSSED', summary: 'Opvolging' }).expect(200);
      const minutesOf = async (who: 'casemanager' | 'ocmw') =>
        (await t.http().get(`/api/meetings/${held.meeting.id}/minutes`).set(as(tenant, who)).expect(200)).body;
      expect((await minutesOf('casemanager')).reviewedAgreements).toEqual([expect.objectContaining({ description: 'Eerdere afspraak' })]);
      // OCMW heard this meeting's item, not what was agreed about the dossier at a meeting it did not attend.
      const ocmw = await minutesOf('ocmw');
      expect(ocmw.items).toEqual([expect.objectContaining({ summary: 'Opvolging', dossierVisible: false })]);
      expect(ocmw.reviewedAgreements).toEqual([]);
    });
  });

  describe('planning', () => {
    it('validates the meeting: ISO instant with offset, sensible location, a chair of the tenant', async () => {
      const chair = as(tenant, 'chair');
      for (const body of [{}, { scheduledAt: '2026-12-03T14:00:00' }, { scheduledAt: '2026-02-30T14:00:00+01:00' }, { scheduledAt: 20261203 },
        { scheduledAt: '2026-12-03T14:00:00Z', location: 'x'.repeat(301) }, { scheduledAt: '2026-12-03T14:00:00Z', chairUserId: 'chair' },
        { scheduledAt: '2026-12-03T14:00:00Z', chairUserId: (await t.http().get('/api/me').set(as(tenant, 'casemanager'))).body.id },
        { scheduledAt: '2026-12-03T14:00:00Z', state: 'AFGEROND' }]) {
        const res = await t.http().post('/api/meetings').set(chair).send(body);
        expect([res.status, body]).toEqual([400, body]);
      }
    });

    it('lets the casemanager plan a meeting for a named chair, and reschedule it while GEPLAND', async () => {
      const chairId = (await t.http().get('/api/me').set(as(tenant, 'chair'))).body.id;
      const m = await planMeeting(t, tenant, { chairUserId: chairId }, 'casemanager');
      expect(m).toMatchObject({ chairUserId: chairId, allowedEvents: ['FINALIZE_AGENDA', 'CANCEL'] });
      const noChair = await planMeeting(t, tenant, {}, 'casemanager');
      expect(noChair.chairUserId).toBeNull();
      const res = await t.http().patch(`/api/meetings/${m.id}`).set(as(tenant, 'casemanager')).send({ version: 1, scheduledAt: '2026-12-10T09:30:00+01:00', location: null }).expect(200);
      expect(res.body).toMatchObject({ scheduledAt: '2026-12-10T08:30:00.000Z', location: null, version: 2 });
      await t.http().patch(`/api/meetings/${m.id}`).set(as(tenant, 'casemanager')).send({ version: 1, location: 'x' }).expect(409);
      await meetingEvent(t, tenant, m.id, 'FINALIZE_AGENDA').expect(200);
      await t.http().patch(`/api/meetings/${m.id}`).set(as(tenant, 'casemanager')).send({ version: 3, location: 'elders' }).expect(409);
    });

    it('lists meetings by Brussels calendar date, paged', async () => {
      // 23:30 UTC on 31 December is already 1 January in Brussels.
      const newYear = await planMeeting(t, tenant, { scheduledAt: '2027-12-31T23:30:00Z' });
      const oldYear = await planMeeting(t, tenant, { scheduledAt: '2027-12-31T22:30:00Z' });
      const list = async (q: string) => (await t.http().get(`/api/meetings?${q}`).set(as(tenant, 'chair')).expect(200)).body;
      const jan = await list('from=2028-01-01&to=2028-01-31');
      expect(jan.items.map((m: { id: string }) => m.id)).toEqual([newYear.id]);
      const dec = await list('from=2027-12-31&to=2027-12-31');
      expect(dec.items.map((m: { id: string }) => m.id)).toEqual([oldYear.id]);
      const all = await list('pageSize=2&page=1');
      expect(all).toMatchObject({ page: 1, pageSize: 2 });
      expect(all.items).toHaveLength(2);
      expect(all.total).toBeGreaterThan(2);
      expect(all.items[0]).not.toHaveProperty('agenda');
      await t.http().get('/api/meetings?from=2027-13-01').set(as(tenant, 'chair')).expect(400);
      await t.http().get('/api/meetings?from=2028-02-01&to=2028-01-01').set(as(tenant, 'chair')).expect(400);
      await t.http().get('/api/meetings?pageSize=500').set(as(tenant, 'chair')).expect(400);
      await t.http().get('/api/meetings?state=BEZIG').set(as(tenant, 'chair')).expect(400);
    });
  });

  describe('who sees and does what (DESIGN.md §6)', () => {
    let m: { id: string };
    let policeOnly: { id: string; reference: string };
    let schoolOnly: { id: string; reference: string };

    beforeAll(async () => {
      policeOnly = await retainedDossier(t, tenant, ['Politie']);
      schoolOnly = await retainedDossier(t, tenant, ['Onderwijs']);
      m = await planMeeting(t, tenant, { scheduledAt: '2026-12-17T14:00:00+01:00' });
      await addToAgenda(t, tenant, m.id, policeOnly.id).expect(201);
      await addToAgenda(t, tenant, m.id, schoolOnly.id).expect(201);
    });

    it('refuses meeting routes to admin, evaluator and auditor with 403', async () => {
      for (const who of ['admin', 'evaluator', 'auditor']) {
        await t.http().get('/api/meetings').set(as(tenant, who)).expect(403);
        await t.http().get(`/api/meetings/${m.id}`).set(as(tenant, who)).expect(403);
        await t.http().get(`/api/meetings/${m.id}/minutes`).set(as(tenant, who)).expect(403);
        await t.http().post('/api/meetings').set(as(tenant, who)).send({ scheduledAt: '2026-12-03T14:00:00Z' }).expect(403);
      }
    });

    it('shows a member the meetings their partner is expected at, with only the items of dossiers they may read', async () => {
      const police = await getMeeting(t, tenant, m.id, 'police');
      expect(police.agenda.map((i: { dossierReference: string }) => i.dossierReference)).toEqual([policeOnly.reference]);
      const school = await getMeeting(t, tenant, m.id, 'school');
      expect(school.agenda.map((i: { dossierReference: string }) => i.dossierReference)).toEqual([schoolOnly.reference]);
      await t.http().get(`/api/meetings/${m.id}`).set(as(tenant, 'ocmw')).expect(404);
      const list = (await t.http().get('/api/meetings?from=2026-12-17&to=2026-12-17').set(as(tenant, 'ocmw')).expect(200)).body;
      expect(list.items.map((x: { id: string }) => x.id)).not.toContain(m.id);
      const policeList = (await t.http().get('/api/meetings?from=2026-12-17&to=2026-12-17').set(as(tenant, 'police')).expect(200)).body;
      expect(policeList.items.map((x: { id: string }) => x.id)).toContain(m.id);
      const minutes = (await t.http().get(`/api/meetings/${m.id}/minutes`).set(as(tenant, 'school')).expect(200)).body;
      expect(minutes.items.map((i: { dossierReference: string }) => i.dossierReference)).toEqual([schoolOnly.reference]);
    });

    it('shows a meeting to a member whose partner was present, and lists exactly the visible ones', async () => {
      await meetingEvent(t, tenant, m.id, 'FINALIZE_AGENDA').expect(200);
      await setAttendance(t, tenant, m.id, ['Politie', 'OCMW']).expect(200);
      const ocmw = await getMeeting(t, tenant, m.id, 'ocmw');
      expect(ocmw.agenda).toEqual([]);
      const all = (await t.http().get('/api/meetings?pageSize=200').set(as(tenant, 'chair')).expect(200)).body;
      const mine = (await t.http().get('/api/meetings?pageSize=200').set(as(tenant, 'ocmw')).expect(200)).body;
      expect(mine.total).toBeLessThan(all.total);
      for (const x of mine.items) await t.http().get(`/api/meetings/${x.id}`).set(as(tenant, 'ocmw')).expect(200);
    });

    it('lets a member read but not change a meeting (403, audited)', async () => {
      const cm = await getMeeting(t, tenant, m.id);
      const police = as(tenant, 'police');
      await t.http().post(`/api/meetings/${m.id}/transitions`).set(police).send({ event: 'OPEN', version: cm.version }).expect(403);
      await t.http().post(`/api/meetings/${m.id}/agenda`).set(police).send({ dossierId: policeOnly.id }).expect(403);
      await t.http().put(`/api/meetings/${m.id}/attendance`).set(police).send({ presentPartnerIds: [] }).expect(403);
      await t.http().post('/api/meetings').set(police).send({ scheduledAt: '2026-12-03T14:00:00Z' }).expect(403);
      expect((await getMeeting(t, tenant, m.id)).version).toBe(cm.version);
      const [{ n }] = await t.app.get(TenantDb).system((em) =>
        em.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND outcome = 'DENIED'`, [m.id]));
      expect(n).toBeGreaterThanOrEqual(3);
    });

    it('hides a meeting from members whose partner is neither expected nor present', async () => {
      const empty = await planMeeting(t, tenant);
      await t.http().get(`/api/meetings/${empty.id}`).set(as(tenant, 'ocmw')).expect(404);
      await t.http().get(`/api/meetings/${empty.id}`).set(as(tenant, 'school')).expect(404);
      // The police is a standing partner by default (tenant settings): expected at every meeting.
      await t.http().get(`/api/meetings/${empty.id}`).set(as(tenant, 'police')).expect(200);
    });

    it('keeps tenants apart', async () => {
      const other = await seedTenant(t, 'Meetings other');
      await t.http().get(`/api/meetings/${m.id}`).set(as(other, 'chair')).expect(404);
      await t.http().post(`/api/meetings/${m.id}/agenda`).set(as(other, 'casemanager')).send({ dossierId: policeOnly.id }).expect(404);
      const list = (await t.http().get('/api/meetings?pageSize=200').set(as(other, 'chair')).expect(200)).body;
      expect(list.total).toBe(0);
      const theirs = await planMeeting(t, other);
      await addToAgenda(t, other, theirs.id, policeOnly.id, 'casemanager').expect(404);
    });
  });
});
