import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { expectedPartnersSql } from '../../libs/meetings/src/meeting.policy';
import { parseLogins } from '../browser/global-setup';
import { freePort, RunningProduct, startProduct } from '../support/product';
import { OwnRedis } from '../support/redis-server';
import { TestSmtp } from '../support/smtp';

/** The four screening answers RETAIN needs. */
const SCREENING = [{ question: 'RADICALISATION_LINK', answer: 'YES' }, { question: 'SECURITY_RISK', answer: 'NO' }, { question: 'CARE_NEED', answer: 'YES' }, { question: 'OTHER_SERVICE', answer: 'NO' }];

const ROOT = resolve(__dirname, '../..');
const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');
const CLI = join(ROOT, 'dist/apps/cli/src/main.js');

/**
 * The built product as a split deployment (`start:api` and `start:worker`, so each can be killed on its own) on a
 * PostgreSQL database of its own, a `redis-server` of its own and a local SMTP sink, seeded with the demo tenant.
 * Faults: kill or FLUSHALL Redis, SIGKILL the worker or the API, make the SMTP sink refuse.
 */
export class ChaosProduct {
  api?: RunningProduct;
  worker?: ChildProcess;
  workerLog = '';
  readonly smtp = new TestSmtp();
  redis!: OwnRedis;
  env!: NodeJS.ProcessEnv;
  port = 0;
  database = '';
  private adminUrl = process.env.TEST_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  db!: Client;
  logins: Record<string, { email: string; password: string; role: string }> = {};
  private tokens: Record<string, string> = {};

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.database = `kernteam_chaos_${Date.now()}_${process.pid}`;
    const admin = new Client({ connectionString: this.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${this.database}`);
    await admin.end();
    const url = new URL(this.adminUrl);
    url.pathname = `/${this.database}`;
    await this.smtp.start();
    this.redis = await new OwnRedis(await freePort()).start();
    this.port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'kernteam-chaos-'));
    this.env = {
      ...process.env, DATABASE_URL: url.toString(), REDIS_URL: this.redis.url, QUEUE_PREFIX: 'kt-chaos', AUTH_SECRET: randomBytes(32).toString('hex'),
      PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: dataDir, EXPORT_DIR: join(dataDir, 'exports'), LOG_LEVEL: 'log',
      PUBLIC_URL: 'https://kernteam.chaos.example', SMTP_URL: `smtp://127.0.0.1:${this.smtp.port}`, MAIL_FROM: 'Kernteam <kernteam@chaos.example>',
      OUTBOX_POLL_MS: '100', WORKER_LOCK_MS: '3000', WORKER_STALLED_INTERVAL_MS: '1000',
      DELIVERY_ATTEMPTS: '3', DELIVERY_BACKOFF_MS: '300', DELIVERY_RETRY_BASE_MS: '1000', DELIVERY_RETRY_CRON: '* * * * * *',
      OUTBOX_RECONCILE_MS: '1000', OUTBOX_RECONCILE_GRACE_MS: '2000', SCHEDULE_CHECK_MS: '1000',
    };
    this.logins = parseLogins(execFileSync(process.execPath, [CLI, 'seed-demo'], { env: this.env, encoding: 'utf8' }));
    this.db = new Client({ connectionString: this.env.DATABASE_URL });
    await this.db.connect();
    await this.startApi();
    await this.startWorker();
    return this;
  }

  async startApi(): Promise<void> {
    this.api = await startProduct({ env: { ...this.env, LOG_LEVEL: 'warn' }, port: this.port, args: ['--without-worker'] });
  }

  get apiRunning(): boolean {
    return !!this.api && this.api.child.exitCode === null && this.api.child.signalCode === null;
  }

