import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessModule } from '@kernteam/access';
import { AgreementsModule } from '@kernteam/agreements';
import { AuditHttpModule, AuditModule } from '@kernteam/audit';
import { AuthGuard, AuthModule } from '@kernteam/auth';
import { DossiersModule } from '@kernteam/dossiers';
import { ExportsModule } from '@kernteam/exports';
import { IndicatorsModule } from '@kernteam/indicators';
import { FeedbackModule } from '@kernteam/feedback';
import { JobsModule } from '@kernteam/jobs';
import { MeetingsModule } from '@kernteam/meetings';
import { NotificationsModule } from '@kernteam/notifications';
import { PartnersModule } from '@kernteam/partners';
import { PersistenceModule } from '@kernteam/persistence';
import { PlansModule } from '@kernteam/plans';
import { TenantsModule } from '@kernteam/tenants';
import { TransfersModule } from '@kernteam/transfers';
import { UsersModule } from '@kernteam/users';
import { WorkflowModule } from '@kernteam/workflow';
import { HealthController } from './health.controller';
import { PoliciesGuard } from './policies.guard';
import { RoutePrefilter } from './route-prefilter';
import { POLICIES } from './policies';

@Module({
  imports: [
    PersistenceModule.forRoot(),
    AccessModule.forRoot(POLICIES),
    AuditModule,
    AuditHttpModule,
    JobsModule.forApi(),
    WorkflowModule,
    AuthModule,
    TenantsModule,
    PartnersModule,
    UsersModule,
    DossiersModule,
    IndicatorsModule,
    PlansModule,
    ExportsModule,
    AgreementsModule,
    MeetingsModule,
    FeedbackModule,
    NotificationsModule,
    TransfersModule,
  ],
  controllers: [HealthController],
  providers: [
    // Order matters: authenticate, then apply route-level policies.
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_GUARD, useClass: PoliciesGuard },
    RoutePrefilter,
  ],
})
export class AppModule {}
