import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OnJob } from '@kernteam/jobs';
import { ExportsService } from './exports.service';

/** The worker side of exports: making one (from the outbox), and the daily removal of expired files. */
@Injectable()
export class ExportJobs {
  private readonly logger = new Logger('ExportJobs');

  constructor(private readonly exports: ExportsService) {}

  @OnJob('exports.generate')
  async generate(payload: Record<string, unknown>, job: Job): Promise<void> {
    const { tenantId, exportId } = payload as { tenantId: string; exportId: string };
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.exports.generate(tenantId, exportId, lastAttempt);
  }

  @OnJob('exports.purge')
  async purge(): Promise<{ removed: number }> {
    const removed = await this.exports.purgeExpired();
    if (removed) this.logger.log(`expired export files removed: ${removed}`);
    return { removed };
  }
}
