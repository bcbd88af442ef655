#!/usr/bin/env node
// `npm run fuzz -- --requests 20000 [--seed 42] [--seconds 1800]`: the long form of the API fuzzer (test/fuzz/), on a
// fresh test database like every e2e test; prints the responses by status and route class.
const { spawnSync } = require('node:child_process');
const { parseArgs } = require('node:util');

const { values } = parseArgs({ options: { requests: { type: 'string', default: '20000' }, seed: { type: 'string' }, seconds: { type: 'string' } }, strict: true });
const requests = Number(values.requests);
const env = {
  ...process.env,
  FUZZ_REQUESTS: String(requests),
  FUZZ_SECONDS: values.seconds ?? String(Math.max(240, Math.ceil(requests / 8))),
  ...(values.seed ? { FUZZ_SEED: values.seed } : {}),
};
const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--selectProjects', 'e2e', '--runInBand', 'test/fuzz/fuzz.e2e-spec.ts'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
