#!/usr/bin/env node
// Extracts every message of the web UI (its Dutch default text) into src/i18n/nl-BE.json and checks that
// src/i18n/fr-BE.json translates exactly the same ids. A missing or stale French key fails the build.
// `--check` only compares (CI drift check); without it nl-BE.json is rewritten.
'use strict';
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync, mkdtempSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { tmpdir } = require('node:os');

const web = resolve(__dirname, '..');
const i18n = join(web, 'src/i18n');
const check = process.argv.includes('--check');
const tmp = mkdtempSync(join(tmpdir(), 'kernteam-messages-'));
const out = join(tmp, 'nl-BE.json');
try {
  execFileSync(
    process.execPath,
    [require.resolve('@formatjs/cli/bin/formatjs'), 'extract', 'src/**/*.{ts,tsx}', '--ignore', 'src/**/*.spec.ts', '--ignore', 'src/**/*.d.ts',
      '--out-file', out, '--format', 'simple', '--throws'],
    { cwd: web, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const nl = sortKeys(JSON.parse(readFileSync(out, 'utf8')));
  const fr = JSON.parse(readFileSync(join(i18n, 'fr-BE.json'), 'utf8'));
  const missing = Object.keys(nl).filter((k) => !(k in fr));
  const extra = Object.keys(fr).filter((k) => !(k in nl));
  const empty = Object.keys(fr).filter((k) => typeof fr[k] !== 'string' || !fr[k].trim());
  const nlText = JSON.stringify(nl, null, 2) + '\n';
  let current = '';
  try { current = readFileSync(join(i18n, 'nl-BE.json'), 'utf8'); } catch { /* first run */ }
  const problems = [];
  if (missing.length) problems.push(`fr-BE.json lacks ${missing.length} message(s): ${missing.join(', ')}`);
  if (extra.length) problems.push(`fr-BE.json has message(s) no code uses: ${extra.join(', ')}`);
  if (empty.length) problems.push(`fr-BE.json has empty message(s): ${empty.join(', ')}`);
  if (check && current !== nlText) problems.push('src/i18n/nl-BE.json is stale: run `npm run messages`');
  if (!check) writeFileSync(join(i18n, 'nl-BE.json'), nlText);
  if (problems.length) {
    for (const p of problems) console.error(`messages: ${p}`);
    process.exit(1);
  }
  console.log(`messages: ${Object.keys(nl).length} ids, nl-BE and fr-BE complete`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

function sortKeys(o) {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
