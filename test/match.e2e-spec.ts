import { TenantDb } from '@kernteam/persistence';
import { MATCH_LIMIT_PER_USER, MatchService } from '@kernteam/transfers';
import { bearer, createDossier, seedTenant, startApp, TestApp, TestTenant } from './support/app';

/** "Is this person known in another LIVC?": hit or no-hit, a LIVC name at most, audited on both sides. */
describe('known in another LIVC (match queries)', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let db: TenantDb;
  let asked: { id: string };
  let known: { id: string; reference: string };
  const previousSecret = process.env.MATCH_SECRET;

  const ask = (dossierId: string, reason: unknown = 'Nieuw signaal; mogelijk eerder elders opgevolgd.', token = a.tokens.casemanager) =>
    t.http().post('/api/match-queries').set(bearer(token)).send({ dossierId, reason });

  beforeAll(async () => {
    process.env.MATCH_SECRET = 'test-match-secret-for-this-run';
    t = await startApp();
    db = t.app.get(TenantDb);
    a = await seedTenant(t, 'Match A');
    b = await seedTenant(t, 'Match B');
    // The same person, spelled differently in the two LIVCs.
    asked = await createDossier(t, a, { subject: { firstName: 'Élodie', lastName: 'Van den Berghe', birthDate: '2008-03-14' } });
    known = await createDossier(t, b, { subject: { firstName: 'elodie', lastName: 'Vandenberghe', birthDate: '2008-03-14' } });
  });
  afterAll(async () => {
    process.env.MATCH_SECRET = previousSecret;
    await t.close();
  });

  it('answers HIT with the other LIVC\'s name only, and both audit trails record it', async () => {
    const res = await ask(asked.id).expect(200);
    expect(res.body).toEqual({ result: 'HIT', livcs: [{ name: b.name, contact: 'casemanagement' }] });
    for (const leak of [known.id, known.reference, 'AANGEMELD', 'Signaal van de wijkagent']) expect(JSON.stringify(res.body)).not.toContain(leak);

    const [mine] = await db.tx(a, (em) => em.query(
      `SELECT actor_id, entity_id, details FROM audit_events WHERE action = 'match.query' AND entity_id = $1`, [asked.id]));
    expect(mine.details).toEqual({ result: 'HIT', livcs: 1 });
    const theirs = await db.tx(b, (em) => em.query(`SELECT actor_id, entity_type, entity_id, details FROM audit_events WHERE action = 'match.hit'`));
    expect(theirs).toEqual([{ actor_id: null, entity_type: 'Dossier', entity_id: known.id, details: { askingTenantId: a.tenantId } }]);
    // The reason stays with the asking LIVC.
    const [q] = await db.tx(a, (em) => em.query(`SELECT reason, result FROM match_queries WHERE dossier_id = $1`, [asked.id]));
    expect(q).toEqual({ reason: 'Nieuw signaal; mogelijk eerder elders opgevolgd.', result: 'HIT' });
  });

  it('never matches within the own LIVC (that is the duplicate search), and answers NO_HIT with nothing else', async () => {
    const first = await createDossier(t, a, { subject: { firstName: 'Jan', lastName: 'Peeters', birthDate: '2006-01-01' } });
    await createDossier(t, a, { subject: { firstName: 'Jan', lastName: 'Peeters', birthDate: '2006-01-01' } });
    expect((await ask(first.id).expect(200)).body).toEqual({ result: 'NO_HIT' });
    const [row] = await db.tx(a, (em) => em.query(`SELECT details FROM audit_events WHERE action = 'match.query' AND entity_id = $1`, [first.id]));
    expect(row.details).toEqual({ result: 'NO_HIT', livcs: 0 });
  });

  it('follows the identity: after the other LIVC corrects the birth date, the person is no longer found', async () => {
    const x = await createDossier(t, a, { subject: { firstName: 'Ruben', lastName: 'De Bruyne', birthDate: '2005-06-06' } });
    const y = await createDossier(t, b, { subject: { firstName: 'Ruben', lastName: 'De Bruyne', birthDate: '2005-06-06' } });
    expect((await ask(x.id)).body.result).toBe('HIT');
    await t.http().patch(`/api/dossiers/${y.id}`).set(bearer(b.tokens.casemanager)).send({ version: y.version, subject: { birthDate: '2005-06-07' } }).expect(200);
    expect((await ask(x.id)).body.result).toBe('NO_HIT');
    // ij and y are different names.
    const z = await createDossier(t, a, { subject: { firstName: 'Ruben', lastName: 'De Bruijne', birthDate: '2005-06-07' } });
    expect((await ask(z.id)).body.result).toBe('NO_HIT');
  });

  it('finds subjects registered before MATCH_SECRET was set once the operator recomputes the keys (match-keys)', async () => {
    const x = await createDossier(t, a, { subject: { firstName: 'Sara', lastName: "D'Hondt", birthDate: '2004-04-04' } });
    const y = await createDossier(t, b, { subject: { firstName: 'Sara', lastName: 'Dhondt', birthDate: '2004-04-04' } });
    await db.system((em) => em.query(`UPDATE subjects SET match_key = NULL WHERE dossier_id = $1`, [y.id]));
    expect((await ask(x.id)).body.result).toBe('NO_HIT');
    const r = await t.app.get(MatchService).rekeyAll();
    expect(r.keyed).toBeGreaterThan(0);
    expect((await ask(x.id)).body.result).toBe('HIT');
  });

  it('requires a reason, a dossier of the own LIVC, the casemanager role and a birth date', async () => {
    expect((await t.http().post('/api/match-queries').set(bearer(a.tokens.casemanager)).send({ dossierId: asked.id })).status).toBe(400);
    expect((await ask(asked.id, '   ')).status).toBe(400);
    expect((await ask(known.id)).status).toBe(404);
    expect((await ask(asked.id, 'reden', a.tokens.police)).status).toBe(403);
    const thin = await createDossier(t, a, { subject: { firstName: 'Zonder', lastName: 'Geboortedatum' } });
    expect((await ask(thin.id)).status).toBe(422);
  });

  it('says clearly when MATCH_SECRET is not configured', async () => {
    const secret = process.env.MATCH_SECRET;
    delete process.env.MATCH_SECRET;
    try {
      const res = await ask(asked.id);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ type: 'urn:kernteam:problem:not-configured' });
    } finally {
      process.env.MATCH_SECRET = secret;
    }
  });

  it(`limits a casemanager to ${MATCH_LIMIT_PER_USER} queries in 24 hours (429 beyond), against enumeration`, async () => {
    const [{ n }] = await db.tx(a, (em) => em.query(`SELECT count(*)::int AS n FROM match_queries`));
    for (let i = n; i < MATCH_LIMIT_PER_USER; i++) await ask(asked.id).expect(200);
    const res = await ask(asked.id);
    expect(res.status).toBe(429);
    const [{ m }] = await db.tx(a, (em) => em.query(`SELECT count(*)::int AS m FROM match_queries`));
    expect(m).toBe(MATCH_LIMIT_PER_USER);
    // The refused query is in the asking LIVC's audit trail, as DENIED, with who asked about which dossier.
    const denied = await db.tx(a, (em) => em.query(
      `SELECT actor_id, action, details FROM audit_events WHERE outcome = 'DENIED' AND entity_type = 'Dossier' AND entity_id = $1`, [asked.id]));
    expect(denied).toEqual([{ actor_id: expect.any(String), action: 'POST /api/match-queries', details: expect.objectContaining({ status: 429 }) }]);
  });
});
