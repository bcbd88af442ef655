import type { JobsOptions } from 'bullmq';

/** Every queue the product uses. Workers are created per queue; a job's queue is fixed by its definition below. */
export const QUEUES = ['events', 'notifications', 'maintenance', 'exports'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobDefinition {
  queue: QueueName;
  options: JobsOptions;
}

const retried = (attempts: number, delay = 2_000): JobsOptions => ({
  attempts,
  backoff: { type: 'exponential', delay },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 5_000 },
});

/**
 * Every job, its queue and options, in one place. Handlers declare themselves with `@OnJob(name)`.
 * Payloads carry ids and codes only, never personal data.
 */
export const JOBS = {
  /** A lifecycle moved (dossier, meeting, agreement, feedback sheet); fans out notifications. */
  'workflow.transitioned': { queue: 'events', options: retried(8) },
  /** Nightly check of every tenant's audit hash chain; alerts the auditors when one is broken. */
  'audit.verify-chains': { queue: 'maintenance', options: retried(3, 60_000) },
  /** A meeting's agenda was finalised (or grew afterwards): invite the expected partners' members, once each. */
  'meeting.invite': { queue: 'notifications', options: retried(10) },
  /** An announced meeting was cancelled: tell those invited, once each. */
  'meeting.cancel-notice': { queue: 'notifications', options: retried(10) },
  /** A feedback sheet was submitted: ask the members of every approving partner for their decision. */
  'feedback.request-approval': { queue: 'notifications', options: retried(10) },
  /** A feedback sheet was approved by every approving partner: tell the police partner's members, its addressees. */
  'feedback.approved': { queue: 'notifications', options: retried(10) },
  /** An invitation or password-reset link to e-mail (payload: linkId; the token is derived again, never stored). */
  'account.link-mail': { queue: 'notifications', options: retried(10) },
  /**
   * One e-mail to one person (payload: deliveryId): its own job, attempts and backoff, so one recipient's failure never
   * holds back another's. After the last attempt the delivery is FAILED and waits for `deliveries.retry`.
   */
  'delivery.send': {
    queue: 'notifications',
    options: retried(Number(process.env.DELIVERY_ATTEMPTS || 6), Number(process.env.DELIVERY_BACKOFF_MS || 5_000)),
  },
  /** Periodic: FAILED deliveries whose (slower, growing) retry time has come are queued again. */
  'deliveries.retry': { queue: 'maintenance', options: retried(3, 10_000) },
  /** Daily: remind the responsible partner and the casemanager of agreements due soon or overdue. */
  'agreement.remind': { queue: 'notifications', options: retried(5, 60_000) },
  /** An anonymised export requested through `POST /api/exports` (payload: exportId). */
  'exports.generate': { queue: 'exports', options: retried(3) },
  /** Daily: removes export files older than EXPORT_TTL_DAYS. */
  'exports.purge': { queue: 'maintenance', options: retried(3, 60_000) },
  /** Nightly: the current year's LIVE indicator snapshot of every running plan. */
  'plans.live-snapshots': { queue: 'maintenance', options: retried(3, 60_000) },
  /** Daily: anonymises dossiers closed or not retained more than RETENTION_YEARS ago. */
  'retention.anonymise': { queue: 'maintenance', options: retried(3, 60_000) },
} satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOBS;

export interface JobPayload {
  tenantId: string | null;
  [key: string]: unknown;
}

export interface ScheduleDefinition {
  job: JobName;
  /** Cron pattern, evaluated in Europe/Brussels. */
  pattern: string;
}

/**
 * Recurring jobs (BullMQ job schedulers), upserted by every worker at start, again whenever its queue connection
 * becomes ready (a restarted Redis is empty) and checked periodically against `getJobSchedulers()`: idempotent, one
 * schedule each however many workers run. Add a row here and an `@OnJob` handler; nothing else.
 */
export const SCHEDULES: Record<string, ScheduleDefinition> = {
  'audit-chain-nightly': { job: 'audit.verify-chains', pattern: '15 2 * * *' },
  /** Every morning at 07:00 Brussels time. */
  'agreement-reminders': { job: 'agreement.remind', pattern: '0 7 * * *' },
  'plans-live-snapshots': { job: 'plans.live-snapshots', pattern: '30 2 * * *' },
  'retention-daily': { job: 'retention.anonymise', pattern: '30 3 * * *' },
  'exports-purge-daily': { job: 'exports.purge', pattern: '45 3 * * *' },
  /** Every 5 minutes: e-mails that exhausted their retries are tried again once their next retry time has come. */
  'deliveries-retry': { job: 'deliveries.retry', pattern: process.env.DELIVERY_RETRY_CRON || '*/5 * * * *' },
};

export const SCHEDULE_TIMEZONE = 'Europe/Brussels';
