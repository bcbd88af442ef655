export * from './tenant.entity';
export * from './tenants.service';
export * from './demo-tenant';
export * from './tenants.module';
