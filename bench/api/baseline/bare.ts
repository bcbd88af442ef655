import 'reflect-metadata';
import { Body, Controller, Get, Headers, HttpCode, Module, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { benchPool, loadCaptures, minimalTransition, replay } from './replay';

/**
 * The framework floor: a minimal NestJS 11 (express) app, one controller per measured route, each running the
 * product's own SQL for that route (replayed, see replay.ts) through a plain `pg.Pool` of the product's size, and
 * answering the rows as JSON. No auth, no validation beyond parsing the id; the transition runs the minimal SQL.
 * Started by the bench: PORT, DATABASE_URL (the replay copy), BENCH_CAPTURE_FILE, DB_POOL_MAX.
 */

const pool = benchPool();
const captures = loadCaptures();

@Controller('api/dossiers')
class DossiersController {
  @Get()
  list(@Headers('x-bench-tenant') tenant?: string) {
    return replay(pool, tenant === 'groot' ? captures.listBig : captures.list);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) _id: string) {
    return replay(pool, captures.get);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  async transition(@Param('id', ParseUUIDPipe) id: string, @Body() body: { version?: number }) {
    const d = await minimalTransition(pool, id, Number(body?.version));
    if (!d) throw new NotFoundException();
    return d;
  }
}

@Module({ controllers: [DossiersController] })
class BareModule {}

async function main() {
  const app = await NestFactory.create(BareModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT || 3100), '127.0.0.1');
  process.send?.({ ready: true });
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
