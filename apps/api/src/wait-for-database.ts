import { createServer, Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/** Longest pause between two connection attempts at start-up (seconds); the pause doubles from 1 s up to this. */
export const connectRetryMaxSeconds = () => {
  const n = Number(process.env.DB_CONNECT_RETRY_MAX_SECONDS);
  return Number.isFinite(n) && n >= 1 ? n : 30;
};

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  // A refused or dropped connection is an answer here, never a crash of the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Until the database answers: the port is held by a stand-in that answers `GET /health` with 503 (the HealthView
 * shape) and every other request with a 503 problem+json and Retry-After, while the connection is retried with
 * exponential backoff (1 s doubling up to DB_CONNECT_RETRY_MAX_SECONDS). Resolves with a function that frees the
 * port, to call right before the real application listens; resolves at once (nothing held) when the database is up.
 */
export async function waitForDatabase(url: string, port: number, host: string): Promise<() => Promise<void>> {
  if (await reachable(url)) return async () => undefined;
  const logger = new Logger('Kernteam');
  const standIn: Server = createServer((req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Retry-After', '5');
    if (req.url === '/health' || req.url?.startsWith('/health?')) {
      res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ status: 'error', db: 'down', queue: 'down' }));
      return;
    }
    res.writeHead(503, { 'Content-Type': 'application/problem+json' });
    res.end(JSON.stringify({
      type: 'urn:kernteam:problem:unavailable', title: 'Service Unavailable', status: 503, detail: 'The database is not reachable yet. Try again shortly.',
    }));
  });
  await new Promise<void>((resolve, reject) => {
    standIn.once('error', reject);
    standIn.listen(port, host, () => resolve());
  });
  let delay = 1;
  for (let attempt = 1; ; attempt++) {
    logger.warn(`database not reachable (attempt ${attempt}); /health answers 503; retrying in ${delay} s`);
    await new Promise((r) => setTimeout(r, delay * 1_000));
    if (await reachable(url)) break;
    delay = Math.min(delay * 2, connectRetryMaxSeconds());
  }
  logger.log('database reachable: starting');
  return () => new Promise<void>((resolve) => {
    standIn.close(() => resolve());
    standIn.closeAllConnections();
  });
}
