import { existsSync } from 'node:fs';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { SCHEDULES } from '@kernteam/jobs';
import { TenantDb } from '@kernteam/persistence';
import { seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { addToAgenda, as, meetingEvent, planMeeting, retainedDossier } from './support/meetings';
import { freePort, RunningProcess, startWorker as spawnWorker, WORKER_MAIN } from './support/product';
import { OwnRedis } from './support/redis-server';
import { waitFor } from './support/eventually';
import { TestSmtp } from './support/smtp';

/**
 * Every e-mail is a delivery of its own: a refusing mail server holds back no other recipient and loses nothing (the
 * delivery waits as FAILED, visible to the casemanager, and goes out once the server takes mail again), and a Redis
 * that is flushed or restarted in the middle of the work loses nothing either (PostgreSQL is the record). The worker
 * runs as in production (its own process) on a Redis of this test's own, with short retry times.
 */

describe('deliveries: no e-mail lost when SMTP or Redis fails', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let smtp: TestSmtp;
  let redis: OwnRedis;
  let worker: RunningProcess | undefined;
  const workerLog = { text: '' };
  const prefix = `kt-deliveries-${Date.now()}`;
  const db = () => t.app.get(TenantDb);
  const recipients = ['chair', 'casemanager', 'police', 'school'];
  const invitations = (email: string) => smtp.to(email).filter((m) => m.subject.startsWith('Uitnodiging'));

  const startWorker = async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env, REDIS_URL: redis.url, QUEUE_PREFIX: prefix, SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Kernteam <kernteam@test.kernteam.be>', PUBLIC_URL: 'https://kernteam.example.be', DB_MIGRATIONS_RUN: 'false', LOG_LEVEL: 'log',
      OUTBOX_POLL_MS: '100', WORKER_LOCK_MS: '2000', WORKER_STALLED_INTERVAL_MS: '1000',
      DELIVERY_ATTEMPTS: '2', DELIVERY_BACKOFF_MS: '200', DELIVERY_RETRY_BASE_MS: '3000', DELIVERY_RETRY_CRON: '* * * * * *',
      OUTBOX_RECONCILE_MS: '1000', OUTBOX_RECONCILE_GRACE_MS: '1000', SCHEDULE_CHECK_MS: '1000',
    };
    worker = await spawnWorker(env, { log: workerLog });
  };

  /** A meeting whose agenda is finalised: an invitation to the chair, the casemanager, the police and the school. */
  const invitingMeeting = async () => {
    const d = await retainedDossier(t, tenant, ['Politie', 'Onderwijs']);
    const m = await planMeeting(t, tenant);
    await addToAgenda(t, tenant, m.id, d.id).expect(201);
    await meetingEvent(t, tenant, m.id, 'FINALIZE_AGENDA').expect(200);
    return { meeting: m as { id: string }, dossier: d as { reference: string } };
  };
  const deliveryStates = async (key: string) =>
    Object.fromEntries((await db().system((em) => em.query(
      `SELECT u.email, d.state FROM deliveries d JOIN users u ON u.id = d.user_id WHERE d.dedupe_key = $1`, [key]))).map((r: { email: string; state: string }) => [r.email, r.state])) as Record<string, string>;
  const emailsOf = (keys: string[]) => keys.map((k) => tenant.emails[k]);

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN)) throw new Error('build first: npm run build (npm test does)');
    t = await startApp();
    tenant = await seedTenant(t, 'Deliveries');
    smtp = await new TestSmtp().start();
    redis = await new OwnRedis(await freePort()).start();
    // Work other test files left behind is theirs: this worker and its empty Redis must not take it up.
    await db().system((em) => em.query(`UPDATE outbox SET sent_at = coalesce(sent_at, now()), completed_at = now() WHERE completed_at IS NULL`));
    await startWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    if (process.env.SHOW_WORKER_LOG) process.stdout.write(workerLog.text);
    await redis?.kill();
    await smtp?.close();
    await t?.close();
  });

  it('a mailbox the server refuses holds back nobody else; the delivery is FAILED, shown to the casemanager, and sent once the server takes it', async () => {
    smtp.refusedRecipients.add(tenant.emails.police.toLowerCase());
    const { meeting, dossier } = await invitingMeeting();
    const key = `meeting.invitation:${meeting.id}`;
    await waitFor(() => emailsOf(['chair', 'casemanager', 'school']).map((e) => invitations(e).length), (c) => c.every((n) => n === 1), 'the others\' invitations');
    const failed = await waitFor(() => deliveryStates(key), (s) => s[tenant.emails.police] === 'FAILED', 'the FAILED delivery');
    expect(failed).toMatchObject({ [tenant.emails.chair]: 'SENT', [tenant.emails.school]: 'SENT', [tenant.emails.police]: 'FAILED' });
    // Everyone has the in-app notification, whatever became of the e-mail.
    expect((await t.http().get('/api/notifications').set(as(tenant, 'police')).expect(200)).body.items[0]).toMatchObject({ kind: 'meeting.invitation', entityId: meeting.id });

    const page = (await t.http().get('/api/deliveries?state=FAILED').set(as(tenant, 'casemanager')).expect(200)).body;
    expect(page.counts.FAILED).toBeGreaterThanOrEqual(1);
    expect(page.counts.SENT).toBeGreaterThanOrEqual(3);
    const row = page.items.find((i: { recipient: { name: string } }) => i.recipient.name.startsWith('police '));
    expect(row).toMatchObject({ kind: 'meeting.invitation', channel: 'email', state: 'FAILED', attempts: 2, lastError: 'smtp-550' });
    expect(row.nextRetryAt).toEqual(expect.any(String));
    // Only who and what kind: no dossier reference, address or subject.
    for (const secret of [dossier.reference, 'Testachternaam', tenant.emails.police, 'Stadhuis']) expect(JSON.stringify(page)).not.toContain(secret);
    expect((await t.http().get('/api/deliveries?state=FAILED').set(as(tenant, 'admin')).expect(200)).body.counts.FAILED).toBe(page.counts.FAILED);
    await t.http().get('/api/deliveries').set(as(tenant, 'police')).expect(403);
    await t.http().get('/api/deliveries?state=LOST').set(as(tenant, 'casemanager')).expect(400);

    smtp.refusedRecipients.clear();
    // The periodic retry takes it up at its (growing) retry time; nobody is mailed twice.
    await waitFor(() => invitations(tenant.emails.police).length, (n) => n === 1, 'the retried invitation', 40_000);
    // SENT is committed right after the server's 250.
    await waitFor(() => deliveryStates(key), (st) => st[tenant.emails.police] === 'SENT', 'the SENT state');
    expect(emailsOf(recipients).map((e) => invitations(e).length)).toEqual([1, 1, 1, 1]);
  }, 90_000);

  it('a server refusing all mail: everyone gets their e-mail once after it recovers, by the periodic retry or the casemanager\'s retry', async () => {
    smtp.refusing = true;
    const before = emailsOf(recipients).map((e) => invitations(e).length);
    const { meeting } = await invitingMeeting();
    const key = `meeting.invitation:${meeting.id}`;
    await waitFor(() => deliveryStates(key), (s) => Object.values(s).length === 4 && Object.values(s).every((v) => v === 'FAILED'), 'four FAILED deliveries');
    const failed = (await t.http().get('/api/deliveries?state=FAILED&pageSize=200').set(as(tenant, 'casemanager')).expect(200)).body;
    expect(failed.counts.FAILED).toBeGreaterThanOrEqual(4);
    const one = failed.items[0];
    // Still refusing: a manual retry runs all its attempts again and ends FAILED again.
    smtp.refusing = false;
    const retried = (await t.http().post(`/api/deliveries/${one.id}/retry`).set(as(tenant, 'casemanager')).expect(200)).body;
    expect(retried).toMatchObject({ id: one.id, state: 'PENDING' });
    await t.http().post(`/api/deliveries/${one.id}/retry`).set(as(tenant, 'casemanager')).expect(409);
    await t.http().post(`/api/deliveries/${one.id}/retry`).set(as(tenant, 'school')).expect(403);
    await t.http().post('/api/deliveries/00000000-0000-4000-8000-000000000000/retry').set(as(tenant, 'casemanager')).expect(404);
    await waitFor(() => deliveryStates(key), (s) => Object.values(s).every((v) => v === 'SENT'), 'all four SENT', 40_000);
    expect(emailsOf(recipients).map((e, i) => invitations(e).length - before[i])).toEqual([1, 1, 1, 1]);
    const audit = await db().system((em) => em.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'delivery.retry' AND entity_id = $1`, [one.id]));
    expect(audit).toEqual([{ n: 1 }]);
  }, 90_000);

  it('FLUSHALL in the middle of a burst: every invitation still goes out exactly once, and the schedules come back', async () => {
    smtp.delayMs = 150; // a slow server, so the burst is still under way when Redis is flushed
    const before = emailsOf(recipients).map((e) => invitations(e).length);
    const meetings = [];
    for (let i = 0; i < 3; i++) meetings.push((await invitingMeeting()).meeting);
    await waitFor(() => smtp.accepted.length, () => emailsOf(recipients).some((e, i) => invitations(e).length > before[i]), 'the first e-mails');
    await redis.flushAll();
    const expected = before.map((n) => n + meetings.length);
    await waitFor(() => emailsOf(recipients).map((e) => invitations(e).length), (c) => c.every((n, i) => n >= expected[i]), 'every invitation', 60_000);
    await new Promise((r) => setTimeout(r, 2_000)); // a late duplicate would show now
    expect(emailsOf(recipients).map((e) => invitations(e).length)).toEqual(expected);
    for (const m of meetings) expect(Object.values(await deliveryStates(`meeting.invitation:${m.id}`))).toEqual(['SENT', 'SENT', 'SENT', 'SENT']);
    const open = await db().system((em) => em.query(`SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1 AND completed_at IS NULL`, [tenant.tenantId]));
    expect(open).toEqual([{ n: 0 }]);
    smtp.delayMs = 0;
    await waitFor(schedulerIds, (ids) => ids.length === Object.keys(SCHEDULES).length, 'the schedules after FLUSHALL');
  }, 120_000);

  const schedulerIds = () => redis.run(async (c) => {
    const ids: string[] = [];
    for (const name of ['events', 'notifications', 'maintenance', 'exports']) {
      const q = new Queue(name, { connection: c as IORedis, prefix });
      ids.push(...(await q.getJobSchedulers(0, -1)).map((s) => s.key));
      await q.close();
    }
    return ids.sort();
  }).catch(() => [] as string[]);

  it('are registered again when the worker\'s Redis comes back empty after a restart', async () => {
    await waitFor(schedulerIds, (ids) => ids.length === Object.keys(SCHEDULES).length, 'the schedules');
    const marker = `${prefix}:test-restart-marker`;
    await redis.run((c) => c.set(marker, '1'));
    await redis.kill();
    await redis.start();
    // It came back empty: the marker is gone. (The schedules may already be back: the worker can be that quick.)
    expect(await redis.run((c) => c.exists(marker))).toBe(0);
    const ids = await waitFor(schedulerIds, (s) => s.length === Object.keys(SCHEDULES).length, 'the schedules after the restart');
    expect(ids).toEqual(Object.keys(SCHEDULES).sort());
  }, 60_000);
});
