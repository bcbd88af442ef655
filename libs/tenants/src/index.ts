export * from './tenant.entity';
export * from './tenants.service';
export * from './demo-tenant';
export * from './tenants.module';
export * from './settings.dto';
export * from './settings.policy';
export * from './settings.service';
export * from './standing-partners';
