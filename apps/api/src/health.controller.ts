import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@kernteam/access';
import { QueueRegistry } from '@kernteam/jobs';
import { TenantDb } from '@kernteam/persistence';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: TenantDb, private readonly queues: QueueRegistry) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const dbUp = await Promise.race([
      this.db.dataSource.query('SELECT 1').then(() => true, () => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 2_000)),
    ]);
    const queueUp = await this.queues.isUp();
    if (!dbUp) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: dbUp ? 'ok' : 'error', db: dbUp ? 'up' : 'down', queue: queueUp ? 'up' : 'down' };
  }
}
