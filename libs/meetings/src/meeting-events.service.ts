import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { Problem } from '@kernteam/http';
import { readRuntimeConfig } from '@kernteam/persistence';
import type { MeetingChangeEventView, MeetingChangeKind } from './meeting-events.view';

/** The PostgreSQL channel committed meeting changes are announced on (every API replica listens). */
export const MEETING_CHANNEL = 'kernteam_meeting';
export const HEARTBEAT_MS = 15_000;
/** Every this many heartbeats (60 s) the caller's access is checked again: one query set per minute per stream. */
export const RECHECK_EVERY = 4;
const MAX_BACKOFF_MS = 30_000;

interface Notice { tenantId: string; meetingId: string; kind: MeetingChangeKind }

interface Stream {
  key: string;
  meetingId: string;
  res: Response;
  heartbeat: NodeJS.Timeout;
  beats: number;
  /** An access re-check is still running (a slow database must not pile them up). */
  checking: boolean;
}

const keyOf = (tenantId: string, meetingId: string) => `${tenantId}/${meetingId}`;

/**
 * Live updates of meetings as server-sent events. A change is announced with `pg_notify` inside the transaction that
 * makes it, so PostgreSQL delivers it only once that transaction commits (a rolled-back change announces nothing) and
 * to every API replica. No outbox row: the announcement has no side effect to retry, and nothing is left to clean up.
 * Each API process holds one dedicated connection that LISTENs (opened with the first stream, reopened with backoff
 * when the database drops it) and fans out to that process's open streams of the meeting, in the meeting's tenant.
 */
@Injectable()
export class MeetingEvents implements BeforeApplicationShutdown {
  private readonly logger = new Logger('MeetingEvents');
  private readonly streams = new Map<string, Set<Stream>>();
  private client?: Client;
  private live: Promise<void> | null = null;
  private retry?: NodeJS.Timeout;
  private failures = 0;
  private stopped = false;

  /** Announces a change of a meeting, in the caller's transaction. */
  async changed(em: EntityManager, tenantId: string, meetingId: string, kind: MeetingChangeKind): Promise<void> {
    const notice: Notice = { tenantId, meetingId, kind };
    await em.query(`SELECT pg_notify($1, $2)`, [MEETING_CHANNEL, JSON.stringify(notice)]);
  }

  /**
   * Turns the response into an event stream of this meeting (access was checked by the caller). Returns once the
   * listener is live, so no change committed after the client saw the stream open can be missed. `stillAllowed` runs
   * every RECHECK_EVERY heartbeats; the stream ends once it says no (session ended or expired, account off, meeting
   * out of sight).
   */
  async open(req: Request, res: Response, tenantId: string, meetingId: string, stillAllowed: () => Promise<boolean>): Promise<void> {
    try {
      await this.listen();
    } catch {
      throw new Problem(503, 'Live updates are not available right now; reload the meeting to see changes.', 'urn:kernteam:problem:unavailable');
    }
    // A client gone while access was checked or the listener connected: its `close` has fired already, so a stream
    // registered now would never be removed.
    if (res.destroyed) return;
    res.status(200);
    // Cache-Control: no-store comes with every /api answer.
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('X-Accel-Buffering', 'no');
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    res.flushHeaders();
    // The first bytes tell the client (and any proxy) the stream is open; `retry` paces EventSource's reconnects.
    res.write(': connected\nretry: 5000\n\n');
    const key = keyOf(tenantId, meetingId);
    const stream: Stream = {
      key, meetingId, res, beats: 0, checking: false,
      // The heartbeat keeps proxies from closing an idle stream.
      heartbeat: setInterval(() => this.beat(stream, stillAllowed), HEARTBEAT_MS),
    };
    stream.heartbeat.unref();
    if (!this.streams.has(key)) this.streams.set(key, new Set());
    this.streams.get(key)!.add(stream);
    res.on('close', () => this.remove(stream));
  }

  /** Open streams of this process: the listener reconnects only while there are any. */
  get openStreams(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    // Ended streams let the HTTP server close; EventSource clients reconnect to another replica.
    for (const set of [...this.streams.values()]) for (const s of [...set]) this.close(s);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private listen(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('stopping'));
    this.live ??= this.connect().catch((e) => {
      this.live = null;
      throw e;
    });
    return this.live;
  }

  private async connect(): Promise<void> {
    const cfg = readRuntimeConfig();
    const client = new Client({ connectionString: cfg.databaseUrl, application_name: 'kernteam-meeting-events' });
    client.on('notification', (n) => n.channel === MEETING_CHANNEL && this.deliver(n.payload));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${MEETING_CHANNEL}`);
    } catch (e) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw e;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      throw new Error('stopping');
    }
    this.client = client;
    this.failures = 0;
  }

  /** The listening connection is gone: reconnect with backoff while streams are open, then tell them to re-read. */
  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.live = null;
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn('meeting events listener lost its database connection; reconnecting');
    this.reconnect();
  }

  private reconnect(): void {
    if (this.stopped || !this.openStreams) return;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.failures);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.listen().then(
        () => this.resyncAll(),
        () => {
          this.failures++;
          this.reconnect();
        },
      );
    }, delay);
    this.retry.unref();
  }

  /** Changes committed while no connection listened were not announced: every open stream re-reads. */
  private resyncAll(): void {
    for (const set of this.streams.values()) for (const s of set) this.event(s, 'resync');
  }

  private deliver(payload: string | undefined): void {
    let notice: Notice;
    try {
      notice = JSON.parse(payload ?? '') as Notice;
    } catch {
      return;
    }
    for (const s of this.streams.get(keyOf(notice.tenantId, notice.meetingId)) ?? []) this.event(s, notice.kind);
  }

  private beat(s: Stream, stillAllowed: () => Promise<boolean>): void {
    if (s.res.destroyed) return this.remove(s);
    this.write(s, ': heartbeat\n\n');
    if (++s.beats % RECHECK_EVERY || s.checking) return;
    s.checking = true;
    stillAllowed()
      .then((ok) => ok || this.close(s), () => this.close(s))
      .finally(() => (s.checking = false));
  }

  private event(s: Stream, kind: MeetingChangeKind): void {
    const data: MeetingChangeEventView = { meetingId: s.meetingId, kind };
    this.write(s, `event: meeting\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private write(s: Stream, chunk: string): void {
    if (!s.res.writableEnded && !s.res.destroyed) s.res.write(chunk);
  }

  private close(s: Stream): void {
    this.remove(s);
    if (!s.res.writableEnded) s.res.end();
  }

  private remove(s: Stream): void {
    clearInterval(s.heartbeat);
    const set = this.streams.get(s.key);
    if (!set) return;
    set.delete(s);
    if (!set.size) this.streams.delete(s.key);
  }
}
