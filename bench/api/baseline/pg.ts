import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { benchPool, loadCaptures, minimalTransition, replay, routeOf } from './replay';

/**
 * The SQL floor: the same replay as the bare NestJS baseline, through `node:http` and `pg.Pool`, no framework.
 * Started by the bench: PORT, DATABASE_URL (the replay copy), BENCH_CAPTURE_FILE, DB_POOL_MAX.
 */

const pool = benchPool();
const captures = loadCaptures();

const json = (res: ServerResponse, status: number, body: unknown) => {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(s) });
  res.end(s);
};

const readBody = (req: IncomingMessage): Promise<string> => new Promise((resolve, reject) => {
  let s = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => { s += chunk; });
  req.on('end', () => resolve(s));
  req.on('error', reject);
});

async function handle(req: IncomingMessage, res: ServerResponse) {
  const route = routeOf(req.method ?? '', req.url ?? '', req.headers['x-bench-tenant'] as string | undefined);
  if (!route) return json(res, 404, { status: 404 });
  if (route === 'transition') {
    const id = (req.url ?? '').split('/')[3];
    const body = JSON.parse((await readBody(req)) || '{}') as { version?: number };
    const d = await minimalTransition(pool, id, Number(body.version));
    return d ? json(res, 200, d) : json(res, 404, { status: 404 });
  }
  return json(res, 200, await replay(pool, captures[route]));
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => json(res, 500, { status: 500 }));
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT || 3200), '127.0.0.1', () => process.send?.({ ready: true }));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
