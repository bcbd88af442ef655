import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readRuntimeConfig } from '@kernteam/persistence';
import { logLevels } from '../../api/src/app.factory';
import { WorkerModule } from './worker.module';

export async function createWorker(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: logLevels(readRuntimeConfig().logLevel) });
  await app.init();
  return app;
}
