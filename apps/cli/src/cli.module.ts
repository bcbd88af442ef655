import { Module } from '@nestjs/common';
import { AuditModule } from '@kernteam/audit';
import { PersistenceModule } from '@kernteam/persistence';
import { PlansModule } from '@kernteam/plans';
import { TenantsModule } from '@kernteam/tenants';

@Module({ imports: [PersistenceModule.forRoot(), AuditModule, TenantsModule, PlansModule] })
export class CliModule {}
