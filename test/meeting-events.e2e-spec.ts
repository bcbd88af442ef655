import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { MeetingEvents } from '@kernteam/meetings';
import { TenantDb } from '@kernteam/persistence';
import { bearer, seedTenant, startApp, TestApp, TestTenant } from './support/app';
import { Browser, EventStream, listening, openEventStream, signInBrowser, withCookie, withCsrf } from './support/browser';
import { as, endorsedBy, holdMeeting, meetingEvent, planMeeting, recordOutcome, retainedDossier, setAttendance } from './support/meetings';

const hash = (v: string) => createHash('sha256').update(v).digest('hex');
const sessionHash = (b: Browser) => hash(b.cookie.slice(b.cookie.indexOf('=') + 1));

/** The chair's live meeting mode: one stream per open page, an event per committed change, the page re-reads. */
describe('meeting change events (GET /api/meetings/:id/events)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let meetingId: string;
  let itemId: string;
  let chair: Browser;
  const streams: EventStream[] = [];
  const open = async (path: string, headers: Record<string, string>) => {
    const s = await openEventStream(t, path, headers);
    streams.push(s);
    return s;
  };
  const events = (id: string) => `/api/meetings/${id}/events`;

  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Events');
    const d = await retainedDossier(t, tenant, ['Politie']);
    const held = await holdMeeting(t, tenant, { dossierIds: [d.id], present: ['Burgemeester', 'Politie'] });
    meetingId = held.meeting.id;
    itemId = held.items[d.id];
    chair = await signInBrowser(t, tenant.emails.chair);
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await t.close();
  });

  it('opens for the chair with the session cookie, and a committed outcome arrives within 2 s, without content', async () => {
    const s = await open(events(meetingId), withCookie(chair));
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(s.headers['cache-control']).toBe('no-store');
    expect(s.headers['x-accel-buffering']).toBe('no');
    expect(s.headers['x-session-expires-at']).toEqual(expect.any(String));
    const sent = Date.now();
    await recordOutcome(t, tenant, meetingId, itemId, { outcome: 'POSTPONED' }).expect(200);
    const e = await s.next(2_000);
    expect(Date.now() - sent).toBeLessThan(2_000);
    expect(e).toEqual({ event: 'meeting', data: expect.any(String) });
    expect(JSON.parse(e!.data)).toEqual({ meetingId, kind: 'outcome' });
    // The page then re-reads the meeting, where the access rules apply.
    const meeting = await t.http().get(`/api/meetings/${meetingId}`).set(withCookie(chair)).expect(200);
    expect(meeting.body.agenda[0].outcome).toBe('POSTPONED');
  });

  it('is checked like GET /api/meetings/:id before it opens: evaluator 403, a member not expected 404, nobody 401', async () => {
    const evaluator = await signInBrowser(t, tenant.emails.evaluator);
    const refused = await open(events(meetingId), withCookie(evaluator));
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    const ocmw = await open(events(meetingId), bearer(tenant.tokens.ocmw));
    expect(ocmw.status).toBe(404);
    expect(JSON.parse(ocmw.body)).toMatchObject({ status: 404, type: 'urn:kernteam:problem:not-found' });
    expect((await open(events('6f1c1d0e-0000-4000-8000-000000000000'), withCookie(chair))).status).toBe(404);
    expect((await open(events(meetingId), {})).status).toBe(401);
    // The police is expected at this meeting: it may follow it, with its Bearer token as well.
    const police = await open(events(meetingId), bearer(tenant.tokens.police));
    expect(police.status).toBe(200);
    police.close();
  });

  it('does not count as session activity', async () => {
    const b = await signInBrowser(t, tenant.emails.chair);
    await t.app.get(TenantDb).system((em) => em.query(`UPDATE sessions SET last_seen_at = now() - interval '10 minutes' WHERE id_hash = $1`, [sessionHash(b)]));
    const read = async () => (await t.app.get(TenantDb).system((em) => em.query(`SELECT last_seen_at FROM sessions WHERE id_hash = $1`, [sessionHash(b)])))[0].last_seen_at as Date;
    const before = await read();
    const s = await open(events(meetingId), withCookie(b));
    expect(s.status).toBe(200);
    expect(new Date(s.headers['x-session-expires-at'] as string).getTime()).toBe(before.getTime() + 30 * 60_000);
    expect((await read()).getTime()).toBe(before.getTime());
    s.close();
  });

  it('stays quiet for other meetings and for refused changes, and keeps delivering to every open stream', async () => {
    const s = streams[0];
    const police = await open(events(meetingId), bearer(tenant.tokens.police));
    const other = await planMeeting(t, tenant);
    await setAttendance(t, tenant, other.id, ['Politie']).expect(200);
    // An endorsement by a partner who is not present is refused (422) and changes nothing.
    await recordOutcome(t, tenant, meetingId, itemId, { outcome: 'DISCUSSED', endorsements: endorsedBy(tenant, ['OCMW']) }).expect(422);
    expect(await s.next(700)).toBeNull();
    await recordOutcome(t, tenant, meetingId, itemId, { outcome: 'DISCUSSED', endorsements: endorsedBy(tenant, ['Politie']) }).expect(200);
    await meetingEvent(t, tenant, meetingId, 'CLOSE').expect(200);
    for (const stream of [s, police]) {
      expect(JSON.parse((await stream.next(2_000))!.data)).toEqual({ meetingId, kind: 'outcome' });
      expect(JSON.parse((await stream.next(2_000))!.data)).toEqual({ meetingId, kind: 'transition' });
    }
    expect(s.isEnded()).toBe(false);
  });

  it('sends a heartbeat every 15 s and ends the stream at the next access check (every 60 s) once the session was signed out', async () => {
    const b = await signInBrowser(t, tenant.emails.chair);
    const s = await open(events(meetingId), withCookie(b));
    await t.http().delete('/api/auth/session').set(withCsrf(b)).expect(204);
    await Promise.race([s.ended, new Promise((r) => setTimeout(r, 17_000))]);
    expect(s.comments).toContain('heartbeat');
    expect(s.isEnded()).toBe(false);
    await Promise.race([s.ended, new Promise((r) => setTimeout(r, 47_000))]);
    expect(s.isEnded()).toBe(true);
  }, 80_000);

  it('keeps no stream of a client that went away while its access was checked', async () => {
    const service = t.app.get(MeetingEvents);
    const before = service.openStreams;
    const { port } = await listening(t);
    // Gone at different moments of the access check (session, meeting, listener).
    for (const ms of [1, 2, 4, 8, 16, 32]) {
      // A fresh connection each (a kept-alive one would not announce `connect`).
      const req = httpRequest({ host: '127.0.0.1', port, agent: false, path: events(meetingId), headers: { Accept: 'text/event-stream', ...withCookie(chair) } });
      req.on('error', () => undefined);
      req.on('socket', (socket) => socket.on('connect', () => setTimeout(() => req.destroy(), ms)));
      req.end();
    }
    // The handlers finish after the clients left; then nothing of theirs is left open.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(service.openStreams).toBe(before);
  });

  it('reconnects when the database drops the listening connection, and tells open streams to re-read', async () => {
    const s = await open(events(meetingId), withCookie(chair));
    const [{ n }] = await t.app.get(TenantDb).system((em) => em.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'kernteam-meeting-events'`,
    ));
    expect(n).toBe(1);
    expect(JSON.parse((await s.next(5_000))!.data)).toEqual({ meetingId, kind: 'resync' });
    await t.http().get(`/api/meetings/${meetingId}`).set(withCookie(chair)).expect(200);
    const m = await planMeeting(t, tenant);
    const other = await open(events(m.id), withCookie(chair));
    await t.http().patch(`/api/meetings/${m.id}`).set(as(tenant, 'chair')).send({ version: m.version, location: 'Zaal 5' }).expect(200);
    expect(JSON.parse((await other.next(2_000))!.data)).toEqual({ meetingId: m.id, kind: 'details' });
    s.close();
    other.close();
  });

  it('reaches a stream held by another API process (change committed through this one), and that process closes cleanly', async () => {
    const replica = await startApp();
    const m = await planMeeting(t, tenant);
    const s = await openEventStream(replica, events(m.id), withCookie(chair));
    expect(s.status).toBe(200);
    await t.http().patch(`/api/meetings/${m.id}`).set(as(tenant, 'chair')).send({ version: m.version, location: 'Zaal 4' }).expect(200);
    expect(JSON.parse((await s.next(2_000))!.data)).toEqual({ meetingId: m.id, kind: 'details' });
    const closed = await Promise.race([replica.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('hung'), 5_000))]);
    expect(closed).toBe('closed');
    await Promise.race([s.ended, new Promise((r) => setTimeout(r, 1_000))]);
    expect(s.isEnded()).toBe(true);
  });
});
