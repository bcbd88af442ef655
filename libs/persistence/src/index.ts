export * from './runtime-config';
export * from './tenant-db.service';
export * from './persistence.module';
export * from './migrate';
export * from './embedded-postgres';
export * from './runtime';
