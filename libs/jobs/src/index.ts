export * from './job-definitions';
export * from './on-job.decorator';
export * from './queue-backend';
export * from './queue-registry.service';
export * from './outbox.service';
export * from './outbox-relay.service';
export * from './job-runner.service';
export * from './jobs.module';
