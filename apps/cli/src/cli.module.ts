import { Module } from '@nestjs/common';
import { AuditModule } from '@kernteam/audit';
import { PersistenceModule } from '@kernteam/persistence';
import { TenantsModule } from '@kernteam/tenants';

@Module({ imports: [PersistenceModule.forRoot(), AuditModule, TenantsModule] })
export class CliModule {}
