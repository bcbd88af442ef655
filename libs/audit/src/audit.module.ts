import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditTrailService } from './audit-trail.service';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditService, AuditTrailService], exports: [AuditService, AuditTrailService] })
export class AuditModule {}

/** The auditor's routes, mounted by the API only. */
@Module({ controllers: [AuditController] })
export class AuditHttpModule {}
