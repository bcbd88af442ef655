import { Module } from '@nestjs/common';
import { AuditModule } from '@kernteam/audit';
import { JobsModule } from '@kernteam/jobs';
import { PersistenceModule } from '@kernteam/persistence';
import { WorkflowModule, WorkflowEventsHandler } from '@kernteam/workflow';

/** The background side: outbox relay, BullMQ workers and schedulers. No HTTP. */
@Module({
  imports: [PersistenceModule.forRoot(), AuditModule, JobsModule.forWorker(), WorkflowModule],
  providers: [WorkflowEventsHandler],
})
export class WorkerModule {}
