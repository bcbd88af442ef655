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

/** A built process of the product, started by a test. */
export interface RunningProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Sends the signal (SIGTERM: a clean stop; SIGKILL: a crash), then the exit code once it has exited. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export interface RunningProduct extends RunningProcess {
  port: number;
}

/**
 * Starts a built entry point as a child process and waits until `ready` holds. Throws with its output if it exits first
 * or takes longer than `timeoutMs` (then it is stopped, as a clean stop lets the embedded database stop too). `log` keeps the output of every process a test starts in one
 * place (a worker started again).
 */
async function startBuilt(main: string, opts: {
  what: string; env: NodeJS.ProcessEnv; args?: string[]; cwd?: string; timeoutMs: number; pollMs: number; log?: { text: string };
  ready: (output: string) => Promise<boolean> | boolean;
}): Promise<RunningProcess> {
  const log = opts.log ?? { text: '' };
  const child = spawn(process.execPath, [main, ...(opts.args ?? [])], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b) => (log.text += b));
  child.stderr!.on('data', (b) => (log.text += b));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const until = Date.now() + opts.timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${opts.what} exited (${child.exitCode}) while starting:\n${log.text}`);
    if (await opts.ready(log.text)) return { child, output: () => log.text, stop };
    if (Date.now() > until) {
      await stop();
      throw new Error(`${opts.what} did not become ready within ${opts.timeoutMs} ms:\n${log.text}`);
    }
    await new Promise((r) => setTimeout(r, opts.pollMs));
  }
}

/**
 * Starts the built product as a child process (the embedded default is ESM-only, so it cannot run in Jest's loader)
 * and waits until `/health` answers 200, or `ready` says so. Throws with its output if it exits or takes too long.
 */
export async function startProduct(opts: {
  env: NodeJS.ProcessEnv; port: number; args?: string[]; cwd?: string; main?: string; timeoutMs?: number;
  ready?: (base: string) => Promise<boolean>;
}): Promise<RunningProduct> {
  const base = `http://127.0.0.1:${opts.port}`;
  const ready = opts.ready ?? ((b: string) => fetch(`${b}/health`).then((r) => r.ok, () => false));
  const started = await startBuilt(opts.main ?? PRODUCT_MAIN, {
    what: 'product', env: opts.env, args: opts.args, cwd: opts.cwd, timeoutMs: opts.timeoutMs ?? 90_000, pollMs: 250, ready: () => ready(base),
  });
  return { ...started, port: opts.port };
}

/** The built worker's entry point, as `npm run start:worker` runs it. */
export const WORKER_MAIN = resolve(__dirname, '../../dist/apps/worker/src/main.js');

/**
 * Starts the built worker as a process of its own (as in production) and waits until it says it started. The output is
 * kept across restarts when `log` is passed.
 */
export const startWorker = (env: NodeJS.ProcessEnv, opts: { timeoutMs?: number; log?: { text: string } } = {}): Promise<RunningProcess> =>
  startBuilt(WORKER_MAIN, { what: 'the worker', env, log: opts.log, timeoutMs: opts.timeoutMs ?? 30_000, pollMs: 50, ready: (out) => /worker started/.test(out) });
