import { TenantDb } from '@kernteam/persistence';
import { AccountLinksService } from '@kernteam/users';
import { bearer, login, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { TestSmtp } from './support/smtp';

/**
 * With SMTP configured the one-time link is e-mailed through the outbox and the mail job, and the admin's answer
 * carries no `url`: the admin never holds the link. The job is run by its handler (the relay to BullMQ and the worker
 * process are covered by meeting-jobs.e2e-spec.ts).
 */
describe('one-time links by e-mail', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let smtp: TestSmtp;
  const saved = { SMTP_URL: process.env.SMTP_URL, PUBLIC_URL: process.env.PUBLIC_URL };
  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    process.env.PUBLIC_URL = 'https://kernteam.example.be';
    t = await startApp();
    tenant = await seedTenant(t, 'Link mail');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  });

  const runMailJobs = async () => {
    const rows: { payload: Record<string, unknown> }[] = await t.app.get(TenantDb).system((em) =>
      em.query(`SELECT payload FROM outbox WHERE job_name = 'account.link-mail' AND tenant_id = $1 ORDER BY id`, [tenant.tenantId]));
    for (const r of rows) await t.app.get(AccountLinksService).mail(r.payload);
    return rows;
  };

  it('mails the invitation (no url for the admin, no token in the outbox), once, and the mailed link sets the password', async () => {
    const email = `mailed.${Math.random().toString(36).slice(2)}@test.kernteam.be`;
    const created = await t.http().post('/api/users').set(bearer(tenant.tokens.admin)).send({ email, name: 'Per mail', role: 'evaluator' }).expect(201);
    expect(created.body.invitation).toEqual({ delivery: 'EMAIL', expiresAt: expect.any(String) });
    const rows = await runMailJobs();
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0].payload).sort()).toEqual(['linkId', 'tenantId']);
    await runMailJobs(); // a retried job sends nothing twice
    const mails = smtp.to(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('Uw account in Kernteam');
    const body = mails[0].parts.map((p) => p.body).join('\n');
    const token = /https:\/\/kernteam\.example\.be\/password-reset\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1];
    expect(token).toBeDefined();
    await t.http().post('/api/auth/password-reset').send({ token: token!, password: 'chosen from the mail' }).expect(204);
    await login(t, email, 'chosen from the mail');

    const reset = await t.http().post(`/api/users/${created.body.id}/password-reset`).set(bearer(tenant.tokens.admin)).expect(201);
    expect(reset.body).not.toHaveProperty('url');
    expect(reset.body.delivery).toBe('EMAIL');
  });
});
