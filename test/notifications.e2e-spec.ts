import { TenantDb } from '@kernteam/persistence';
import { bearer, seedTenant, startApp, TestApp, TestTenant } from './support/app';

describe('notifications: mark all read', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Notifications read-all');
  });
  afterAll(() => t.close());

  it('marks all of the caller\'s unread notifications read, and nobody else\'s', async () => {
    const db = t.app.get(TenantDb);
    const me = (await t.http().get('/api/me').set(bearer(tenant.tokens.police)).expect(200)).body.id;
    const other = (await t.http().get('/api/me').set(bearer(tenant.tokens.school)).expect(200)).body.id;
    for (const user of [me, me, other]) {
      await db.system((em) => em.query(
        `INSERT INTO notifications (tenant_id, user_id, kind, data) VALUES ($1, $2, 'meeting.cancelled', '{"scheduledAt":"2026-12-03T13:00:00.000Z"}')`,
        [tenant.tenantId, user]));
    }
    const unread = (token: string) => t.http().get('/api/notifications?unread=true').set(bearer(token)).expect(200).then((r) => r.body.total);
    expect(await unread(tenant.tokens.police)).toBe(2);
    const res = await t.http().post('/api/notifications/read-all').set(bearer(tenant.tokens.police)).expect(200);
    expect(res.body).toEqual({ updated: 2 });
    expect(await unread(tenant.tokens.police)).toBe(0);
    expect(await unread(tenant.tokens.school)).toBe(1);
    expect((await t.http().post('/api/notifications/read-all').set(bearer(tenant.tokens.police)).expect(200)).body).toEqual({ updated: 0 });
  });
});
