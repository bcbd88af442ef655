import { ChildProcess, spawn } from 'node:child_process';
import IORedis from 'ioredis';

/**
 * A `redis-server` of the test's own on a free port, without persistence, that the test may kill, restart (empty, as
 * a Redis without persistence comes back) and flush. Never the machine's shared Redis.
 */
export class OwnRedis {
  private child?: ChildProcess;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.child = child;
    const until = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      const c = new IORedis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      c.on('error', () => undefined);
      const ok = await c.connect().then(() => c.ping()).then(() => true, () => false);
      c.disconnect();
      if (ok) return this;
      if (Date.now() > until) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGKILL: everything in it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = undefined;
  }

  async flushAll(): Promise<void> {
    await this.run((c) => c.flushall());
  }

  async run<T>(work: (c: IORedis) => Promise<T>): Promise<T> {
    const c = new IORedis(this.url, { maxRetriesPerRequest: 1 });
    c.on('error', () => undefined);
    try {
      return await work(c);
    } finally {
      c.disconnect();
    }
  }
}
