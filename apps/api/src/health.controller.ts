import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@kernteam/access';
import { QueueRegistry } from '@kernteam/jobs';
import { TenantDb } from '@kernteam/persistence';

/** `GET /health`: the same body with 200 (database up) or 503 (database down). */
export class HealthView {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'] }) db: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) queue: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: TenantDb, private readonly queues: QueueRegistry) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthView })
  @ApiResponse({ status: 503, type: HealthView, description: 'The database is down.' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const dbUp = await Promise.race([
      this.db.dataSource.query('SELECT 1').then(() => true, () => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 2_000)),
    ]);
    const queueUp = await this.queues.isUp();
    if (!dbUp) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: dbUp ? 'ok' : 'error', db: dbUp ? 'up' : 'down', queue: queueUp ? 'up' : 'down' };
  }
}
