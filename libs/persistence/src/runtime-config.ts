import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Everything the processes read from the environment, read in one place. Secrets never get a default here. */
export interface RuntimeConfig {
  databaseUrl?: string;
  redisUrl?: string;
  /** Namespaces the Redis keys, so several deployments (or test runs) can share one Redis. */
  queuePrefix: string;
  port: number;
  authSecret?: string;
  tokenTtlSeconds: number;
  migrationsRun: boolean;
  /** Explicit RUN_WORKER; when unset, the API process runs the worker (unless started with `--without-worker`). */
  runWorker?: boolean;
  dataDir: string;
  logLevel: string;
  exportMinCellSize: number;
  /** Where generated exports are kept (`EXPORT_DIR`, default `<DATA_DIR>/exports`). */
  exportDir: string;
  /** Days an export file is kept before the daily clean-up removes it (`EXPORT_TTL_DAYS`, default 30). */
  exportTtlDays: number;
  /** Years after closure (or non-retention) before a dossier is anonymised (`RETENTION_YEARS`, default 5). */
  retentionYears: number;
  corsOrigins: string[];
  trustProxy: boolean;
  /** SMTP server for e-mail (invitations, reminders), e.g. `smtp://user:pass@mail.example.be:587`; unset: in-app only. */
  smtpUrl?: string;
  /** Sender address of the e-mails. */
  mailFrom: string;
  /** Base address of the product, used for links in e-mails and calendar invitations. */
  publicUrl: string;
  /** Agreements due within this many days get a daily reminder (overdue ones too). */
  reminderDays: number;
  /** Minutes without activity after which a browser session ends (`SESSION_IDLE_MINUTES`, default 30). */
  sessionIdleMinutes: number;
  /** Hours after sign-in at which a browser session ends whatever its activity (`SESSION_ABSOLUTE_HOURS`, default 12). */
  sessionAbsoluteHours: number;
  /** The built web UI (`WEB_DIR`, default `<repo>/dist/web`). */
  webDir: string;
}

/**
 * The checkout (or image) root: the nearest folder above this file with a package.json. Found from the file, not the
 * working directory, so `dist/web` is found however the process was started; the same walk works from the sources
 * (tests) and from `dist/` (production), which sit at different depths.
 */
export function repoRoot(from: string = __dirname): string {
  let root = roots.get(from);
  if (root === undefined) {
    root = findRoot(from);
    roots.set(from, root);
  }
  return root;
}

/** The walk is done once per starting folder: `readRuntimeConfig()` runs on request paths. */
const roots = new Map<string, string>();

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve('.');
  }
}

const bool = (v: string | undefined, dflt: boolean): boolean =>
  v === undefined || v === '' ? dflt : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());

const int = (v: string | undefined, dflt: number, name: string): number => {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
};

export function readRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = resolve(env.DATA_DIR || '.data');
  return {
    databaseUrl,
    redisUrl: env.REDIS_URL || undefined,
    queuePrefix: env.QUEUE_PREFIX || 'kernteam',
    port: int(env.PORT, 3000, 'PORT'),
    authSecret: env.AUTH_SECRET || undefined,
    tokenTtlSeconds: int(env.AUTH_TOKEN_TTL_SECONDS, 3600, 'AUTH_TOKEN_TTL_SECONDS'),
    migrationsRun: bool(env.DB_MIGRATIONS_RUN, true),
    runWorker: env.RUN_WORKER ? bool(env.RUN_WORKER, false) : undefined,
    dataDir,
    logLevel: env.LOG_LEVEL || 'log',
    exportMinCellSize: Math.max(1, int(env.EXPORT_MIN_CELL_SIZE, 5, 'EXPORT_MIN_CELL_SIZE')),
    exportDir: resolve(env.EXPORT_DIR || join(dataDir, 'exports')),
    exportTtlDays: Math.max(1, int(env.EXPORT_TTL_DAYS, 30, 'EXPORT_TTL_DAYS')),
    retentionYears: Math.max(1, int(env.RETENTION_YEARS, 5, 'RETENTION_YEARS')),
    corsOrigins: (env.CORS_ORIGINS || '').split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: bool(env.TRUST_PROXY, false),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'kernteam@localhost',
    publicUrl: (env.PUBLIC_URL || 'http://localhost:3000').replace(/\/+$/, ''),
    reminderDays: int(env.REMINDER_DAYS, 7, 'REMINDER_DAYS'),
    sessionIdleMinutes: Math.max(1, int(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES')),
    sessionAbsoluteHours: Math.max(1, int(env.SESSION_ABSOLUTE_HOURS, 12, 'SESSION_ABSOLUTE_HOURS')),
    webDir: env.WEB_DIR ? resolve(env.WEB_DIR) : join(repoRoot(), 'dist', 'web'),
  };
}
