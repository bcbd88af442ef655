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
