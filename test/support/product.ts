import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';

/** The built product's entry point, as `npm start` runs it. */
export const PRODUCT_MAIN = resolve(__dirname, '../../dist/apps/api/src/main.js');

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A non-loopback IPv4 address of this machine, if it has one. */
export const externalAddress = () =>
  Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

/** Whether a TCP connection to address:port is accepted. */
export const accepts = (address: string, port: number) =>
  new Promise<boolean>((r) => {
    const s = new Socket();
    s.setTimeout(2000);
    s.once('connect', () => (s.destroy(), r(true)));
    s.once('error', () => r(false));
    s.once('timeout', () => (s.destroy(), r(false)));
    s.connect(port, address);
  });

export interface RunningProduct {
  child: ChildProcess;
  port: number;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * Starts the built product as a child process (the embedded default is ESM-only, so it cannot run in Jest's loader)
 * and waits until `/health` answers 200, or `ready` says so. Throws with its output if it exits or takes too long.
 */
export async function startProduct(opts: {
  env: NodeJS.ProcessEnv; port: number; args?: string[]; cwd?: string; main?: string; timeoutMs?: number;
  ready?: (base: string) => Promise<boolean>;
}): Promise<RunningProduct> {
  const child = spawn(process.execPath, [opts.main ?? PRODUCT_MAIN, ...(opts.args ?? [])], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (b) => (output += b));
  child.stderr!.on('data', (b) => (output += b));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    return exited;
  };
  const base = `http://127.0.0.1:${opts.port}`;
  const ready = opts.ready ?? ((b: string) => fetch(`${b}/health`).then((r) => r.ok, () => false));
  const until = Date.now() + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`product exited: ${output}`);
    if (await ready(base)) return { child, port: opts.port, output: () => output, stop };
    if (Date.now() > until) {
      await stop();
      throw new Error(`product did not become ready: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The built worker's entry point, as `npm run start:worker` runs it. */
export const WORKER_MAIN = resolve(__dirname, '../../dist/apps/worker/src/main.js');

export interface RunningWorker {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Sends the signal (SIGTERM lets it finish its jobs, SIGKILL is a crash) and waits until it has exited. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/**
 * Starts the built worker as a process of its own (as in production) and waits until it says it started. Throws with
 * its output if it exits first or takes longer than `timeoutMs`. The output is kept across restarts when `log` is
 * passed (one log for every worker a test starts).
 */
export async function startWorker(env: NodeJS.ProcessEnv, opts: { timeoutMs?: number; log?: { text: string } } = {}): Promise<RunningWorker> {
  const log = opts.log ?? { text: '' };
  const child = spawn(process.execPath, [WORKER_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b) => (log.text += b));
  child.stderr!.on('data', (b) => (log.text += b));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const until = Date.now() + (opts.timeoutMs ?? 30_000);
  while (!/worker started/.test(log.text)) {
    if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}) while starting:\n${log.text}`);
    if (Date.now() > until) {
      await stop('SIGKILL');
      throw new Error(`the worker did not start within ${opts.timeoutMs ?? 30_000} ms:\n${log.text}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output: () => log.text, stop };
}
