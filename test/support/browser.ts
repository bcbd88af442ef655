import type { Server } from 'node:http';
import { IncomingHttpHeaders, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PASSWORD, TestApp } from './app';

/** A signed-in browser: the cookie header it sends back, the CSRF token the web UI keeps in memory, the sign-in answer. */
export interface Browser {
  cookie: string;
  csrf: string;
  setCookie: string;
  body: { user: Record<string, unknown>; csrfToken: string; idleTimeoutSeconds: number; expiresAt: string; mfaEnrolmentRequired?: boolean };
}

/** Signs in through `POST /api/auth/session`, as the web UI does. */
export async function signInBrowser(t: TestApp, email: string, headers: Record<string, string> = {}, password = PASSWORD): Promise<Browser> {
  const res = await t.http().post('/api/auth/session').set(headers).send({ email, password });
  if (res.status !== 200) throw new Error(`session sign-in ${email} → ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
  return { cookie: setCookie.split(';')[0], csrf: res.body.csrfToken, setCookie, body: res.body };
}

export const withCookie = (b: Browser) => ({ Cookie: b.cookie });
export const withCsrf = (b: Browser) => ({ Cookie: b.cookie, 'X-CSRF-Token': b.csrf });

export interface SseEvent { event: string; data: string }

/** An open `text/event-stream` response, parsed as it arrives; or, when the server refused, its status and body. */
export interface EventStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body of a refusal (not 200). */
  body: string;
  events: SseEvent[];
  comments: string[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  isEnded(): boolean;
  /** The next event (after those already seen by earlier calls) matching `match`, or null after `ms`. */
  next(ms: number, match?: (e: SseEvent) => boolean): Promise<SseEvent | null>;
  close(): void;
}

/** The app's server address, listening on a free port first if it was not yet. */
export async function listening(t: TestApp): Promise<AddressInfo> {
  const server = t.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address() as AddressInfo;
}

/**
 * Opens an event stream the way EventSource does and resolves once the first bytes arrived (the server is then
 * listening for changes), or once a refusal was read in full. supertest waits for the end of a body, which never comes.
 */
export async function openEventStream(t: TestApp, path: string, headers: Record<string, string>): Promise<EventStream> {
  const { port } = await listening(t);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      res.setEncoding('utf8');
      let buffer = '';
      let seen = 0;
      let ended = false;
      const waiters = new Set<() => void>();
      const wake = () => waiters.forEach((w) => w());
      const stream: EventStream = {
        status: res.statusCode ?? 0, headers: res.headers, body: '', events: [], comments: [],
        ended: new Promise((done) => res.on('close', () => { ended = true; wake(); done(); })),
        isEnded: () => ended,
        async next(ms, match = () => true) {
          const until = Date.now() + ms;
          for (;;) {
            while (seen < stream.events.length) {
              const e = stream.events[seen++];
              if (match(e)) return e;
            }
            const left = until - Date.now();
            if (left <= 0 || ended) return null;
            await new Promise<void>((r) => {
              const w = () => { waiters.delete(w); clearTimeout(timer); r(); };
              const timer = setTimeout(w, left);
              waiters.add(w);
            });
          }
        },
        close: () => req.destroy(),
      };
      if (stream.status !== 200) {
        res.on('data', (c: string) => (stream.body += c));
        res.on('end', () => resolve(stream));
        return;
      }
      let opened = false;
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
            else if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trim());
          }
          if (data.length) stream.events.push({ event, data: data.join('\n') });
        }
        wake();
        if (!opened) {
          opened = true;
          resolve(stream);
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', reject);
    req.end();
  });
}
