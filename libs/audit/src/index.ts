export * from './audit-event';
export * from './audit-chain';
export * from './audit.service';
export * from './audit.view';
export * from './audit-trail.service';
export * from './audit.policy';
export * from './audit.module';
