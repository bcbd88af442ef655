import '../../api/src/unused-modules';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { migrateQueueSchema } from '@kernteam/jobs';
import { prepareRuntime, readRuntimeConfig, runSchemaMigrations, StartRefused } from '@kernteam/persistence';
import { createWorker } from './worker.factory';

/** Production worker process: `node dist/apps/worker/src/main.js` (needs DATABASE_URL; REDIS_URL for Redis). */
async function main() {
  const logger = new Logger('Worker');
  const runtime = await prepareRuntime();
  const cfg = readRuntimeConfig();
  if (cfg.migrationsRun) await runSchemaMigrations(runtime.databaseUrl);
  if (!cfg.redisUrl) await migrateQueueSchema(runtime.databaseUrl);
  const worker = await createWorker();
  logger.log('worker started');
  const stop = async (signal: string) => {
    logger.log(`${signal}: stopping`);
    await worker.close();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  runtime.ownSignals();
}

main().catch((e) => {
  new Logger('Worker').error(e instanceof StartRefused ? e.message : e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
