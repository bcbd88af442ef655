export * from './actor';
export * from './ability';
export * from './access.decorators';
export * from './access.module';
export * from './casl-sql';
export * from './sql-params';
export * from './abilities.controller';
export * from './route-metadata';
