import { TenantDb } from '@kernteam/persistence';
import { createDossier, seedTenant, startApp, TestApp, TestTenant } from './support/app';

/** The second line: even a query that forgets its tenant filter sees nothing of another tenant. */
describe('tenant isolation in PostgreSQL (row-level security)', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let db: TenantDb;
  beforeAll(async () => {
    t = await startApp();
    a = await seedTenant(t, 'RLS A');
    b = await seedTenant(t, 'RLS B');
    db = t.app.get(TenantDb);
    await createDossier(t, a);
    await createDossier(t, b);
  });
  afterAll(() => t.close());

  const TABLES = ['tenants', 'partners', 'users', 'dossiers', 'subjects', 'workflow_events', 'contributions', 'audit_events', 'meetings', 'agenda_items', 'agreements', 'notifications'];

  it('returns only the own tenant\'s rows to an unfiltered query through the app connection', async () => {
    for (const table of TABLES) {
      const col = table === 'tenants' ? 'id' : 'tenant_id';
      const rows: { tenant: string }[] = await db.tx(a, (em) => em.query(`SELECT DISTINCT ${col}::text AS tenant FROM ${table}`));
      expect({ table, tenants: rows.map((r) => r.tenant).filter((x) => x !== a.tenantId) }).toEqual({ table, tenants: [] });
    }
    const [{ n }] = await db.tx(a, (em) => em.query(`SELECT count(*)::int AS n FROM dossiers`));
    expect(n).toBe(1);
    const all = await db.system((em) => em.query(`SELECT count(DISTINCT tenant_id)::int AS n FROM dossiers`));
    expect(all[0].n).toBeGreaterThanOrEqual(2); // the rows are there; RLS hides them
  });

  it('refuses to write a row into another tenant', async () => {
    await expect(db.tx(a, (em) => em.query(`INSERT INTO partners (tenant_id, name, type) VALUES ($1, 'Indringer', 'OTHER')`, [b.tenantId])))
      .rejects.toThrow(/row-level security/);
    const updated = await db.tx(a, (em) => em.query(`UPDATE partners SET name = 'Gekaapt' WHERE tenant_id = $1`, [b.tenantId]));
    expect(updated[1]).toBe(0);
  });

  it('shows nothing at all when no tenant is set', async () => {
    const rows = await db.dataSource.transaction(async (em) => {
      await em.query(`SET LOCAL ROLE kernteam_app`);
      return em.query(`SELECT count(*)::int AS n FROM dossiers`);
    });
    expect(rows[0].n).toBe(0);
  });

  it('runs tenant work as a role that is neither superuser nor owner, and cannot bypass RLS', async () => {
    const [role] = await db.tx(a, (em) =>
      em.query(`SELECT current_user AS name, r.rolsuper, r.rolbypassrls,
                       (SELECT tableowner FROM pg_tables WHERE tablename = 'dossiers') AS owner
                  FROM pg_roles r WHERE r.rolname = current_user`));
    expect(role).toMatchObject({ name: 'kernteam_app', rolsuper: false, rolbypassrls: false });
    expect(role.owner).not.toBe('kernteam_app');
    await expect(db.tx(a, (em) => em.query(`SET row_security = off; SELECT count(*) FROM dossiers`))).rejects.toThrow(/row-level security/);
  });

  it('gives the app role no access to tables it has no business with', async () => {
    await expect(db.tx(a, (em) => em.query(`SELECT count(*) FROM login_throttle`))).rejects.toThrow(/permission denied/);
    await expect(db.tx(a, (em) => em.query(`SELECT count(*) FROM outbox`))).rejects.toThrow(/permission denied/);
  });
});
