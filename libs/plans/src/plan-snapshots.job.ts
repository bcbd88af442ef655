import { Injectable, Logger } from '@nestjs/common';
import { OnJob } from '@kernteam/jobs';
import { PlansService } from './plans.service';

/** Nightly (SCHEDULES['plans-live-snapshots']): the current year's LIVE snapshot of every running plan, replaced. */
@Injectable()
export class PlanSnapshotsJob {
  private readonly logger = new Logger('PlanSnapshots');

  constructor(private readonly plans: PlansService) {}

  @OnJob('plans.live-snapshots')
  async handle(): Promise<{ written: number }> {
    const written = await this.plans.refreshLiveSnapshots();
    this.logger.log(`live snapshots written: ${written}`);
    return { written };
  }
}
