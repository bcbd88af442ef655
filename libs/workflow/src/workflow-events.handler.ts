import { Injectable, Logger } from '@nestjs/common';
import { OnJob } from '@kernteam/jobs';

/**
 * Receives every committed lifecycle step from the outbox. Later handlers (notifications, invitations) hang off the
 * same job; for now it records that the step reached the worker, with ids and codes only.
 */
@Injectable()
export class WorkflowEventsHandler {
  private readonly logger = new Logger('WorkflowEvents');

  @OnJob('workflow.transitioned')
  async handle(payload: Record<string, unknown>): Promise<void> {
    this.logger.debug(`${payload.entityType} ${payload.entityId} ${payload.fromState ?? '∅'} → ${payload.toState} (${payload.event})`);
  }
}
