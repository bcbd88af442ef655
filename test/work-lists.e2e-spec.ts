import { bearer, createDossier, seedTenant, startApp, TestApp, TestTenant, transition } from './support/app';
import { as, endorsedBy, holdMeeting, inDays, retainedDossier } from './support/meetings';

/**
 * The list queries the casemanager's workspace is built on: the dossier list filtered by casemanager and involved
 * partner and sorted by a column, agreements due soon, and the feedback sheets of the whole tenant by state.
 */
describe('work lists (dossier filters and sort, agreements due soon, feedback sheets by state)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let cmId: string;
  const refs = async (who: string, query: string) => {
    const res = await t.http().get(`/api/dossiers?${query}`).set(as(tenant, who)).expect(200);
    return res.body.items.map((d: { reference: string }) => d.reference) as string[];
  };

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Worklists');
    cmId = (await t.http().get('/api/me').set(as(tenant, 'casemanager')).expect(200)).body.id;
  });
  afterAll(() => t.close());

  describe('GET /api/dossiers', () => {
    let mine: { id: string; reference: string };
    let byPolice: { id: string; reference: string };
    let school: { id: string; reference: string };

    beforeAll(async () => {
      mine = await createDossier(t, tenant, { receivedOn: '2026-09-15' });
      // A member registers for their own partner; nobody is assigned yet.
      const res = await t.http().post('/api/dossiers').set(as(tenant, 'police')).send({
        phenomenon: 'POLARISERING', referringPartnerId: tenant.partners.Politie, receivedOn: '2026-08-01', summary: 'Signaal',
        subject: { firstName: 'Andere', lastName: 'Persoon' },
      }).expect(201);
      byPolice = res.body;
      school = await createDossier(t, tenant, { referringPartnerId: tenant.partners.Onderwijs, receivedOn: '2026-10-20' });
      await transition(t, tenant.tokens.casemanager, school.id, 'START_SCREENING', 1).expect(200);
    });

    it('filters by the assigned casemanager and by an involved partner, in the database (total too)', async () => {
      const assigned = await t.http().get(`/api/dossiers?casemanagerId=${cmId}`).set(as(tenant, 'casemanager')).expect(200);
      expect(assigned.body.total).toBe(2);
      expect(assigned.body.items.map((d: { reference: string }) => d.reference).sort()).toEqual([mine.reference, school.reference].sort());
      expect(assigned.body.items.every((d: { casemanagerId: string }) => d.casemanagerId === cmId)).toBe(true);

      expect(await refs('casemanager', `involvedPartnerId=${tenant.partners.Onderwijs}`)).toEqual([school.reference]);
      expect((await refs('casemanager', `involvedPartnerId=${tenant.partners.Politie}`)).sort()).toEqual([mine.reference, byPolice.reference].sort());
      expect(await refs('casemanager', `involvedPartnerId=${tenant.partners.Politie}&casemanagerId=${cmId}`)).toEqual([mine.reference]);
      // Filters only narrow what the rules allow: the school sees its own signal, not the police's, whatever it asks.
      expect(await refs('school', `involvedPartnerId=${tenant.partners.Politie}`)).toEqual([]);
    });

    it('sorts by reference, received date, state (lifecycle order) and last change; default is the last change first', async () => {
      const ordered = [mine, byPolice, school].map((d) => d.reference);
      expect(await refs('casemanager', 'sort=reference')).toEqual(ordered);
      expect(await refs('casemanager', 'sort=-reference')).toEqual([...ordered].reverse());
      expect(await refs('casemanager', 'sort=receivedOn')).toEqual([byPolice.reference, mine.reference, school.reference]);
      expect(await refs('casemanager', 'sort=-receivedOn')).toEqual([school.reference, mine.reference, byPolice.reference]);
      // AANGEMELD comes before SCREENING in the lifecycle; ties on state keep a stable order by id.
      const byState = await refs('casemanager', 'sort=state');
      expect(byState[2]).toBe(school.reference);
      expect(await refs('casemanager', 'sort=state')).toEqual(byState);
      expect((await refs('casemanager', 'sort=-state'))[0]).toBe(school.reference);
      // The school's dossier changed last (screening started), then the others in reverse creation order.
      expect(await refs('casemanager', '')).toEqual([school.reference, byPolice.reference, mine.reference]);
      expect(await refs('casemanager', 'sort=-updatedAt')).toEqual([school.reference, byPolice.reference, mine.reference]);
      expect(await refs('casemanager', 'sort=updatedAt')).toEqual([mine.reference, byPolice.reference, school.reference]);
      // Paging over a sorted list neither repeats nor skips.
      const pages = [...(await refs('casemanager', 'sort=reference&pageSize=2&page=1')), ...(await refs('casemanager', 'sort=reference&pageSize=2&page=2'))];
      expect(pages).toEqual(ordered);
    });

    it('finds a dossier by its subject\'s name but lists no identities (those are read, and audited, one dossier at a time)', async () => {
      const res = await t.http().get(`/api/dossiers?q=Andere Persoon`).set(as(tenant, 'casemanager')).expect(200);
      expect(res.body.items.map((d: { reference: string }) => d.reference)).toEqual([byPolice.reference]);
      expect(res.body.items[0]).not.toHaveProperty('subject');
    });

    it('refuses unknown filter values with 400 naming the field', async () => {
      for (const [query, field] of [['sort=name', 'sort'], ['sort=-', 'sort'], ['casemanagerId=nope', 'casemanagerId'], ['involvedPartnerId=1', 'involvedPartnerId']]) {
        const res = await t.http().get(`/api/dossiers?${query}`).set(as(tenant, 'casemanager'));
        expect([query, res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([query, 400, [field]]);
      }
    });
  });

  describe('GET /api/agreements?dueBefore=', () => {
    it('gives the agreements due strictly before the date; with overdue=false those due soon', async () => {
      const d = await retainedDossier(t, tenant, ['Politie']);
      const spec = (description: string, days: number) => ({ description, responsiblePartnerId: tenant.partners.Politie, dueOn: inDays(days) });
      await holdMeeting(t, tenant, {
        dossierIds: [d.id], present: ['Politie', 'Casemanagement'],
        outcomes: { [d.id]: { outcome: 'DISCUSSED', agreements: [spec('soon', 3), spec('edge', 8), spec('later', 30)], endorsements: endorsedBy(tenant, ['Politie', 'Casemanagement']) } },
      });
      const names = async (query: string) =>
        ((await t.http().get(`/api/agreements?dossierId=${d.id}&${query}`).set(as(tenant, 'casemanager')).expect(200)).body.items as { description: string }[]).map((a) => a.description);
      expect(await names(`dueBefore=${inDays(8)}`)).toEqual(['soon']);
      expect(await names(`dueBefore=${inDays(9)}&overdue=false`)).toEqual(['soon', 'edge']);
      expect(await names(`dueBefore=${inDays(3)}`)).toEqual([]);
      const bad = await t.http().get('/api/agreements?dueBefore=2026-13-01').set(as(tenant, 'casemanager')).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['dueBefore']);
    });
  });

  describe('GET /api/feedback-sheets', () => {
    it('lists the tenant\'s sheets the caller may see, by state; the police sees none before approval', async () => {
      const d = await retainedDossier(t, tenant, ['Politie', 'Onderwijs']);
      const present = ['Burgemeester', 'Casemanagement', 'Politie', 'Onderwijs'];
      const held = await holdMeeting(t, tenant, { dossierIds: [d.id], present, outcomes: { [d.id]: { outcome: 'DISCUSSED', endorsements: endorsedBy(tenant, present) } } });
      const sheet = (await t.http().post(`/api/dossiers/${d.id}/feedback-sheets`).set(as(tenant, 'casemanager'))
        .send({ agendaItemId: held.items[d.id], content: 'Opvolging loopt', noSecretsConfirmed: true }).expect(201)).body;
      const ids = async (who: string, query = '') => {
        const res = await t.http().get(`/api/feedback-sheets${query}`).set(as(tenant, who)).expect(200);
        expect(res.body.total).toBe(res.body.items.length);
        return res.body.items.map((s: { id: string }) => s.id) as string[];
      };
      expect(await ids('casemanager')).toEqual([sheet.id]);
      expect(await ids('casemanager', '?state=CONCEPT')).toEqual([sheet.id]);
      expect(await ids('casemanager', '?state=TER_GOEDKEURING')).toEqual([]);
      expect(await ids('school')).toEqual([]); // a concept is the casemanager's until submitted

      await t.http().post(`/api/feedback-sheets/${sheet.id}/transitions`).set(as(tenant, 'casemanager')).send({ event: 'SUBMIT', version: 1 }).expect(200);
      expect(await ids('casemanager', '?state=TER_GOEDKEURING')).toEqual([sheet.id]);
      expect(await ids('chair', '?state=TER_GOEDKEURING')).toEqual([sheet.id]);
      expect(await ids('school', '?state=TER_GOEDKEURING')).toEqual([sheet.id]); // an approver
      expect(await ids('police')).toEqual([]); // the addressee, before approval
      expect(await ids('ocmw')).toEqual([]); // neither approver nor allowed to see the dossier

      const bad = await t.http().get('/api/feedback-sheets?state=KLAAR').set(as(tenant, 'casemanager')).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['state']);
      await t.http().get('/api/feedback-sheets').set(bearer(tenant.tokens.evaluator)).expect(403);
    });
  });
});
