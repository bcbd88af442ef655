import { Queue } from 'bullmq';
import { SCHEDULES } from '@kernteam/jobs';
import { ChaosProduct, Fault, runReminderScenario, runScenario, ScenarioResult, table } from './harness';

/**
 * Chaos against the built product (split API and worker, its own database, Redis and SMTP sink): Redis killed,
 * Redis flushed, the worker killed, the API killed and the SMTP server refusing, each in the middle of a burst of
 * meetings whose agenda is finalised. Every invitation of every committed meeting must arrive exactly once.
 * Short form in the normal suite; `npm run chaos` (CHAOS=long) runs longer bursts and prints the table.
 */
const LONG = process.env.CHAOS === 'long';
const MEETINGS = LONG ? 12 : 3;
const FAULTS: Fault[] = ['flushall', 'kill-redis', 'kill-worker', 'kill-api', 'smtp-refusing'];

describe('chaos: losing Redis, the worker, the API or SMTP loses no e-mail and duplicates none', () => {
  const product = new ChaosProduct();
  const results: ScenarioResult[] = [];

  beforeAll(async () => {
    await product.start();
  }, 120_000);
  afterAll(async () => {
    if (results.length) process.stdout.write(`\n${table(results)}\n\n`);
    if (process.env.SHOW_WORKER_LOG) process.stdout.write(product.workerLog);
    await product.stop();
  });

  for (const fault of FAULTS) {
    it(`${fault}: every committed meeting's invitations arrive once`, async () => {
      const r = await runScenario(product, fault, MEETINGS, LONG ? 180_000 : 45_000);
      results.push(r);
      expect({ lost: r.lost, duplicated: r.duplicated }).toEqual({ lost: 0, duplicated: 0 });
      expect(r.committed).toBeGreaterThanOrEqual(r.acknowledged);
      expect(r.expectedMails).toBeGreaterThan(0);
      expect(r.notifications).toBe(r.expectedMails);
    }, LONG ? 300_000 : 90_000);
  }

  it('agreements due: the worker killed and Redis flushed while reminders go out, every reminder arrives once', async () => {
    const r = await runReminderScenario(product, LONG ? 10 : 4, LONG ? 180_000 : 45_000);
    results.push(r);
    expect({ lost: r.lost, duplicated: r.duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(r.expectedMails).toBeGreaterThan(0);
    expect(r.notifications).toBe(r.expectedMails);
  }, LONG ? 300_000 : 90_000);

  it('the schedules are all back after the faults', async () => {
    const count = () => product.redis.run(async (c) => {
      let n = 0;
      for (const name of ['notifications', 'maintenance']) {
        const q = new Queue(name, { connection: c, prefix: 'kt-chaos' });
        n += (await q.getJobSchedulers(0, -1)).length;
        await q.close();
      }
      return n;
    });
    const until = Date.now() + 20_000;
    while ((await count()) !== Object.keys(SCHEDULES).length && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    expect(await count()).toBe(Object.keys(SCHEDULES).length);
  }, 30_000);
});
