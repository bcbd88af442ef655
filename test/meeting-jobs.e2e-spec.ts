import { existsSync } from 'node:fs';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { JOBS, QueueRegistry, SCHEDULE_TIMEZONE } from '@kernteam/jobs';
import { TenantDb } from '@kernteam/persistence';
import { seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { addToAgenda, as, endorsedBy, holdMeeting, inDays, meetingEvent, planMeeting, retainedDossier } from './support/meetings';
import { ReceivedMail, TestSmtp } from './support/smtp';
import { waitFor } from './support/eventually';
import { RunningProcess, startWorker as spawnWorker, WORKER_MAIN } from './support/product';

/**
 * The worker as it runs in production (`node dist/apps/worker/src/main.js`, a process of its own) against the run's
 * PostgreSQL and Redis and a real SMTP server. The process is SIGKILLed in the middle of an invitation job to check
 * that a restarted worker finishes the job without notifying or mailing anyone twice.
 */
const PUBLIC_URL = 'https://kernteam.example.be';

const text = (m: ReceivedMail) => m.parts.filter((p) => p.contentType.startsWith('text/plain')).map((p) => p.body).join('\n');
const calendar = (m: ReceivedMail) => m.parts.find((p) => p.contentType.startsWith('text/calendar'))?.body.replace(/\r\n /g, '') ?? '';

describe('worker jobs: invitations and reminders through Redis and SMTP, exactly once', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let smtp: TestSmtp;
  let worker: RunningProcess | undefined;
  const workerLog = { text: '' };
  let redis: IORedis;
  let notificationsQueue: Queue;
  let users: { id: string; email: string; name: string; role: string; partnerId: string | null }[];
  const db = () => t.app.get(TenantDb);
  const user = (key: string) => users.find((u) => u.email === tenant.emails[key])!;

  const startWorker = async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env, SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Kernteam <kernteam@test.kernteam.be>', PUBLIC_URL,
      DB_MIGRATIONS_RUN: 'false', LOG_LEVEL: 'log', OUTBOX_POLL_MS: '100', WORKER_LOCK_MS: '2000', WORKER_STALLED_INTERVAL_MS: '1000',
    };
    worker = await spawnWorker(env, { log: workerLog });
  };
  const killWorker = async () => {
    await worker!.stop('SIGKILL');
    worker = undefined;
  };
  const jobDone = (jobId: string) => waitFor(async () => (await notificationsQueue.getJob(jobId))?.finishedOn, (f) => !!f, `job ${jobId}`);
  const invitationJobId = async (meetingId: string, n = 0) => {
    const rows: { id: string }[] = await waitFor(
      () => db().system((em) => em.query(`SELECT id FROM outbox WHERE job_name = 'meeting.invite' AND payload->>'meetingId' = $1 ORDER BY id`, [meetingId])),
      (r: { id: string }[]) => r.length > n, 'the invitation outbox row');
    return `outbox-${rows[n].id}`;
  };
  const notificationsOf = (dedupeKey: string) =>
    db().system((em) => em.query(`SELECT user_id, kind FROM notifications WHERE dedupe_key = $1 ORDER BY user_id`, [dedupeKey])) as Promise<{ user_id: string; kind: string }[]>;

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN)) throw new Error('build first: npm run build (npm test does)');
    t = await startApp();
    tenant = await seedTenant(t, 'Worker jobs');
    smtp = await new TestSmtp().start();
    users = (await t.http().get('/api/users?pageSize=200').set(as(tenant, 'admin')).expect(200)).body.items;
    redis = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    notificationsQueue = new Queue('notifications', { connection: redis, prefix: process.env.QUEUE_PREFIX });
    // Outbox rows other test files of this run left behind are theirs, not this worker's to send.
    await db().system((em) => em.query(`UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL`));
  });
  afterAll(async () => {
    if (worker) await killWorker();
    if (process.env.SHOW_WORKER_LOG) process.stdout.write(workerLog.text);
    await notificationsQueue?.close();
    await redis?.quit();
    await smtp?.close();
    await t?.close();
  });

  describe('meeting invitations', () => {
    let meeting: { id: string };
    let dossier: { id: string; reference: string };
    let invited: { id: string; email: string; name: string }[];

    it('invite every member of the expected partners once, in-app and by e-mail, even when the worker dies mid-job', async () => {
      dossier = await retainedDossier(t, tenant, ['Politie', 'Onderwijs']);
      meeting = await planMeeting(t, tenant, { scheduledAt: '2026-12-03T14:00:00+01:00', location: 'Stadhuis, zaal 2' });
      await addToAgenda(t, tenant, meeting.id, dossier.id).expect(201);
      // Expected: BURGEMEESTER and CASEMANAGEMENT always, Politie and Onderwijs through the dossier. Not OCMW, admin, evaluator, auditor.
      invited = ['chair', 'casemanager', 'police', 'school'].map(user).sort((a, b) => (a.id < b.id ? -1 : 1));
      const held = smtp.holdFirstTo(invited[1].email); // each recipient's e-mail is a job of its own

      await startWorker();
      await meetingEvent(t, tenant, meeting.id, 'FINALIZE_AGENDA').expect(200);
      await held;
      const states = async () => Object.fromEntries((await db().system((em) => em.query(
        `SELECT user_id, state FROM deliveries WHERE dedupe_key = $1`, [`meeting.invitation:${meeting.id}`]))).map((r: { user_id: string; state: string }) => [r.user_id, r.state]));
      // The others are not held back by it (their own jobs). Killing the worker between a server's 250 and the commit
      // would resend (the documented at-least-once window), so the kill waits until theirs are committed.
      await waitFor(states, (st) => [0, 2, 3].every((i) => st[invited[i].id] === 'SENT'), 'the other invitations');
      // This recipient's message sits unanswered at the server when the worker dies.
      await killWorker();
      expect(smtp.to(invited[1].email)).toHaveLength(0);
      expect((await states())[invited[1].id]).toBe('PENDING');

      await startWorker();
      await jobDone(await invitationJobId(meeting.id));
      await waitFor(() => invited.map((u) => smtp.to(u.email).length), (c) => c.every((n) => n >= 1), 'every invitation', 40_000);
      expect(invited.map((u) => smtp.to(u.email).length)).toEqual([1, 1, 1, 1]);
      // A delivery is marked SENT in the commit after the server's 250, so the last mark may trail its e-mail.
      const marked = await waitFor(states, (st) => Object.values(st).every((v) => v === 'SENT'), 'the deliveries marked SENT');
      expect(Object.values(marked)).toEqual(['SENT', 'SENT', 'SENT', 'SENT']);
      const notified = await notificationsOf(`meeting.invitation:${meeting.id}`);
      expect(notified).toEqual(invited.map((u) => ({ user_id: u.id, kind: 'meeting.invitation' })).sort((a, b) => (a.user_id < b.user_id ? -1 : 1)));
      for (const other of ['ocmw', 'admin', 'evaluator', 'auditor']) expect(smtp.to(tenant.emails[other])).toHaveLength(0);
    }, 90_000);

    it('send an e-mail with date, place, link and an RFC 5545 invitation with a stable UID, and no names or case content', async () => {
      for (const u of invited) {
        const [mail] = smtp.to(u.email);
        expect(mail.subject).toBe('Uitnodiging: overleg kernteam (LIVC-R) / Invitation : réunion de la CSIL-R');
        const body = text(mail);
        expect(body).toContain('donderdag 3 december 2026 om 14:00');
        expect(body).toContain('jeudi 3 décembre 2026');
        expect(body).toContain('Stadhuis, zaal 2');
        expect(body).toContain(`${PUBLIC_URL}/meetings/${meeting.id}`);
        const ics = calendar(mail);
        expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
        expect(ics).toContain('METHOD:REQUEST');
        expect(ics).toContain(`UID:meeting-${meeting.id}@kernteam`);
        expect(ics).toContain('DTSTART:20261203T130000Z');
        expect(ics).toContain(`ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${u.email}`);
        for (const secret of [dossier.reference, 'Testachternaam', 'Testvoornaam', 'wijkagent', ...users.map((x) => x.name)]) {
          expect(mail.raw).not.toContain(secret);
          expect(body + ics).not.toContain(secret);
        }
      }
    });

    it('do not notify or mail anyone again when the job runs again', async () => {
      await t.app.get(QueueRegistry).add('meeting.invite', { tenantId: tenant.tenantId, meetingId: meeting.id }, `again-${meeting.id}`);
      await jobDone(`again-${meeting.id}`);
      expect(invited.map((u) => smtp.to(u.email).length)).toEqual([1, 1, 1, 1]);
      expect(await notificationsOf(`meeting.invitation:${meeting.id}`)).toHaveLength(4);
    });

    it('show in the members\' own notifications, unread first, in Dutch and French, and can be marked read', async () => {
      const police = as(tenant, 'police');
      const list = (await t.http().get('/api/notifications').set(police).expect(200)).body;
      expect(list).toMatchObject({ total: 1, page: 1, pageSize: 50 });
      const [n] = list.items;
      expect(n).toMatchObject({ kind: 'meeting.invitation', entityType: 'Meeting', entityId: meeting.id, read: false, readAt: null });
      expect(n.message.nl).toContain('donderdag 3 december 2026 om 14:00');
      expect(n.message.fr).toContain('jeudi 3 décembre 2026 à 14:00');
      expect((await t.http().get('/api/notifications').set(as(tenant, 'ocmw')).expect(200)).body.total).toBe(0);
      await t.http().post(`/api/notifications/${n.id}/read`).set(as(tenant, 'school')).expect(404);
      const read = (await t.http().post(`/api/notifications/${n.id}/read`).set(police).expect(200)).body;
      expect(read).toMatchObject({ id: n.id, read: true });
      const again = (await t.http().post(`/api/notifications/${n.id}/read`).set(police).expect(200)).body;
      expect(again.readAt).toBe(read.readAt);
      expect((await t.http().get('/api/notifications?unread=true').set(police).expect(200)).body.total).toBe(0);
      expect((await t.http().get('/api/notifications?unread=false').set(police).expect(200)).body.total).toBe(1);
      await t.http().get('/api/notifications?unread=maybe').set(police).expect(400);
      await t.http().post('/api/notifications/n-1/read').set(police).expect(404);
    });

    it('invite the partners a dossier added after finalising brings in, nobody twice', async () => {
      const extra = await retainedDossier(t, tenant, ['OCMW', 'Politie']);
      await addToAgenda(t, tenant, meeting.id, extra.id).expect(201);
      await jobDone(await invitationJobId(meeting.id, 1));
      await waitFor(() => smtp.to(tenant.emails.ocmw).length, (n) => n === 1, 'the new invitation');
      expect(invited.map((u) => smtp.to(u.email).length)).toEqual([1, 1, 1, 1]);
      expect(await notificationsOf(`meeting.invitation:${meeting.id}`)).toHaveLength(5);
    });

    it('tell everyone invited when the meeting is cancelled, cancelling the same calendar event', async () => {
      await meetingEvent(t, tenant, meeting.id, 'CANCEL').expect(200);
      const everyone = [...invited.map((u) => u.email), tenant.emails.ocmw];
      await waitFor(() => everyone.map((e) => smtp.to(e).length), (c) => c.every((n) => n === 2), 'the cancellations');
      for (const e of everyone) {
        const cancel = smtp.to(e)[1];
        expect(cancel.subject).toBe('Geannuleerd: overleg kernteam (LIVC-R) / Annulé : réunion de la CSIL-R');
        const ics = calendar(cancel);
        expect(ics).toContain('METHOD:CANCEL');
        expect(ics).toContain(`UID:meeting-${meeting.id}@kernteam`);
        expect(ics).toContain('SEQUENCE:1');
        expect(ics).toContain('STATUS:CANCELLED');
      }
      expect((await notificationsOf(`meeting.cancelled:${meeting.id}`)).map((n) => n.kind)).toEqual(Array(5).fill('meeting.cancelled'));
      const police = (await t.http().get('/api/notifications').set(as(tenant, 'police')).expect(200)).body;
      expect(police.items.map((n: { kind: string }) => n.kind)).toEqual(['meeting.cancelled', 'meeting.invitation']); // unread first
    });
  });

  describe('feedback sheet approval requests', () => {
    it('ask the members of every approving partner once, never the police, without the sheet\'s content', async () => {
      if (!worker) await startWorker();
      const d = await retainedDossier(t, tenant, ['Politie', 'Onderwijs']);
      const held = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Casemanagement', 'Politie', 'Onderwijs'], outcomes: {} });
      const cm = as(tenant, 'casemanager');
      const sheet = (await t.http().post(`/api/dossiers/${d.id}/feedback-sheets`).set(cm)
        .send({ agendaItemId: held.items[d.id], content: 'Inhoud van de fiche', noSecretsConfirmed: true }).expect(201)).body;
      await t.http().post(`/api/feedback-sheets/${sheet.id}/transitions`).set(cm).send({ event: 'SUBMIT', version: 1 }).expect(200);
      const rows: { id: string }[] = await waitFor(
        () => db().system((em) => em.query(`SELECT id FROM outbox WHERE job_name = 'feedback.request-approval' AND payload->>'sheetId' = $1`, [sheet.id])),
        (r: { id: string }[]) => r.length === 1, 'the approval request outbox row');
      await jobDone(`outbox-${rows[0].id}`);
      await t.app.get(QueueRegistry).add('feedback.request-approval', { tenantId: tenant.tenantId, sheetId: sheet.id }, `again-${sheet.id}`);
      await jobDone(`again-${sheet.id}`);
      const mailCount = () => ['casemanager', 'school'].map((k) => smtp.to(tenant.emails[k]).filter((m) => m.subject.startsWith('Terugkoppelingsfiche')).length);
      await waitFor(mailCount, (c) => c.every((n) => n === 1), 'the approval requests');
      const asked = await notificationsOf(`feedback.approval:${sheet.id}`);
      expect(asked).toEqual([user('casemanager').id, user('school').id].sort().map((id) => ({ user_id: id, kind: 'feedback.approval_requested' })));
      const mails = (key: string) => smtp.to(tenant.emails[key]).filter((m) => m.subject.startsWith('Terugkoppelingsfiche'));
      expect([mails('casemanager').length, mails('school').length, mails('police').length, mails('chair').length]).toEqual([1, 1, 0, 0]);
      expect(text(mails('school')[0])).toContain(`${PUBLIC_URL}/feedback-sheets/${sheet.id}`);
      expect(mails('school')[0].raw).not.toContain('Inhoud van de fiche');
      const inApp = (await t.http().get('/api/notifications?unread=true').set(as(tenant, 'school')).expect(200)).body.items;
      expect(inApp[0]).toMatchObject({ kind: 'feedback.approval_requested', entityId: sheet.id, message: { nl: expect.stringContaining('terugkoppelingsfiche') } });
    }, 60_000);
  });

  describe('agreement reminders', () => {
    const remind = async (jobId: string) => {
      await t.app.get(QueueRegistry).add('agreement.remind', { tenantId: null }, jobId);
      await jobDone(jobId);
    };

    it('are scheduled daily in Europe/Brussels', async () => {
      if (!worker) await startWorker();
      const scheduler = await waitFor(() => notificationsQueue.getJobScheduler('agreement-reminders'), (s) => !!s, 'the schedule');
      expect(scheduler).toMatchObject({ name: 'agreement.remind', pattern: '0 7 * * *', tz: SCHEDULE_TIMEZONE });
      expect(JOBS['agreement.remind'].queue).toBe('notifications');
    });

    it('go to the responsible partner and the casemanager, once per agreement per user per day, for due-soon and overdue ones only', async () => {
      if (!worker) await startWorker();
      const d = await retainedDossier(t, tenant, ['Politie', 'Onderwijs', 'OCMW']);
      const spec = (description: string, partner: string, dueOn: string) => ({ description, responsiblePartnerId: tenant.partners[partner], dueOn });
      // Held a week ago: an agreement is never due before its meeting, and one of these is overdue by now.
      const held = await holdMeeting(t, tenant, {
        dossierIds: [d.id], present: ['Politie', 'Onderwijs', 'OCMW'], scheduledAt: `${inDays(-7)}T14:00:00+01:00`,
        outcomes: { [d.id]: { outcome: 'DISCUSSED', endorsements: endorsedBy(tenant, ['Politie']), agreements: [
          spec('Binnenkort: school', 'Onderwijs', inDays(3)), spec('Over tijd: politie', 'Politie', inDays(-2)),
          spec('Later: OCMW', 'OCMW', inDays(30)), spec('Klaar: politie', 'Politie', inDays(1)),
        ] } },
      });
      const agreements = (await t.http().get(`/api/meetings/${held.meeting.id}`).set(as(tenant, 'casemanager')).expect(200)).body.agenda[0].agreements;
      const byName = Object.fromEntries(agreements.map((a: { description: string; id: string }) => [a.description, a.id]));
      const cm = as(tenant, 'casemanager');
      await t.http().post(`/api/agreements/${byName['Klaar: politie']}/transitions`).set(cm).send({ event: 'START', version: 1 }).expect(200);
      await t.http().post(`/api/agreements/${byName['Klaar: politie']}/transitions`).set(cm).send({ event: 'COMPLETE', version: 2 }).expect(200);

      await remind(`remind-1-${d.id}`);
      await remind(`remind-2-${d.id}`); // the schedule firing twice the same day changes nothing
      const reminderCount = () => ['school', 'police', 'casemanager'].map((k) => smtp.to(tenant.emails[k]).filter((m) => /Afspraak|afspraak/.test(m.subject)).length);
      await waitFor(reminderCount, (c) => c[0] === 1 && c[1] === 1 && c[2] === 2, 'the reminder e-mails');

      const reminders = async (id: string) =>
        (await db().system((em) => em.query(`SELECT user_id, kind, dedupe_key FROM notifications WHERE entity_id = $1 ORDER BY user_id`, [id]))) as
          { user_id: string; kind: string; dedupe_key: string }[];
      const sorted = (keys: string[]) => keys.map((k) => user(k).id).sort();
      const soon = await reminders(byName['Binnenkort: school']);
      expect(soon.map((r) => r.user_id)).toEqual(sorted(['school', 'casemanager']));
      expect(soon.every((r) => r.kind === 'agreement.due' && r.dedupe_key.endsWith(`:${inDays(0)}`))).toBe(true);
      const late = await reminders(byName['Over tijd: politie']);
      expect(late.map((r) => r.user_id)).toEqual(sorted(['police', 'casemanager']));
      expect(late.every((r) => r.kind === 'agreement.overdue')).toBe(true);
      expect(await reminders(byName['Later: OCMW'])).toEqual([]);
      expect(await reminders(byName['Klaar: politie'])).toEqual([]);

      const reminderMails = (key: string) => smtp.to(tenant.emails[key]).filter((m) => /Afspraak|afspraak/.test(m.subject));
      expect(reminderMails('school')).toHaveLength(1);
      expect(reminderMails('police')).toHaveLength(1);
      expect(reminderMails('casemanager')).toHaveLength(2);
      expect(reminderMails('ocmw')).toHaveLength(0);
      const [late1] = reminderMails('police');
      expect(late1.subject).toBe('Afspraak over tijd / Accord en retard');
      expect(text(late1)).toContain(`${PUBLIC_URL}/agreements/${byName['Over tijd: politie']}`);
      for (const m of [...reminderMails('school'), ...reminderMails('casemanager')]) {
        for (const secret of ['Binnenkort: school', 'Over tijd: politie', 'LIVC-']) expect(m.raw).not.toContain(secret);
      }
    }, 60_000);
  });
});
