import { Injectable } from '@nestjs/common';
import { OnJob } from '@kernteam/jobs';
import { RetentionRun, RetentionService } from './retention.service';

/** Daily (SCHEDULES['retention-daily']). */
@Injectable()
export class RetentionJob {
  constructor(private readonly retention: RetentionService) {}

  @OnJob('retention.anonymise')
  handle(): Promise<RetentionRun> {
    return this.retention.run();
  }
}