  async killApi(): Promise<void> {
    const child = this.api?.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async startWorker(): Promise<void> {
    const child = spawn(process.execPath, [WORKER], { env: { ...this.env, DB_MIGRATIONS_RUN: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const mark = this.workerLog.length;
    child.stdout!.on('data', (b) => (this.workerLog += b));
    child.stderr!.on('data', (b) => (this.workerLog += b));
    this.worker = child;
    const until = Date.now() + 60_000;
    while (!/worker started/.test(this.workerLog.slice(mark))) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`worker did not start: ${this.workerLog.slice(mark)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async killWorker(): Promise<void> {
    const child = this.worker;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.killWorker();
    await this.api?.stop();
    await this.redis?.kill();
    await this.smtp.close();
    await this.db?.end();
    const admin = new Client({ connectionString: this.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }

  /** A JSON call as a demo user; a refused connection (the API is down) is status 0. */
  async call(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    try {
      if (!this.tokens[who]) {
        const res = await fetch(`${this.base}/api/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: this.logins[who].email, password: this.logins[who].password }),
        });
        if (res.status !== 200) return { status: res.status, body: await res.json().catch(() => null) };
        this.tokens[who] = ((await res.json()) as { accessToken: string }).accessToken;
      }
      const res = await fetch(`${this.base}${path}`, {
        method, headers: { authorization: `Bearer ${this.tokens[who]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(15_000),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    } catch {
      return { status: 0, body: null };
    }
  }

  async ok(who: string, method: string, path: string, body?: unknown, expected = [200, 201]): Promise<any> {
    const res = await this.call(who, method, path, body);
    if (!expected.includes(res.status)) throw new Error(`${method} ${path} as ${who}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A meeting with one retained dossier on its agenda, ready to have its agenda finalised (before any fault). */
  async preparedMeeting(i: number): Promise<{ id: string; version: number }> {
    const partners: { id: string; type: string }[] = await this.ok('casemanager', 'GET', '/api/partners');
    const politie = partners.find((p) => p.type === 'POLITIE')!.id;
    const onderwijs = partners.find((p) => p.type === 'ONDERWIJS')!.id;
    const d = await this.ok('casemanager', 'POST', '/api/dossiers', {
      phenomenon: 'RADICALISERING', referringPartnerId: politie, receivedOn: '2026-10-01', summary: 'Chaos-test signaal.', municipality: 'Gent',
      subject: { firstName: 'Chaos', lastName: `Test${i}`, birthDate: '2008-03-14', gender: 'M', municipality: 'Gent' },
    });
    await this.ok('casemanager', 'PUT', `/api/dossiers/${d.id}/partners`, { version: 1, partnerIds: [politie, onderwijs] });
    await this.ok('casemanager', 'POST', `/api/dossiers/${d.id}/transitions`, { event: 'START_SCREENING', version: 2 });
    // RETAIN needs the four screening answers (the form has its own version).
    await this.ok('casemanager', 'PUT', `/api/dossiers/${d.id}/screening`, { version: 0, answers: SCREENING });
    await this.ok('casemanager', 'POST', `/api/dossiers/${d.id}/transitions`, { event: 'RETAIN', version: 3 });
    const day = String(10 + (i % 18)).padStart(2, '0');
    const m = await this.ok('voorzitter', 'POST', '/api/meetings', { scheduledAt: `2027-01-${day}T14:00:00+01:00`, location: 'Stadhuis' });
    await this.ok('casemanager', 'POST', `/api/meetings/${m.id}/agenda`, { dossierId: d.id });
    const current = await this.ok('voorzitter', 'GET', `/api/meetings/${m.id}`);
    return { id: m.id, version: current.version };
  }

  /** FINALIZE_AGENDA; true when the API acknowledged it (200). */
  async finalise(m: { id: string; version: number }): Promise<boolean> {
    const res = await this.call('voorzitter', 'POST', `/api/meetings/${m.id}/transitions`, { event: 'FINALIZE_AGENDA', version: m.version });
    return res.status === 200;
  }

  /** Who must be invited to these meetings, computed from the record (not from what the worker did). */
  async expectedInvitations(meetingIds: string[]): Promise<{ meetingId: string; userId: string; email: string }[]> {
    const { rows } = await this.db.query(
      `SELECT m.id AS "meetingId", u.id AS "userId", lower(u.email) AS email FROM meetings m
         JOIN users u ON u.tenant_id = m.tenant_id AND u.active AND u.role IN ('chair', 'casemanager', 'member')
        WHERE m.id = ANY($1::uuid[]) AND m.state = 'AGENDA_VASTGELEGD'
          AND u.partner_id IN (SELECT e.id FROM (${expectedPartnersSql('m')}) e)`,
      [meetingIds],
    );
    return rows;
  }

  /** Invitation e-mails the sink accepted, per meeting and address. */
  invitationsReceived(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.smtp.accepted) {
      if (!mail.subject.startsWith('Uitnodiging')) continue;
      const id = /\/meetings\/([0-9a-f-]{36})/.exec(mail.parts.map((p) => p.body).join('\n'))?.[1];
      for (const to of mail.to) counts.set(`${id}|${to}`, (counts.get(`${id}|${to}`) ?? 0) + 1);
    }
    return counts;
  }
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Agreements due (in two days) or overdue (two days ago), made the way users make them: a meeting held a week ago
 * whose outcome records them. Returns their ids.
 */
export async function dueAgreements(p: ChaosProduct, count: number): Promise<string[]> {
  const call = (who: string, method: string, path: string, body?: unknown) => p.ok(who, method, path, body);
  const partners: { id: string; type: string }[] = await call('casemanager', 'GET', '/api/partners');
  const politie = partners.find((x) => x.type === 'POLITIE')!.id;
  const onderwijs = partners.find((x) => x.type === 'ONDERWIJS')!.id;
  const d = await call('casemanager', 'POST', '/api/dossiers', {
    phenomenon: 'RADICALISERING', referringPartnerId: politie, receivedOn: inDays(-30), summary: 'Chaos-test afspraken.', municipality: 'Gent',
    subject: { firstName: 'Chaos', lastName: 'Afspraak', birthDate: '2008-03-14', gender: 'M', municipality: 'Gent' },
  });
  await call('casemanager', 'PUT', `/api/dossiers/${d.id}/partners`, { version: 1, partnerIds: [politie, onderwijs] });
  await call('casemanager', 'POST', `/api/dossiers/${d.id}/transitions`, { event: 'START_SCREENING', version: 2 });
  await call('casemanager', 'PUT', `/api/dossiers/${d.id}/screening`, { version: 0, answers: SCREENING });
  await call('casemanager', 'POST', `/api/dossiers/${d.id}/transitions`, { event: 'RETAIN', version: 3 });
  const m = await call('voorzitter', 'POST', '/api/meetings', { scheduledAt: `${inDays(-7)}T14:00:00+01:00`, location: 'Stadhuis' });
  const item = await call('casemanager', 'POST', `/api/meetings/${m.id}/agenda`, { dossierId: d.id });
  const event = async (e: string) => {
    const { version } = await call('voorzitter', 'GET', `/api/meetings/${m.id}`);
    await call('voorzitter', 'POST', `/api/meetings/${m.id}/transitions`, { event: e, version });
  };
  await event('FINALIZE_AGENDA');
  await call('casemanager', 'PUT', `/api/meetings/${m.id}/attendance`, { presentPartnerIds: [politie, onderwijs] });
  await event('OPEN');
  const agreements = Array.from({ length: count }, (_, i) => ({
    description: `Chaos-afspraak ${i}`, responsiblePartnerId: i % 2 ? politie : onderwijs, dueOn: inDays(i % 2 ? -2 : 2),
  }));
  await call('casemanager', 'PUT', `/api/meetings/${m.id}/agenda/${item.id}/outcome`, {
    outcome: 'DISCUSSED', endorsements: [{ partnerId: politie, endorsed: true }], agreements,
  });
  await event('CLOSE');
  const { rows } = await p.db.query(`SELECT id FROM agreements WHERE dossier_id = $1`, [d.id]);
  return rows.map((r: { id: string }) => r.id);
}

/**
 * The daily reminder run (queued as the schedule would), with the worker killed and Redis flushed once its fan-out
 * wrote the deliveries and while their e-mails go out. Every recipient of every due agreement gets one reminder.
 */
export async function runReminderScenario(p: ChaosProduct, agreements: number, timeoutMs: number): Promise<ScenarioResult> {
  const started = Date.now();
  const ids = await dueAgreements(p, agreements);
  const [{ max: outboxFrom }] = (await p.db.query(`SELECT coalesce(max(id), 0)::bigint AS max FROM outbox`)).rows;
  const { rows: expected } = await p.db.query(
    `SELECT a.id AS "agreementId", lower(u.email) AS email FROM agreements a JOIN dossiers d ON d.id = a.dossier_id
       JOIN users u ON u.tenant_id = a.tenant_id AND u.active
        AND ((u.partner_id = a.responsible_partner_id AND u.role IN ('chair', 'casemanager', 'member'))
             OR (u.role = 'casemanager' AND (u.id = d.casemanager_id
                 OR NOT EXISTS (SELECT 1 FROM users c WHERE c.id = d.casemanager_id AND c.active AND c.role = 'casemanager'))))
      WHERE a.id = ANY($1::uuid[])`,
    [ids],
  );
  p.smtp.delayMs = 50;
  await p.redis.run(async (c) => {
    const q = new Queue('notifications', { connection: c, prefix: 'kt-chaos' });
    await q.add('agreement.remind', { tenantId: null }, { jobId: `chaos-remind-${Date.now()}`, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } });
    await q.close();
  });
  const deliveriesWritten = async () => (await p.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE entity_id = ANY($1::uuid[])`, [ids])).rows[0].n;
  while ((await deliveriesWritten()) < expected.length && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 50));
  await p.killWorker();
  await p.redis.flushAll();
  await p.startWorker();
  const received = () => {
    const counts = new Map<string, number>();
    for (const mail of p.smtp.accepted) {
      if (!/Afspraak|Herinnering/.test(mail.subject)) continue;
      const id = /\/agreements\/([0-9a-f-]{36})/.exec(mail.parts.map((x) => x.body).join('\n'))?.[1];
      for (const to of mail.to) counts.set(`${id}|${to}`, (counts.get(`${id}|${to}`) ?? 0) + 1);
    }
    return counts;
  };
  const done = () => expected.every((e: { agreementId: string; email: string }) => (received().get(`${e.agreementId}|${e.email}`) ?? 0) >= 1);
  while (!done() && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 2_000));
  const got = received();
  const per = expected.map((e: { agreementId: string; email: string }) => got.get(`${e.agreementId}|${e.email}`) ?? 0);
  const expectedKeys = new Set(expected.map((e: { agreementId: string; email: string }) => `${e.agreementId}|${e.email}`));
  const unexpected = [...got.entries()].filter(([k]) => ids.includes(k.split('|')[0]) && !expectedKeys.has(k)).reduce((a, [, n]) => a + n, 0);
  const { rows: [n] } = await p.db.query(
    `SELECT (SELECT count(*)::int FROM notifications WHERE entity_id = ANY($1::uuid[]) AND dedupe_key LIKE 'agreement.reminder:%') AS notifications,
            (SELECT count(*)::int FROM outbox WHERE id > $2) AS jobs,
            (SELECT count(*)::int FROM outbox WHERE id > $2 AND completed_at IS NOT NULL) AS completed`,
    [ids, outboxFrom],
  );
  p.smtp.delayMs = 0;
  return {
    scenario: 'reminders+kill-worker+flushall', acknowledged: ids.length, committed: ids.length, expectedMails: expected.length,
    mailsReceived: per.reduce((a: number, b: number) => a + b, 0) + unexpected, notifications: n.notifications, jobsCompleted: `${n.completed}/${n.jobs}`,
    lost: per.filter((c: number) => c === 0).length, duplicated: per.reduce((a: number, c: number) => a + Math.max(0, c - 1), 0) + unexpected,
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

export interface ScenarioResult {
  scenario: string;
  acknowledged: number;
  committed: number;
  expectedMails: number;
  mailsReceived: number;
  notifications: number;
  jobsCompleted: string;
  lost: number;
  duplicated: number;
  seconds: number;
}

export type Fault = 'kill-redis' | 'flushall' | 'kill-worker' | 'kill-api' | 'smtp-refusing';

/**
 * One burst of meetings whose agenda is finalised (each an invitation to several people), with the fault injected in
 * the middle; then waits until every committed meeting's invitations are out (or the time is up) and counts.
 */
export async function runScenario(p: ChaosProduct, fault: Fault, meetings: number, timeoutMs: number): Promise<ScenarioResult> {
  const started = Date.now();
  const [{ max: outboxFrom }] = (await p.db.query(`SELECT coalesce(max(id), 0)::bigint AS max FROM outbox`)).rows;
  const prepared = [];
  for (let i = 0; i < meetings; i++) prepared.push(await p.preparedMeeting(i));
  const half = Math.ceil(meetings / 2);
  let acknowledged = 0;
  const inject = async () => {
    if (fault === 'kill-redis') {
      await p.redis.kill();
      setTimeout(() => void p.redis.start(), 1_500); // back empty, as a Redis without persistence restarts
    } else if (fault === 'flushall') {
      await p.redis.flushAll();
    } else if (fault === 'kill-worker') {
      await p.killWorker();
      setTimeout(() => void p.startWorker(), 1_500);
    } else if (fault === 'kill-api') {
      await p.killApi();
    } else {
      p.smtp.refusing = true;
      setTimeout(() => (p.smtp.refusing = false), 4_000);
    }
  };
  p.smtp.delayMs = 50; // a server that takes a moment, so the fault lands while e-mails are in flight
  for (let i = 0; i < prepared.length; i++) {
    if (i === half) await inject();
    let ok = await p.finalise(prepared[i]);
    if (!ok && fault === 'kill-api') {
      // The client retries once the API is back; a 409 then means the first attempt had committed.
      if (!p.apiRunning) await p.startApi();
      ok = await p.finalise(prepared[i]);
    }
    if (ok) acknowledged++;
  }
  if (!p.apiRunning) await p.startApi();
  const ids = prepared.map((m) => m.id);
  const expected = await p.expectedInvitations(ids);
  const done = () => {
    const got = p.invitationsReceived();
    return expected.every((e) => (got.get(`${e.meetingId}|${e.email}`) ?? 0) >= 1);
  };
  while (!done() && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 2_000)); // a late duplicate would show now
  const got = p.invitationsReceived();
  const perExpected = expected.map((e) => got.get(`${e.meetingId}|${e.email}`) ?? 0);
  const expectedKeys = new Set(expected.map((e) => `${e.meetingId}|${e.email}`));
  const unexpected = [...got.entries()].filter(([k]) => ids.includes(k.split('|')[0]) && !expectedKeys.has(k)).reduce((a, [, n]) => a + n, 0);
  const { rows: [n] } = await p.db.query(
    `SELECT (SELECT count(*)::int FROM notifications WHERE dedupe_key = ANY($1::text[])) AS notifications,
            (SELECT count(*)::int FROM outbox WHERE id > $2) AS jobs,
            (SELECT count(*)::int FROM outbox WHERE id > $2 AND completed_at IS NOT NULL) AS completed,
            (SELECT count(*)::int FROM meetings WHERE id = ANY($3::uuid[]) AND state = 'AGENDA_VASTGELEGD') AS committed`,
    [ids.map((id) => `meeting.invitation:${id}`), outboxFrom, ids],
  );
  p.smtp.delayMs = 0;
  return {
    scenario: fault, acknowledged, committed: n.committed, expectedMails: expected.length, mailsReceived: perExpected.reduce((a, b) => a + b, 0) + unexpected,
    notifications: n.notifications, jobsCompleted: `${n.completed}/${n.jobs}`, lost: perExpected.filter((c) => c === 0).length,
    duplicated: perExpected.reduce((a, c) => a + Math.max(0, c - 1), 0) + unexpected, seconds: Math.round((Date.now() - started) / 1000),
  };
}

export function table(results: ScenarioResult[]): string {
  const cols: (keyof ScenarioResult)[] = ['scenario', 'acknowledged', 'committed', 'expectedMails', 'mailsReceived', 'notifications', 'jobsCompleted', 'lost', 'duplicated', 'seconds'];
  const rows = [cols.map(String), ...results.map((r) => cols.map((c) => String(r[c])))];
  const widths = cols.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((v, i) => v.padEnd(widths[i])).join('  ')).join('\n');
}
