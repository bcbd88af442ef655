import { Module } from '@nestjs/common';
import { AgreementRemindersService } from '@kernteam/agreements';
import { AuditModule } from '@kernteam/audit';
import { DossiersModule } from '@kernteam/dossiers';
import { ExportJobs, ExportsModule } from '@kernteam/exports';
import { IndicatorsModule } from '@kernteam/indicators';
import { FeedbackApprovalRequestsService } from '@kernteam/feedback';
import { JobsModule } from '@kernteam/jobs';
import { MeetingInvitationsService } from '@kernteam/meetings';
import { DeliveriesService, DeliverySender, MailerService, NotificationsService } from '@kernteam/notifications';
import { PersistenceModule } from '@kernteam/persistence';
import { PlansModule, PlanSnapshotsJob } from '@kernteam/plans';
import { RetentionJob, RetentionModule } from '@kernteam/retention';
import { AccountLinksService } from '@kernteam/users';
import { TransferNotificationsService } from '@kernteam/transfers';
import { WorkflowModule } from '@kernteam/workflow';
import { WorkflowEventsHandler } from './workflow-events.handler';

/** The background side: outbox relay, BullMQ workers and schedulers. No HTTP. */
@Module({
  imports: [
    PersistenceModule.forRoot(), AuditModule, JobsModule.forWorker(), WorkflowModule,
    DossiersModule, IndicatorsModule, PlansModule, ExportsModule, RetentionModule,
  ],
  providers: [
    WorkflowEventsHandler, NotificationsService, MailerService, DeliveriesService, DeliverySender, MeetingInvitationsService, AgreementRemindersService,
    FeedbackApprovalRequestsService, TransferNotificationsService, PlanSnapshotsJob, ExportJobs, RetentionJob, AccountLinksService,
  ],
})
export class WorkerModule {}
