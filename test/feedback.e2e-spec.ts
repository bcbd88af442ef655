import { FeedbackApprovalRequestsService } from '@kernteam/feedback';
import { OutboxService } from '@kernteam/jobs';
import { DeliveriesService } from '@kernteam/notifications';
import { TenantDb } from '@kernteam/persistence';
import { seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { as, endorsedBy, holdMeeting, inDays, meetingEvent, recordOutcome, retainedDossier } from './support/meetings';

describe('feedback sheets (terugkoppelingsfiches) to the police', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let dossier: { id: string; reference: string };
  let itemId: string;
  let sheet: { id: string; version: number };
  const PRESENT = ['Burgemeester', 'Casemanagement', 'Politie', 'Onderwijs'];
  const CONTENT = 'Het kernteam volgt de situatie op; er is een gezamenlijke aanpak. Contactpersoon: casemanager.';

  const create = (body: Record<string, unknown>, who = 'casemanager', dossierId = dossier.id) =>
    t.http().post(`/api/dossiers/${dossierId}/feedback-sheets`).set(as(tenant, who)).send(body);
  const get = (who: string, id = sheet.id) => t.http().get(`/api/feedback-sheets/${id}`).set(as(tenant, who));
  const approve = (who: string, approved: boolean, note?: string, id = sheet.id) =>
    t.http().post(`/api/feedback-sheets/${id}/approvals`).set(as(tenant, who)).send({ approved, ...(note ? { note } : {}) });
  const submit = async (id: string) => {
    const { version } = (await get('casemanager', id).expect(200)).body;
    return t.http().post(`/api/feedback-sheets/${id}/transitions`).set(as(tenant, 'casemanager')).send({ event: 'SUBMIT', version });
  };
  const listFor = async (who: string) =>
    (await t.http().get(`/api/dossiers/${dossier.id}/feedback-sheets`).set(as(tenant, who)).expect(200)).body as { items: { id: string; state: string }[]; total: number };

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Feedback');
    dossier = await retainedDossier(t, tenant, ['Politie', 'Onderwijs', 'OCMW']);
    const held = await holdMeeting(t, tenant, {
      dossierIds: [dossier.id], present: PRESENT,
      outcomes: { [dossier.id]: { outcome: 'DISCUSSED', agreements: [{ description: 'x', responsiblePartnerId: tenant.partners.Onderwijs, dueOn: inDays(7) }], endorsements: endorsedBy(tenant, PRESENT) } },
    });
    itemId = held.items[dossier.id];
  });
  afterAll(() => t.close());

  it('is drafted only about a discussion on a closed meeting', async () => {
    const other = await retainedDossier(t, tenant, ['Politie']);
    const open = await holdMeeting(t, tenant, { dossierIds: [other.id], present: ['Politie', 'Onderwijs'] });
    await recordOutcome(t, tenant, open.meeting.id, open.items[other.id], { outcome: 'DISCUSSED' }).expect(200);
    const inSession = await create({ agendaItemId: open.items[other.id], content: CONTENT, noSecretsConfirmed: true }, 'casemanager', other.id).expect(422);
    expect(inSession.body.detail).toMatch(/closed/);
    await create({ agendaItemId: open.items[other.id], content: CONTENT, noSecretsConfirmed: true }).expect(422); // not an item of this dossier
    const postponed = await retainedDossier(t, tenant, ['Politie']);
    const p = await holdMeeting(t, tenant, { dossierIds: [postponed.id], present: ['Onderwijs'], outcomes: { [postponed.id]: { outcome: 'POSTPONED' } } });
    const notDiscussed = await create({ agendaItemId: p.items[postponed.id], content: CONTENT, noSecretsConfirmed: true }, 'casemanager', postponed.id).expect(422);
    expect(notDiscussed.body.detail).toMatch(/not discussed/);
    await meetingEvent(t, tenant, open.meeting.id, 'CLOSE').expect(200);
  });

  it('must be confirmed free of professional secrets shared in the meeting (422 otherwise)', async () => {
    for (const body of [{ agendaItemId: itemId, content: CONTENT, noSecretsConfirmed: false }, { agendaItemId: itemId, content: CONTENT }]) {
      const res = await create(body).expect(422);
      expect(res.body.errors).toEqual([{ field: 'noSecretsConfirmed', message: 'must be true' }]);
    }
    for (const body of [{ agendaItemId: itemId, content: '', noSecretsConfirmed: true }, { agendaItemId: 'x', content: CONTENT, noSecretsConfirmed: true },
      { agendaItemId: itemId, content: CONTENT, noSecretsConfirmed: 'ja' }, { agendaItemId: itemId, content: 'x'.repeat(20_001), noSecretsConfirmed: true }]) {
      const res = await create(body);
      expect([res.status, body]).toEqual([400, body]);
    }
    expect((await listFor('casemanager')).total).toBe(0);
  });

  it('is drafted by the casemanager only, and needs the approval of every partner present except the police', async () => {
    await create({ agendaItemId: itemId, content: CONTENT, noSecretsConfirmed: true }, 'school').expect(403);
    await create({ agendaItemId: itemId, content: CONTENT, noSecretsConfirmed: true }, 'chair').expect(403);
    const res = await create({ agendaItemId: itemId, content: CONTENT, noSecretsConfirmed: true }).expect(201);
    sheet = res.body;
    expect(res.body).toMatchObject({
      dossierId: dossier.id, agendaItemId: itemId, state: 'CONCEPT', version: 1, content: CONTENT, noSecretsConfirmed: true,
      pendingPartnerIds: [], approvals: [], allowedEvents: ['SUBMIT'],
    });
    expect([...res.body.approverPartnerIds].sort()).toEqual(['Burgemeester', 'Casemanagement', 'Onderwijs'].map((p) => tenant.partners[p]).sort());
    await create({ agendaItemId: itemId, content: CONTENT, noSecretsConfirmed: true }).expect(409); // one sheet in preparation per discussion
  });

  it('is not visible to the police, nor to other members, while it is a draft', async () => {
    await get('police').expect(404);
    await get('school').expect(404);
    await get('ocmw').expect(404);
    await get('chair').expect(200);
    expect((await listFor('police')).total).toBe(0);
    expect((await listFor('casemanager')).total).toBe(1);
  });

  it('is edited while in CONCEPT, each new content confirmed again', async () => {
    const patch = (body: Record<string, unknown>) => t.http().patch(`/api/feedback-sheets/${sheet.id}`).set(as(tenant, 'casemanager')).send(body);
    await patch({ version: 1, content: `${CONTENT} Aangepast.` }).expect(422);
    await patch({ version: 1, content: `${CONTENT} Aangepast.`, noSecretsConfirmed: false }).expect(422);
    const ok = await patch({ version: 1, content: `${CONTENT} Aangepast.`, noSecretsConfirmed: true }).expect(200);
    expect(ok.body).toMatchObject({ version: 2, content: `${CONTENT} Aangepast.` });
    await patch({ version: 1, content: 'te laat', noSecretsConfirmed: true }).expect(409);
    await t.http().patch(`/api/feedback-sheets/${sheet.id}`).set(as(tenant, 'school')).send({ version: 2, content: 'x', noSecretsConfirmed: true }).expect(404);
  });

  it('takes no approvals before it is submitted; SUBMIT needs the current version', async () => {
    await approve('chair', true).expect(409);
    await t.http().post(`/api/feedback-sheets/${sheet.id}/transitions`).set(as(tenant, 'casemanager')).send({ event: 'SUBMIT', version: 1 }).expect(409);
    await t.http().post(`/api/feedback-sheets/${sheet.id}/transitions`).set(as(tenant, 'casemanager')).send({ event: 'APPROVE', version: 2 }).expect(400);
    await t.http().post(`/api/feedback-sheets/${sheet.id}/transitions`).set(as(tenant, 'chair')).send({ event: 'SUBMIT', version: 2 }).expect(403);
    const res = await submit(sheet.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'TER_GOEDKEURING', allowedEvents: [] });
    expect([...res.body.pendingPartnerIds].sort()).toEqual(res.body.approverPartnerIds.sort());
  });

  it('is shown to the approvers, still not to the police or to partners that were absent', async () => {
    await get('school').expect(200);
    await get('police').expect(404);
    await get('ocmw').expect(404);
    await approve('police', true).expect(404);
    await approve('ocmw', true).expect(404);
  });

  it('becomes GOEDGEKEURD only when every approver approved (unanimity), one decision per partner', async () => {
    const first = await approve('school', true, 'Akkoord, geen schoolinformatie in de fiche').expect(201);
    expect(first.body).toMatchObject({ state: 'TER_GOEDKEURING' });
    expect([...first.body.pendingPartnerIds].sort()).toEqual([tenant.partners.Burgemeester, tenant.partners.Casemanagement].sort());
    await approve('school', true).expect(409);
    const second = await approve('chair', true).expect(201);
    expect(second.body).toMatchObject({ state: 'TER_GOEDKEURING', pendingPartnerIds: [tenant.partners.Casemanagement] });
    const last = await approve('casemanager', true).expect(201);
    expect(last.body).toMatchObject({ state: 'GOEDGEKEURD', pendingPartnerIds: [] });
    expect(last.body.approvals).toHaveLength(3);
    await approve('casemanager', true).expect(409);
  });

  it('is visible to the police once approved: the sheet, not the deliberation', async () => {
    const res = await get('police').expect(200);
    expect(res.body).toMatchObject({ state: 'GOEDGEKEURD', content: `${CONTENT} Aangepast.` });
    expect(res.body.approvals.every((a: Record<string, unknown>) => !('note' in a) && !('userId' in a))).toBe(true);
    expect((await listFor('police')).items.map((s) => s.id)).toEqual([sheet.id]);
    expect((await get('school').expect(200)).body.approvals).toContainEqual(expect.objectContaining({ note: 'Akkoord, geen schoolinformatie in de fiche' }));
    await get('ocmw').expect(200); // involved in the dossier: reads approved sheets too
    await get('evaluator').expect(403);
  });

  it('is AFGEWEZEN on a single rejection, and then stays hidden from the police', async () => {
    const second = (await create({ agendaItemId: itemId, content: 'Tweede fiche', noSecretsConfirmed: true }).expect(201)).body;
    await submit(second.id);
    await approve('chair', true, undefined, second.id).expect(201);
    const rejected = await approve('school', false, 'Bevat informatie van de school', second.id).expect(201);
    expect(rejected.body).toMatchObject({ state: 'AFGEWEZEN', pendingPartnerIds: [] });
    await approve('casemanager', true, undefined, second.id).expect(409);
    await get('police', second.id).expect(404);
    expect((await listFor('police')).items.map((s) => s.id)).toEqual([sheet.id]);
    const events = await t.app.get(TenantDb).system((em) =>
      em.query(`SELECT event, to_state FROM workflow_events WHERE entity_type = 'FeedbackSheet' AND entity_id = $1 ORDER BY seq`, [second.id]));
    expect(events.map((e: { event: string; to_state: string }) => `${e.event}→${e.to_state}`)).toEqual(['DRAFT→CONCEPT', 'SUBMIT→TER_GOEDKEURING', 'REJECT→AFGEWEZEN']);
  });

  it('is approved only on behalf of a partner that was present (403 for a visible sheet, 404 for an invisible one)', async () => {
    const d = await retainedDossier(t, tenant, ['Politie', 'Onderwijs']);
    const held = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Casemanagement', 'Onderwijs'], outcomes: {} });
    const s = (await create({ agendaItemId: held.items[d.id], content: 'Derde fiche', noSecretsConfirmed: true }, 'casemanager', d.id).expect(201)).body;
    expect([...s.approverPartnerIds].sort()).toEqual([tenant.partners.Casemanagement, tenant.partners.Onderwijs].sort());
    await submit(s.id);
    const res = await approve('chair', true, undefined, s.id).expect(403); // the chair sees it, Burgemeester was absent
    expect(res.body.detail).toMatch(/present/);
    const audited = await t.app.get(TenantDb).system((em) =>
      em.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND outcome = 'DENIED'`, [s.id]));
    expect(audited[0].n).toBe(1);
  });

  it('cannot be submitted when only the police took part: nobody could approve it', async () => {
    const d = await retainedDossier(t, tenant, ['Politie']);
    const held = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Politie'], outcomes: {} });
    const s = (await create({ agendaItemId: held.items[d.id], content: 'Vierde fiche', noSecretsConfirmed: true }, 'casemanager', d.id).expect(201)).body;
    const res = await submit(s.id);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/police/);
  });
});

describe('feedback sheets: what waits for a partner, approvers without the dossier, the police told of an approval', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let dossier: { id: string };
  let sheet: { id: string; version: number };
  // OCMW takes part in the discussion without being involved in the dossier: it approves without opening the dossier.
  const PRESENT = ['Casemanagement', 'Politie', 'Onderwijs', 'OCMW'];

  const get = (who: string) => t.http().get(`/api/feedback-sheets/${sheet.id}`).set(as(tenant, who));
  const approve = (who: string, approved: boolean, note?: string) =>
    t.http().post(`/api/feedback-sheets/${sheet.id}/approvals`).set(as(tenant, who)).send({ approved, ...(note ? { note } : {}) });
  const awaiting = async (who: string, value: 'true' | 'false' = 'true') =>
    ((await t.http().get(`/api/feedback-sheets?awaitingMyDecision=${value}`).set(as(tenant, who)).expect(200)).body.items as { id: string }[]).map((s) => s.id);
  const notifications = async (who: string) =>
    ((await t.http().get('/api/notifications').set(as(tenant, who)).expect(200)).body.items as { kind: string; entityId: string }[])
      .filter((n) => n.entityId === sheet.id).map((n) => n.kind);
  // The worker's handler, run in this process against the same database (the API app does not relay the outbox).
  const announce = () => new FeedbackApprovalRequestsService(t.app.get(TenantDb), t.app.get(DeliveriesService), t.app.get(OutboxService))
    .announceApproval({ tenantId: tenant.tenantId, sheetId: sheet.id });

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Feedback members');
    dossier = await retainedDossier(t, tenant, ['Politie', 'Onderwijs']);
    const held = await holdMeeting(t, tenant, {
      dossierIds: [dossier.id], present: PRESENT,
      outcomes: { [dossier.id]: { outcome: 'DISCUSSED', agreements: [{ description: 'x', responsiblePartnerId: tenant.partners.Onderwijs, dueOn: inDays(7) }], endorsements: endorsedBy(tenant, PRESENT) } },
    });
    sheet = (await t.http().post(`/api/dossiers/${dossier.id}/feedback-sheets`).set(as(tenant, 'casemanager'))
      .send({ agendaItemId: held.items[dossier.id], content: 'Gezamenlijke aanpak loopt.', noSecretsConfirmed: true }).expect(201)).body;
    await t.http().post(`/api/feedback-sheets/${sheet.id}/transitions`).set(as(tenant, 'casemanager')).send({ event: 'SUBMIT', version: sheet.version }).expect(200);
  });
  afterAll(() => t.close());

  it('lists, per member, the sheets awaiting their partner\'s decision (?awaitingMyDecision=true), filtered in the database', async () => {
    expect(await awaiting('school')).toEqual([sheet.id]);
    expect(await awaiting('ocmw')).toEqual([sheet.id]);
    expect(await awaiting('casemanager')).toEqual([sheet.id]);
    expect(await awaiting('police')).toEqual([]); // the addressee is never asked
    expect(await awaiting('chair')).toEqual([]); // Burgemeester was absent
    await t.http().get('/api/feedback-sheets?awaitingMyDecision=ja').set(as(tenant, 'school')).expect(400);
  });

  it('is read and decided by an approver whose partner may not open the dossier', async () => {
    await t.http().get(`/api/dossiers/${dossier.id}`).set(as(tenant, 'ocmw')).expect(404);
    expect((await get('ocmw').expect(200)).body).toMatchObject({ state: 'TER_GOEDKEURING' });
    await get('police').expect(404);
    await approve('school', true).expect(201);
    expect(await awaiting('school')).toEqual([]);
    expect(await awaiting('school', 'false')).toEqual([sheet.id]);
    expect(await awaiting('ocmw')).toEqual([sheet.id]);
    await approve('casemanager', true).expect(201);
    const last = await approve('ocmw', true).expect(201);
    expect(last.body).toMatchObject({ state: 'GOEDGEKEURD' });
    expect(await awaiting('ocmw')).toEqual([]);
  });

  it('tells the police partner\'s members in-app once it is approved, through the outbox written with the approval, once each', async () => {
    const rows = await t.app.get(TenantDb).system((em) =>
      em.query(`SELECT job_name FROM outbox WHERE payload->>'sheetId' = $1 ORDER BY id`, [sheet.id]));
    expect(rows.map((r: { job_name: string }) => r.job_name)).toEqual(['feedback.request-approval', 'feedback.approved']);
    expect(await notifications('police')).toEqual([]);
    expect(await announce()).toEqual({ notified: 1 });
    expect(await announce()).toEqual({ notified: 0 }); // a retried job notifies nobody twice
    expect(await notifications('police')).toEqual(['feedback.approved']);
    expect(await notifications('school')).toEqual([]);
    const police = (await t.http().get('/api/notifications').set(as(tenant, 'police')).expect(200)).body.items[0];
    expect(police).toMatchObject({ entityType: 'FeedbackSheet', message: { nl: expect.stringContaining('goedgekeurd'), fr: expect.stringContaining('approuvée') } });
    expect((await get('police').expect(200)).body).toMatchObject({ state: 'GOEDGEKEURD' });
    const approved = (await t.http().get('/api/feedback-sheets?state=GOEDGEKEURD').set(as(tenant, 'police')).expect(200)).body.items.map((s: { id: string }) => s.id);
    expect(approved).toEqual([sheet.id]);
  });
});
