import { TenantDb } from '@kernteam/persistence';
import { bearer, createDossier, seedTenant, startApp, TestApp, TestTenant } from './support/app';

/**
 * Lists are filtered in SQL from the CASL rules: totals and pages count only what the caller may see. The data set has
 * a dossier in every state for three kinds of involvement.
 */
const STATES = ['AANGEMELD', 'SCREENING', 'NIET_WEERHOUDEN', 'WEERHOUDEN', 'GEAGENDEERD', 'IN_OPVOLGING', 'AFGESLOTEN'];
const EARLY = ['AANGEMELD', 'SCREENING'];

describe('list filtering in SQL per role', () => {
  let t: TestApp;
  let tenant: TestTenant;
  /** id → what the dossier is */
  const dataset: { id: string; state: string; referring: string; involved: string[] }[] = [];

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Lists');
    const { Politie: police, Onderwijs: school } = tenant.partners;
    const variants = [
      { referring: police, involved: [police] },
      { referring: school, involved: [school, police] },
      { referring: school, involved: [school] },
    ];
    for (const v of variants) {
      for (const state of STATES) {
        const d = await createDossier(t, tenant, { referringPartnerId: v.referring });
        // Placing the data set directly: this test is about reading, the lifecycle has its own tests.
        await t.app.get(TenantDb).system((em) =>
          em.query(`UPDATE dossiers SET state = $2, involved_partner_ids = $3::uuid[] WHERE id = $1`, [d.id, state, v.involved]));
        dataset.push({ id: d.id, state, ...v });
      }
    }
  });
  afterAll(() => t.close());

  /** DESIGN.md §6 for a member, written out for the expectation. */
  const memberSees = (partner: string) =>
    dataset.filter((d) => d.involved.includes(partner) && (!EARLY.includes(d.state) || d.referring === partner)).map((d) => d.id).sort();

  const listAll = async (token: string, query = '') => {
    const first = await t.http().get(`/api/dossiers?pageSize=5${query}`).set(bearer(token)).expect(200);
    const ids: string[] = [];
    const pages = Math.ceil(first.body.total / 5);
    for (let page = 1; page <= pages; page++) {
      const res = await t.http().get(`/api/dossiers?pageSize=5&page=${page}${query}`).set(bearer(token)).expect(200);
      expect(res.body.items.length).toBe(page < pages ? 5 : first.body.total - 5 * (pages - 1));
      ids.push(...res.body.items.map((d: { id: string }) => d.id));
    }
    expect(new Set(ids).size).toBe(ids.length); // no row on two pages
    return { total: first.body.total as number, ids: ids.sort() };
  };

  it('gives casemanager and chair every dossier of the tenant', async () => {
    for (const who of ['casemanager', 'chair']) {
      const { total, ids } = await listAll(tenant.tokens[who]);
      expect(total).toBe(21);
      expect(ids).toEqual(dataset.map((d) => d.id).sort());
    }
  });

  it('gives each member exactly the dossiers of DESIGN.md §6, in totals and pages', async () => {
    const police = await listAll(tenant.tokens.police);
    expect(police.total).toBe(7 + 5);
    expect(police.ids).toEqual(memberSees(tenant.partners.Politie));
    const school = await listAll(tenant.tokens.school);
    expect(school.total).toBe(14);
    expect(school.ids).toEqual(memberSees(tenant.partners.Onderwijs));
    const ocmw = await listAll(tenant.tokens.ocmw);
    expect(ocmw).toEqual({ total: 0, ids: [] });
  });

  it('offers in the list the same next steps as on the dossier itself, for every role that sees dossiers', async () => {
    // The list evaluates the transition rule in SQL, the dossier page with CASL in memory: the two must agree.
    let offered = 0;
    for (const who of ['casemanager', 'chair', 'police', 'school']) {
      const page = await t.http().get('/api/dossiers?pageSize=100').set(bearer(tenant.tokens[who])).expect(200);
      for (const item of page.body.items as { id: string; allowedEvents: string[] }[]) {
        const one = await t.http().get(`/api/dossiers/${item.id}`).set(bearer(tenant.tokens[who])).expect(200);
        expect({ who, id: item.id, allowedEvents: item.allowedEvents }).toEqual({ who, id: item.id, allowedEvents: one.body.allowedEvents });
        offered += item.allowedEvents.length;
      }
    }
    expect(offered).toBeGreaterThan(0); // the casemanager may move dossiers on; the others may not
  });

  it('combines filters with the access rules', async () => {
    const screening = await listAll(tenant.tokens.police, '&state=SCREENING');
    expect(screening.total).toBe(1); // only the one the police referred
    const closed = await listAll(tenant.tokens.police, '&state=AFGESLOTEN');
    expect(closed.total).toBe(2);
  });

  it('refuses the list to roles that never see dossiers', async () => {
    for (const who of ['admin', 'evaluator', 'auditor']) await t.http().get('/api/dossiers').set(bearer(tenant.tokens[who])).expect(403);
  });
});
