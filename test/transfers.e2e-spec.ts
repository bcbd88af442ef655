import { OutboxService } from '@kernteam/jobs';
import { DeliveriesService } from '@kernteam/notifications';
import { TenantDb } from '@kernteam/persistence';
import { TransferNotificationsService } from '@kernteam/transfers';
import { bearer, createDossier, screen, seedTenant, startApp, TestApp, TestTenant, transition } from './support/app';

/**
 * A dossier handed over to another LIVC: the receiving LIVC gets a dossier of its own with only what the sender chose,
 * the sending one closes with OVERGEDRAGEN, and nothing else crosses (checked table by table as the receiving tenant's
 * app role, the role every request runs as).
 */
describe('transfers between LIVCs', () => {
  let t: TestApp;
  let a: TestTenant; // sends
  let b: TestTenant; // receives
  let c: TestTenant; // does not accept transfers
  let db: TenantDb;

  const SHARED = 'Casemanagement: begeleiding loopt, contact met de school is goed.';
  const RESTRICTED = 'GEHEIM-RESTRICTED: gegevens van het parket.';
  const POLICE = 'POLITIE-TEKST: informatie van de wijkagent.';

  const acceptTransfers = async (tenant: TestTenant) => {
    const s = await t.http().get('/api/settings').set(bearer(tenant.tokens.admin)).expect(200);
    await t.http().patch('/api/settings').set(bearer(tenant.tokens.admin)).send({ version: s.body.version, acceptsTransfers: true }).expect(200);
  };

  /** A retained dossier of `a` with one contribution of each kind; returns it and the contribution ids. */
  const retainedDossier = async (lastName = 'Verhuisd') => {
    const d = await createDossier(t, a, { subject: { firstName: 'Yasmina', lastName, birthDate: '2007-05-02', gender: 'V', municipality: 'Gent' } });
    await transition(t, a.tokens.casemanager, d.id, 'START_SCREENING', d.version).expect(200);
    await screen(t, a, d.id);
    const r = await transition(t, a.tokens.casemanager, d.id, 'RETAIN', d.version + 1).expect(200);
    const add = (token: string, visibility: string, text: string) =>
      t.http().post(`/api/dossiers/${d.id}/contributions`).set(bearer(token)).send({ visibility, text }).expect(201).then((x) => x.body.id as string);
    const shared = await add(a.tokens.casemanager, 'KERNTEAM', SHARED);
    const restricted = await add(a.tokens.casemanager, 'RESTRICTED', RESTRICTED);
    const police = await add(a.tokens.police, 'KERNTEAM', POLICE);
    return { dossier: r.body, shared, restricted, police };
  };

  const propose = (body: Record<string, unknown>, token = a.tokens.casemanager) =>
    t.http().post('/api/transfers').set(bearer(token)).send(body);

  /** Every table the app role may read, with the number of rows the tenant sees in it. */
  const visibleCounts = async (tenant: TestTenant): Promise<Record<string, number>> => {
    const tables: { table_name: string }[] = await db.system((em) => em.query(
      `SELECT table_name FROM information_schema.role_table_grants
        WHERE grantee = 'kernteam_app' AND privilege_type = 'SELECT' AND table_schema = 'public' GROUP BY table_name ORDER BY table_name`));
    const counts: Record<string, number> = {};
    for (const { table_name } of tables) {
      const [{ n }] = await db.tx(tenant, (em) => em.query(`SELECT count(*)::int AS n FROM ${table_name}`));
      counts[table_name] = n;
    }
    return counts;
  };

  /** All rows the tenant's app role sees, as one text (to look for things that must not be there). */
  const everythingVisible = async (tenant: TestTenant): Promise<string> => {
    const tables = Object.keys(await visibleCounts(tenant));
    const parts: string[] = [];
    for (const table of tables) parts.push(JSON.stringify(await db.tx(tenant, (em) => em.query(`SELECT * FROM ${table}`))));
    return parts.join('\n');
  };

  beforeAll(async () => {
    t = await startApp();
    db = t.app.get(TenantDb);
    a = await seedTenant(t, 'Verhuis A');
    b = await seedTenant(t, 'Verhuis B');
    c = await seedTenant(t, 'Verhuis C');
    await acceptTransfers(a);
    await acceptTransfers(b);
  });
  afterAll(() => t.close());

  it('lists as destinations only the other LIVCs that accept transfers, by name and id', async () => {
    const res = await t.http().get('/api/transfers/destinations').set(bearer(a.tokens.casemanager)).expect(200);
    const ids = res.body.map((x: { id: string }) => x.id);
    expect(ids).toContain(b.tenantId);
    expect(ids).not.toContain(a.tenantId);
    expect(ids).not.toContain(c.tenantId);
    for (const x of res.body) expect(Object.keys(x).sort()).toEqual(['id', 'name']);
    await t.http().get('/api/transfers/destinations').set(bearer(a.tokens.police)).expect(403);
  });

  it('passes on only KERNTEAM contributions of the own casemanagement, from a dossier that can close, to a LIVC that accepts', async () => {
    const { dossier, restricted, police, shared } = await retainedDossier('Weigeraar');
    const base = { dossierId: dossier.id, toTenantId: b.tenantId, summary: 'Verhuist naar de regio van LIVC B.' };
    expect((await propose({ ...base, contributionIds: [restricted] })).status).toBe(422);
    expect((await propose({ ...base, contributionIds: [police] })).status).toBe(422);
    expect((await propose({ ...base, toTenantId: c.tenantId, contributionIds: [shared] })).body.errors).toEqual([expect.objectContaining({ field: 'toTenantId' })]);
    expect((await propose({ ...base, toTenantId: a.tenantId, contributionIds: [] })).status).toBe(400);
    expect((await propose({ ...base, summary: undefined, contributionIds: [] })).status).toBe(400);
    expect((await propose({ ...base, contributionIds: [] }, a.tokens.police)).status).toBe(403);
    const early = await createDossier(t, a);
    expect((await propose({ ...base, dossierId: early.id, contributionIds: [] })).status).toBe(422);
    // A casemanager of another LIVC cannot transfer a's dossier: it does not exist for them.
    expect((await propose({ ...base, toTenantId: a.tenantId, contributionIds: [] }, b.tokens.casemanager)).status).toBe(404);
  });

  it('hands a dossier over: a new dossier in the receiving LIVC with only the chosen texts; the sender closes with OVERGEDRAGEN', async () => {
    const { dossier, shared } = await retainedDossier();
    const before = await visibleCounts(b);

    const proposed = await propose({ dossierId: dossier.id, toTenantId: b.tenantId, summary: 'Samenvatting voor LIVC B: gezin verhuist.', contributionIds: [shared] });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ state: 'VOORGESTELD', direction: 'outgoing', dossierId: dossier.id, allowedEvents: ['WITHDRAW'] });
    const id = proposed.body.id;
    // Another proposal for the same dossier waits until this one is decided.
    expect((await propose({ dossierId: dossier.id, toTenantId: b.tenantId, summary: 'nog eens', contributionIds: [] })).status).toBe(409);

    // The receiving casemanagers see the proposal, and only that.
    const incoming = await t.http().get('/api/transfers?direction=incoming&state=VOORGESTELD').set(bearer(b.tokens.casemanager)).expect(200);
    expect(incoming.body.items.map((x: { id: string }) => x.id)).toContain(id);
    const seen = await t.http().get(`/api/transfers/${id}`).set(bearer(b.tokens.casemanager)).expect(200);
    expect(seen.body).toMatchObject({
      state: 'VOORGESTELD', direction: 'incoming', from: { id: a.tenantId, name: a.name }, phenomenon: 'RADICALISERING',
      summary: 'Samenvatting voor LIVC B: gezin verhuist.', subject: { firstName: 'Yasmina', lastName: 'Verhuisd', birthDate: '2007-05-02' },
      contributions: [{ text: SHARED, writtenAt: expect.any(String) }], allowedEvents: ['ACCEPT', 'REFUSE'],
    });
    expect(seen.body.dossierId ?? null).toBeNull();
    const text = JSON.stringify(seen.body);
    for (const secret of [dossier.id, dossier.reference, RESTRICTED, POLICE, dossier.summary]) expect(text).not.toContain(secret);
    await t.http().get(`/api/transfers/${id}`).set(bearer(b.tokens.police)).expect(403);
    await t.http().get(`/api/transfers/${id}`).set(bearer(c.tokens.casemanager)).expect(404);

    // Each side may take only its own steps.
    expect((await t.http().post(`/api/transfers/${id}/transitions`).set(bearer(a.tokens.casemanager)).send({ event: 'ACCEPT', version: 1 })).status).toBe(403);
    expect((await t.http().post(`/api/transfers/${id}/transitions`).set(bearer(b.tokens.casemanager)).send({ event: 'WITHDRAW', version: 1 })).status).toBe(403);
    expect((await t.http().post(`/api/transfers/${id}/transitions`).set(bearer(b.tokens.casemanager)).send({ event: 'ACCEPT', version: 7 })).status).toBe(409);

    const accepted = await t.http().post(`/api/transfers/${id}/transitions`).set(bearer(b.tokens.casemanager)).send({ event: 'ACCEPT', version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'AANVAARD', direction: 'incoming', summary: null, subject: null, contributions: [], allowedEvents: [] });
    const newId = accepted.body.dossierId;
    expect(newId).toEqual(expect.any(String));

    // The new dossier: the receiving LIVC's own reference, the subject and the chosen text.
    const mine = await t.http().get(`/api/dossiers/${newId}`).set(bearer(b.tokens.casemanager)).expect(200);
    expect(mine.body).toMatchObject({ state: 'AANGEMELD', summary: 'Samenvatting voor LIVC B: gezin verhuist.', subject: { firstName: 'Yasmina', lastName: 'Verhuisd' } });
    expect(mine.body.reference).toMatch(/^LIVC-\d{4}-0001$/);
    const contributions = await t.http().get(`/api/dossiers/${newId}/contributions`).set(bearer(b.tokens.casemanager)).expect(200);
    expect(contributions.body.items).toHaveLength(1);
    expect(contributions.body.items[0].text).toContain(SHARED);

    // Table by table, as b's app role: only the new dossier, its subject, its event, its contribution, b's audit rows.
    const after = await visibleCounts(b);
    const grew = Object.fromEntries(Object.keys(after).filter((k) => after[k] !== before[k]).map((k) => [k, after[k] - before[k]]));
    expect(grew).toEqual(expect.objectContaining({ dossiers: 1, subjects: 1, workflow_events: 1, contributions: 1, audit_events: expect.any(Number) }));
    expect(Object.keys(grew).sort()).toEqual(expect.arrayContaining(['audit_events', 'contributions', 'dossiers', 'subjects', 'workflow_events']));
    for (const k of Object.keys(grew)) expect(['audit_events', 'audit_chain_heads', 'contributions', 'dossiers', 'dossier_counts', 'dossier_reference_counters', 'subjects', 'workflow_events']).toContain(k);
    const all = await everythingVisible(b);
    for (const secret of [dossier.id, RESTRICTED, POLICE, 'Signaal van de wijkagent over online contacten.']) expect(all).not.toContain(secret);
    // The transfer record itself is out of the app role's reach altogether.
    await expect(db.tx(b, (em) => em.query(`SELECT count(*) FROM transfers`))).rejects.toThrow(/permission denied/);
    await expect(db.tx(b, (em) => em.query(`SELECT count(*) FROM transfer_events`))).rejects.toThrow(/permission denied/);

    // The sender's dossier is closed as handed over, naming the transfer; the sender sees the outcome.
    const closed = await t.http().get(`/api/dossiers/${dossier.id}`).set(bearer(a.tokens.casemanager)).expect(200);
    expect(closed.body).toMatchObject({ state: 'AFGESLOTEN', closureReason: 'OVERGEDRAGEN' });
    const [close] = await db.tx(a, (em) => em.query(
      `SELECT details FROM workflow_events WHERE entity_type = 'Dossier' AND entity_id = $1 AND event = 'CLOSE'`, [dossier.id]));
    expect(close.details).toEqual({ transferId: id });
    const outcome = await t.http().get(`/api/transfers/${id}`).set(bearer(a.tokens.casemanager)).expect(200);
    expect(outcome.body).toMatchObject({ state: 'AANVAARD', direction: 'outgoing', dossierId: dossier.id });
    expect(outcome.body.history.map((e: { event: string; by: string }) => `${e.event}/${e.by}`)).toEqual(['PROPOSE/SENDER', 'ACCEPT/RECEIVER']);
    expect(JSON.stringify(outcome.body)).not.toContain(newId);

    // Both audit trails record each step.
    const actions = async (tenant: TestTenant) => (await db.tx(tenant, (em) => em.query(
      `SELECT action FROM audit_events WHERE entity_type = 'Transfer' AND entity_id = $1 ORDER BY seq`, [id]))).map((r: { action: string }) => r.action);
    expect(await actions(a)).toEqual(expect.arrayContaining(['transfer.propose', 'transfer.accepted']));
    expect(await actions(b)).toEqual(expect.arrayContaining(['transfer.received', 'transfer.read', 'transfer.accept']));
    // Each step reaches both LIVCs' jobs, with ids and codes only.
    const jobs = await db.system((em) => em.query(
      `SELECT tenant_id, payload->>'event' AS event FROM outbox WHERE job_name = 'workflow.transitioned' AND payload->>'entityId' = $1 ORDER BY id`, [id]));
    expect(jobs).toEqual(expect.arrayContaining([
      { tenant_id: a.tenantId, event: 'PROPOSE' }, { tenant_id: b.tenantId, event: 'PROPOSE' },
      { tenant_id: a.tenantId, event: 'ACCEPT' }, { tenant_id: b.tenantId, event: 'ACCEPT' },
    ]));
  });

  it('refuses with a reason: nothing is created, the sender sees why and its dossier stays open', async () => {
    const { dossier } = await retainedDossier('Geweigerd');
    const before = await visibleCounts(b);
    const { body } = await propose({ dossierId: dossier.id, toTenantId: b.tenantId, summary: 'Verhuis.', contributionIds: [] }).expect(201);
    const send = (body2: Record<string, unknown>) => t.http().post(`/api/transfers/${body.id}/transitions`).set(bearer(b.tokens.casemanager)).send(body2);
    expect((await send({ event: 'REFUSE', version: 1 })).status).toBe(400);
    expect((await send({ event: 'REFUSE', version: 1, reason: '   ' })).status).toBe(400);
    expect((await send({ event: 'REFUSE', version: 1, reason: 'Woont niet in ons werkingsgebied.' })).body).toMatchObject({ state: 'GEWEIGERD' });
    const seen = await t.http().get(`/api/transfers/${body.id}`).set(bearer(a.tokens.casemanager)).expect(200);
    expect(seen.body).toMatchObject({ state: 'GEWEIGERD', reason: 'Woont niet in ons werkingsgebied.', subject: null, summary: null });
    expect((await t.http().get(`/api/dossiers/${dossier.id}`).set(bearer(a.tokens.casemanager))).body.state).toBe('WEERHOUDEN');
    const after = await visibleCounts(b);
    for (const k of ['dossiers', 'subjects', 'contributions', 'workflow_events']) expect({ k, n: after[k] }).toEqual({ k, n: before[k] });
    expect((await send({ event: 'ACCEPT', version: 2 })).status).toBe(409);
  });

  it('withdraws by the sender: the receiver can no longer accept, and the dossier may be proposed again', async () => {
    const { dossier } = await retainedDossier('Ingetrokken');
    const { body } = await propose({ dossierId: dossier.id, toTenantId: b.tenantId, summary: 'Verhuis.', contributionIds: [] }).expect(201);
    const w = await t.http().post(`/api/transfers/${body.id}/transitions`).set(bearer(a.tokens.casemanager)).send({ event: 'WITHDRAW', version: 1 });
    expect(w.body).toMatchObject({ state: 'INGETROKKEN', allowedEvents: [] });
    const acc = await t.http().post(`/api/transfers/${body.id}/transitions`).set(bearer(b.tokens.casemanager)).send({ event: 'ACCEPT', version: 2 });
    expect(acc.status).toBe(409);
    const outgoing = await t.http().get(`/api/transfers?direction=outgoing&dossierId=${dossier.id}`).set(bearer(a.tokens.casemanager)).expect(200);
    expect(outgoing.body.items).toEqual([expect.objectContaining({ id: body.id, state: 'INGETROKKEN' })]);
    const [bAudit] = await db.tx(b, (em) => em.query(`SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'transfer.withdrawn'`, [body.id]));
    expect(bAudit).toBeDefined();
    await propose({ dossierId: dossier.id, toTenantId: b.tenantId, summary: 'Toch verhuis.', contributionIds: [] }).expect(201);
  });

  describe('tells each side of a step, once', () => {
    /** The worker's handler, run in this process over the transfer's outbox rows as the relay hands them over. */
    const runJobs = async (transferId: string) => {
      const notices = new TransferNotificationsService(db, t.app.get(DeliveriesService), t.app.get(OutboxService));
      const rows: { id: string; tenant_id: string; payload: Record<string, unknown> }[] = await db.system((em) => em.query(
        `SELECT id, tenant_id, payload FROM outbox WHERE job_name = 'workflow.transitioned' AND payload->>'entityId' = $1 ORDER BY id`, [transferId]));
      for (const r of rows) await notices.onStep({ ...r.payload, tenantId: r.tenant_id, outboxId: Number(r.id) });
    };
    const told = async (token: string, transferId: string) =>
      ((await t.http().get('/api/notifications').set(bearer(token)).expect(200)).body.items as { kind: string; entityType: string; entityId: string; message: { nl: string; fr: string } }[])
        .filter((n) => n.entityId === transferId);

    it('a proposal to the receiving casemanagers; the decision back to the one who proposed it', async () => {
      const { dossier } = await retainedDossier('Gemeld');
      const { body } = await propose({ dossierId: dossier.id, toTenantId: b.tenantId, summary: 'Verhuis naar B.', contributionIds: [] }).expect(201);
      await runJobs(body.id);
      await runJobs(body.id); // a job run again tells nobody twice
      const [received] = await told(b.tokens.casemanager, body.id);
      expect(await told(b.tokens.casemanager, body.id)).toHaveLength(1);
      expect(received).toMatchObject({ kind: 'transfer.proposed', entityType: 'Transfer' });
      expect(received.message.nl).toMatch(/^Een ander LIVC stelt voor een dossier aan uw LIVC over te dragen/);
      expect(received.message.fr).toMatch(/^Une autre CSIL propose de transférer un dossier/);
      // The proposal itself says nothing about the person, and nobody else hears of it.
      expect(JSON.stringify(received)).not.toMatch(/Yasmina|Gemeld/);
      expect(await told(b.tokens.police, body.id)).toEqual([]);
      expect(await told(a.tokens.casemanager, body.id)).toEqual([]);
      expect(await told(c.tokens.casemanager, body.id)).toEqual([]);

      await t.http().post(`/api/transfers/${body.id}/transitions`).set(bearer(b.tokens.casemanager)).send({ event: 'REFUSE', version: 1, reason: 'Geen verhuis.' }).expect(200);
      await runJobs(body.id);
      const back = await told(a.tokens.casemanager, body.id);
      expect(back).toEqual([expect.objectContaining({ kind: 'transfer.decided', entityType: 'Transfer' })]);
      expect(back[0].message.nl).toContain('heeft de overdracht geweigerd; uw dossier blijft open');
      expect(back[0].message.fr).toContain('a refusé le transfert');
      expect(JSON.stringify(back)).not.toContain('Geen verhuis.');
      expect((await told(b.tokens.casemanager, body.id)).map((n) => n.kind)).toEqual(['transfer.proposed']);
      // Every job of the transfer is done.
      const open = await db.system((em) => em.query(
        `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'workflow.transitioned' AND payload->>'entityId' = $1 AND completed_at IS NULL`, [body.id]));
      expect(open).toEqual([{ n: 0 }]);
    });

    it('a withdrawal to the receiving casemanagers, who were told of the proposal', async () => {
      const { dossier } = await retainedDossier('Teruggetrokken');
      const { body } = await propose({ dossierId: dossier.id, toTenantId: b.tenantId, summary: 'Verhuis.', contributionIds: [] }).expect(201);
      await t.http().post(`/api/transfers/${body.id}/transitions`).set(bearer(a.tokens.casemanager)).send({ event: 'WITHDRAW', version: 1 }).expect(200);
      await runJobs(body.id);
      expect((await told(b.tokens.casemanager, body.id)).map((n) => n.kind).sort()).toEqual(['transfer.proposed', 'transfer.withdrawn']);
      expect(await told(a.tokens.casemanager, body.id)).toEqual([]);
    });
  });
});
