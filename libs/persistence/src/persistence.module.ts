import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { READ_TYPES } from './read-types';
import './row-shape';
import { TenantDb } from './tenant-db.service';
import { readRuntimeConfig } from './runtime-config';

export const RUNTIME_CONFIG = Symbol('RUNTIME_CONFIG');

/** TypeORM on PostgreSQL. The schema comes from migrations only (run before Nest boots); never `synchronize`. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => {
            const cfg = readRuntimeConfig();
            if (!cfg.databaseUrl) throw new Error('DATABASE_URL is not set (the launcher sets it for the embedded database)');
            return {
              type: 'postgres' as const,
              url: cfg.databaseUrl,
              autoLoadEntities: true,
              synchronize: false,
              migrationsRun: false,
              // Off: TypeORM would print failing queries with their parameters, which may hold personal data.
              logging: false,
              // A connection that cannot be made within 5 s fails (503 to the request) instead of holding it; the pool
              // opens new connections on demand, so the API recovers by itself once the database is back.
              // READ_TYPES: the same values as node-postgres' parsers, cheaper for timestamps and uuid arrays.
              extra: { max: Number(process.env.DB_POOL_MAX || 10), application_name: 'kernteam', connectionTimeoutMillis: 5_000, types: READ_TYPES },
            };
          },
        }),
      ],
      providers: [TenantDb, { provide: RUNTIME_CONFIG, useFactory: () => readRuntimeConfig() }],
      exports: [TenantDb, RUNTIME_CONFIG],
    };
  }
}
