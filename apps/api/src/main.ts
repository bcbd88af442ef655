import './unused-modules';
import 'reflect-metadata';
import type { Server } from 'node:http';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { migrateQueueSchema } from '@kernteam/jobs';
import { prepareRuntime, readRuntimeConfig, runSchemaMigrations, StartRefused } from '@kernteam/persistence';
import { createWorker } from '../../worker/src/worker.factory';
import { createApiApp } from './app.factory';
import { seedDemoIfEmpty } from './demo';
import { checkDemoOidc, startDemoOidc } from './demo-oidc';
import { waitForDatabase } from './wait-for-database';

/**
 * `npm start`: the whole product in one process, API and worker, unless `RUN_WORKER=false` (`npm run start:api`, for
 * deployments that run `start:worker` apart, passes `--without-worker`, which makes that the default). Without
 * DATABASE_URL it runs a real PostgreSQL under ./.data, listens on 127.0.0.1 only (a demo is not a server), and on an
 * empty database creates the demo tenant and prints its logins.
 */
async function main() {
  const logger = new Logger('Kernteam');
  checkDemoOidc();
  const runtime = await prepareRuntime();
  const cfg = readRuntimeConfig();
  const host = process.env.HOST || (runtime.embedded ? '127.0.0.1' : '0.0.0.0');
  // A database that is not up yet (started after the product, or restarting) is waited for, not a failed start.
  const releasePort = await waitForDatabase(runtime.databaseUrl, cfg.port, host);
  if (cfg.migrationsRun) {
    const applied = await runSchemaMigrations(runtime.databaseUrl);
    if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`);
  }
  if (!cfg.redisUrl) await migrateQueueSchema(runtime.databaseUrl);
  const app = await createApiApp();
  let worker: INestApplicationContext | undefined;
  let demoIdp: Server | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    // Connections the database ends while it shuts down are expected now, not a crash.
    process.on('uncaughtException', (e: Error & { code?: string }) => {
      if (e.code === '57P01') return;
      logger.error(e.stack ?? String(e));
      process.exit(1);
    });
    demoIdp?.close();
    await worker?.close().catch(() => undefined);
    await app.close().catch(() => undefined);
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  runtime.ownSignals();
  if (runtime.embedded) await seedDemoIfEmpty(app, cfg.dataDir);
  demoIdp = await startDemoOidc(app, cfg);
  await releasePort();
  await app.listen(cfg.port, host);
  // Without the worker an export stays QUEUED and no e-mail leaves: only a split deployment leaves it out.
  const runWorker = cfg.runWorker ?? !process.argv.includes('--without-worker');
  if (runWorker) worker = await createWorker();
  logger.log(`listening on ${host}:${cfg.port} (http://localhost:${cfg.port}, API docs: /api/docs; database: ${runtime.embedded ? 'embedded' : 'DATABASE_URL'}; queue: ${cfg.redisUrl ? 'Redis' : 'PostgreSQL'}; worker: ${runWorker ? 'in process' : 'separate'})`);
}

main().catch((e) => {
  new Logger('Kernteam').error(e instanceof StartRefused ? e.message : e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
