export * from './actor';
export * from './ability';
export * from './access.decorators';
export * from './access.module';
export * from './policies.guard';
export * from './casl-sql';
export * from './denied-audit.interceptor';
export * from './sql-params';
