import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  subject: string;
  /** Decoded bodies of every leaf part (text, calendar). */
  parts: { contentType: string; body: string }[];
}

const decodeQp = (s: string) =>
  Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

const decodeWords = (s: string) =>
  s.replace(/\r?\n[ \t]+/g, ' ').replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQp(text.replace(/_/g, ' ')));

/** Just enough MIME to read what nodemailer sends: headers, multipart boundaries, base64 and quoted-printable. */
export function parseMail(raw: string, to: string[]): ReceivedMail {
  const [head] = raw.split(/\r\n\r\n/);
  const subject = decodeWords(/^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(head)?.[1] ?? '');
  const parts: ReceivedMail['parts'] = [];
  const walk = (entity: string) => {
    const split = entity.indexOf('\r\n\r\n');
    const headers = entity.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
    const body = entity.slice(split + 4);
    const type = /^Content-Type:\s*([^\r\n]*)/im.exec(headers)?.[1] ?? 'text/plain';
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(type)?.[1];
    if (boundary) {
      for (const p of body.split(`--${boundary}`).slice(1)) if (!p.startsWith('--')) walk(p.replace(/^\r\n/, ''));
      return;
    }
    const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
    const text = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable' ? decodeQp(body) : body;
    parts.push({ contentType: type, body: text });
  };
  walk(raw);
  return { to, raw, subject, parts };
}

/**
 * A real SMTP server on 127.0.0.1 (random port) that records accepted messages. It can hold the first message to an
 * address without answering, as a server does while it is slow, so a test can kill the sender at that moment.
 */
export class TestSmtp {
  readonly accepted: ReceivedMail[] = [];
  /** While true the server refuses every message (451 at MAIL FROM), as a mail server that is down for maintenance. */
  refusing = false;
  /** Addresses refused at RCPT TO (550), as a mailbox the server does not take. */
  readonly refusedRecipients = new Set<string>();
  /** How long the server waits before accepting a message (a slow server), in ms. */
  delayMs = 0;
  /** Messages refused so far. */
  refused = 0;
  private holdFor?: { address: string; held: () => void };
  private server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onMailFrom: (_address, _session, callback) => {
        if (!this.refusing) return callback();
        this.refused++;
        callback(Object.assign(new Error('Service temporarily unavailable'), { responseCode: 451 }));
      },
      onRcptTo: (address, _session, callback) => {
        if (!this.refusedRecipients.has(address.address.toLowerCase())) return callback();
        this.refused++;
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          if (this.holdFor && to.includes(this.holdFor.address)) {
            const { held } = this.holdFor;
            this.holdFor = undefined;
            held(); // no reply: the message is not accepted unless the client waits it out
            return;
          }
          const accept = () => {
            this.accepted.push(parseMail(Buffer.concat(chunks).toString('utf8'), to));
            callback();
          };
          if (this.delayMs) setTimeout(accept, this.delayMs);
          else accept();
        });
      },
    });
    this.server.on('error', () => undefined);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
    return this;
  }

  /** Resolves once a message to this address arrived and is being held. */
  holdFirstTo(address: string): Promise<void> {
    return new Promise((held) => (this.holdFor = { address: address.toLowerCase(), held }));
  }

  to(address: string): ReceivedMail[] {
    return this.accepted.filter((m) => m.to.includes(address.toLowerCase()));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
