export * from './retention.service';
export * from './retention.job';
export * from './retention.module';
