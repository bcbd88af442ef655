#!/usr/bin/env node
'use strict';
/**
 * Builds the server (`npm run build:server`) and the web UI (`npm run build:web`) only when their sources changed
 * since the last successful build, so `npm start` after a build starts at once.
 *
 *   node scripts/build-if-needed.js [server|web …] [--force]
 *
 * A target's fingerprint is a hash of the path, size and mtime of each of its source files (so an edit, a new file,
 * a deletion or a `git checkout` all count), written to `dist/.build/<target>.json` after the build succeeded. It is
 * computed before the build, so a file saved while the build runs triggers the next one. `--force` always builds (and
 * writes the stamp): `npm run build` uses it, so `npm test` always builds. Plain CommonJS, no dependencies.
 */
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, sep } = require('node:path');

const root = process.cwd();

/** Outside `libs/` anything; inside, only the way down to `libs/<lib>/src/<name>.machine.ts` and those files. */
function isMachinePath(rel) {
  const parts = rel.split(sep);
  if (parts[0] !== 'libs') return true;
  if (parts.length === 1 || parts.length === 2) return true;
  if (parts[2] !== 'src') return false;
  return parts.length === 3 || (parts.length === 4 && /\.machine\.ts$/.test(parts[3]));
}

const TARGETS = {
  server: {
    script: 'build:server',
    sources: ['apps', 'libs', 'migrations', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    // The web UI has its own target; a spec file is not part of the build.
    skip: (rel) => rel.startsWith(`apps${sep}web${sep}`) || rel === `apps${sep}web` || /\.(e2e-)?spec\.ts$/.test(rel),
    output: join('dist', 'apps', 'api', 'src', 'main.js'),
  },
  web: {
    script: 'build:web',
    // The bundle also imports the lifecycle machines (`libs/*/src/*.machine.ts`) for its diagrams.
    sources: [join('apps', 'web'), 'libs', 'package-lock.json'],
    skip: (rel) => rel.startsWith(join('apps', 'web', 'dist')) || rel.startsWith(join('apps', 'web', 'node_modules')) || !isMachinePath(rel),
    output: join('dist', 'web', 'index.html'),
    // Until the web UI exists there is nothing to build.
    present: () => existsSync(join(root, 'apps', 'web', 'vite.config.ts')),
  },
};

const IGNORED_DIRS = new Set(['node_modules', 'dist', '.git', '.data']);

function listFiles(rel, skip, out) {
  const abs = join(root, rel);
  let st;
  try {
    st = statSync(abs);
  } catch {
    return; // an optional source (e.g. bench/) that is not there
  }
  if (skip(rel)) return;
  if (st.isDirectory()) {
    for (const name of readdirSync(abs).sort()) if (!IGNORED_DIRS.has(name)) listFiles(join(rel, name), skip, out);
  } else if (st.isFile()) {
    out.push(`${rel.split(sep).join('/')}\0${st.size}\0${Math.trunc(st.mtimeMs)}`);
  }
}

function fingerprint(target) {
  const files = [];
  for (const s of target.sources) listFiles(s, target.skip, files);
  return { files: files.length, hash: createHash('sha256').update(files.join('\n')).digest('hex') };
}

const stampFile = (name) => join(root, 'dist', '.build', `${name}.json`);

function readStamp(name) {
  try {
    return JSON.parse(readFileSync(stampFile(name), 'utf8')).hash;
  } catch {
    return undefined;
  }
}

function runNpm(script) {
  // Under npm, npm_execpath is npm's own CLI: run it with this Node, whatever the shell.
  const npmCli = process.env.npm_execpath;
  const r = npmCli && /\.c?js$/.test(npmCli)
    ? spawnSync(process.execPath, [npmCli, 'run', script], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

// Status lines go to stderr so that `npm run cli` keeps its standard output for the command's own answer.
const say = (line) => process.stderr.write(`build-if-needed: ${line}\n`);

function main(argv) {
  const force = argv.includes('--force');
  const named = argv.filter((a) => !a.startsWith('--'));
  for (const n of named) if (!TARGETS[n]) {
    say(`unknown target "${n}" (known: ${Object.keys(TARGETS).join(', ')})`);
    return 2;
  }
  for (const name of named.length ? named : Object.keys(TARGETS)) {
    const target = TARGETS[name];
    if (target.present && !target.present()) {
      say(`${name}: no sources, skipped`);
      continue;
    }
    const fp = fingerprint(target);
    const built = existsSync(join(root, target.output));
    if (!force && built && readStamp(name) === fp.hash) {
      say(`${name} up to date`);
      continue;
    }
    if (!force && built && fp.files === 0) {
      say(`${name}: no sources here (a deployed build); using it as it is`);
      continue;
    }
    say(`${name}: ${force ? 'build requested' : built ? 'sources changed' : 'not built yet'}; running npm run ${target.script}`);
    const status = runNpm(target.script);
    if (status !== 0) {
      say(`${name}: npm run ${target.script} failed (exit ${status})`);
      return status;
    }
    mkdirSync(join(root, 'dist', '.build'), { recursive: true });
    writeFileSync(stampFile(name), `${JSON.stringify({ hash: fp.hash, files: fp.files, builtAt: new Date().toISOString() })}\n`);
    say(`${name} built`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
