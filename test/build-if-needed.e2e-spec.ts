import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * `npm start` and `npm run cli` build only what changed (scripts/build-if-needed.js), while `npm run build` (and so
 * `npm test`) always builds. Run on a small project of the same shape whose build scripts only record that they ran.
 */
const SCRIPT = resolve(__dirname, '../scripts/build-if-needed.js');

describe('scripts/build-if-needed.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kernteam-build-'));
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  let clock = Date.now() / 1000;
  /** Saves a file with a later mtime, as an editor would. */
  const edit = (rel: string, text: string) => {
    write(rel, text);
    clock += 10;
    utimesSync(join(dir, rel), clock, clock);
  };
  const record = (target: string, output: string) =>
    `node -e "const fs=require('fs');if(process.env.FAIL_BUILD==='${target}')process.exit(3);fs.mkdirSync(require('path').dirname('${output}'),{recursive:true});fs.writeFileSync('${output}','');fs.appendFileSync('builds.log','${target}\\n')"`;
  const builds = () => {
    try {
      return readFileSync(join(dir, 'builds.log'), 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  const run = (args: string[] = [], env: NodeJS.ProcessEnv = {}) => {
    rmSync(join(dir, 'builds.log'), { force: true });
    const childEnv = { ...process.env, ...env };
    delete childEnv.npm_execpath; // the plain `npm` on PATH, as outside npm
    const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: dir, env: childEnv, encoding: 'utf8' });
    return { status: r.status, out: `${r.stdout}${r.stderr}`, built: builds() };
  };

  beforeAll(() => {
    write('package.json', JSON.stringify({
      name: 'fixture', private: true,
      scripts: { 'build:server': record('server', 'dist/apps/api/src/main.js'), 'build:web': record('web', 'dist/web/index.html') },
    }));
    write('package-lock.json', '{}');
    write('tsconfig.json', '{}');
    write('apps/api/src/main.ts', 'export {};');
    write('libs/a/src/a.ts', 'export const a = 1;');
    write('libs/a/src/a.spec.ts', 'test');
    write('libs/a/src/a.machine.ts', 'export const machine = {};');
    write('libs/a/src/a.machine.spec.ts', 'test');
    write('migrations/1-init.ts', 'export {};');
    write('apps/web/vite.config.ts', 'export default {};');
    write('apps/web/src/main.tsx', 'export {};');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds what was never built, then nothing until a source changes', () => {
    const first = run();
    expect(first.status).toBe(0);
    expect(first.built).toEqual(['server', 'web']);
    const second = run();
    expect(second.status).toBe(0);
    expect(second.built).toEqual([]);
    expect(second.out).toContain('build-if-needed: server up to date');
    expect(second.out).toContain('build-if-needed: web up to date');
  });

  it('rebuilds only the target whose sources changed (an edit, a new file, a deletion)', () => {
    edit('libs/a/src/a.ts', 'export const a = 2;');
    expect(run().built).toEqual(['server']);
    edit('libs/a/src/b.ts', 'export const b = 1;');
    expect(run().built).toEqual(['server']);
    unlinkSync(join(dir, 'libs/a/src/b.ts'));
    expect(run().built).toEqual(['server']);
    edit('apps/web/src/main.tsx', 'export const x = 1;');
    expect(run().built).toEqual(['web']);
    // The web UI draws the lifecycle diagrams from the machines themselves.
    edit('libs/a/src/a.machine.ts', 'export const machine = { initial: "A" };');
    expect(run().built).toEqual(['server', 'web']);
    edit('package-lock.json', '{"lockfileVersion":3}');
    expect(run().built).toEqual(['server', 'web']);
    expect(run().built).toEqual([]);
  });

  it('ignores what is not a source of the build: the web build output and spec files', () => {
    edit('apps/web/dist/assets/index.js', 'built');
    edit('libs/a/src/a.spec.ts', 'another test');
    edit('libs/a/src/a.machine.spec.ts', 'another test');
    expect(run().built).toEqual([]);
  });

  it('builds again when the output is gone or the last build failed, and always with --force', () => {
    rmSync(join(dir, 'dist/web'), { recursive: true });
    expect(run().built).toEqual(['web']);
    edit('libs/a/src/a.ts', 'export const a = 3;');
    const failed = run([], { FAIL_BUILD: 'server' });
    expect(failed.status).not.toBe(0);
    expect(failed.out).toContain('server: npm run build:server failed');
    expect(run().built).toEqual(['server']); // no stamp was written for the failed build
    expect(run(['--force']).built).toEqual(['server', 'web']);
    expect(run(['server']).built).toEqual([]);
  });

  it('uses a deployed build that came without its sources', () => {
    const deployed = mkdtempSync(join(tmpdir(), 'kernteam-deployed-'));
    try {
      mkdirSync(join(deployed, 'dist/apps/api/src'), { recursive: true });
      writeFileSync(join(deployed, 'dist/apps/api/src/main.js'), '');
      const r = spawnSync(process.execPath, [SCRIPT, 'server'], { cwd: deployed, encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('server: no sources here (a deployed build); using it as it is');
    } finally {
      rmSync(deployed, { recursive: true, force: true });
    }
  });

  it('skips the web UI while there is none', () => {
    unlinkSync(join(dir, 'apps/web/vite.config.ts'));
    const r = run();
    expect(r.status).toBe(0);
    expect(r.out).toContain('web: no sources, skipped');
  });
});
