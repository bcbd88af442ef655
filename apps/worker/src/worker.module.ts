import { Module } from '@nestjs/common';
import { AgreementRemindersService } from '@kernteam/agreements';
import { AuditModule } from '@kernteam/audit';
import { FeedbackApprovalRequestsService } from '@kernteam/feedback';
import { JobsModule } from '@kernteam/jobs';
import { MeetingInvitationsService } from '@kernteam/meetings';
import { MailerService, NotificationsService } from '@kernteam/notifications';
import { PersistenceModule } from '@kernteam/persistence';
import { WorkflowModule, WorkflowEventsHandler } from '@kernteam/workflow';

/** The background side: outbox relay, BullMQ workers and schedulers. No HTTP. */
@Module({
  imports: [PersistenceModule.forRoot(), AuditModule, JobsModule.forWorker(), WorkflowModule],
  providers: [
    WorkflowEventsHandler, NotificationsService, MailerService, MeetingInvitationsService, AgreementRemindersService,
    FeedbackApprovalRequestsService,
  ],
})
export class WorkerModule {}
