import { Injectable, Logger } from '@nestjs/common';
import { OnJob } from '@kernteam/jobs';
import { TransferNotificationsService } from '@kernteam/transfers';

/**
 * Receives every committed lifecycle step from the outbox (ids and codes only) and fans it out to the domain that
 * tells people about it. Transfers are told here; the other domains' notices have jobs of their own (invitations,
 * approval requests, reminders), so their steps are only recorded as having reached the worker.
 */
@Injectable()
export class WorkflowEventsHandler {
  private readonly logger = new Logger('WorkflowEvents');

  constructor(private readonly transfers: TransferNotificationsService) {}

  @OnJob('workflow.transitioned')
  async handle(payload: Record<string, unknown>): Promise<void> {
    this.logger.debug(`${payload.entityType} ${payload.entityId} ${payload.fromState ?? '∅'} → ${payload.toState} (${payload.event})`);
    if (payload.entityType === 'Transfer') await this.transfers.onStep(payload);
  }
}
