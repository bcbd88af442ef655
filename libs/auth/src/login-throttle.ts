import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { sqlLiteral, TenantDb } from '@kernteam/persistence';

/** Attempts allowed per account and per address within the window before sign-in answers 429. */
export const throttleLimits = () => ({
  windowSeconds: positive(process.env.LOGIN_THROTTLE_WINDOW_SECONDS, 900),
  perAccount: positive(process.env.LOGIN_THROTTLE_PER_ACCOUNT, 5),
  perAddress: positive(process.env.LOGIN_THROTTLE_PER_ADDRESS, 30),
});

/** A setting that is not a positive whole number falls back to its default instead of disabling the throttle. */
function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Attempts are keyed by a hash of the e-mail address, so the table holds no address in clear. */
export const accountKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

export interface ThrottleTicket {
  /** false: over the limit of the account or the address; answer 429 without looking at the password. */
  allowed: boolean;
  /** Seconds until the fuller window ends (Retry-After). */
  retryAfter: number;
}

/**
 * Takes one attempt for the account and for the address, atomically, before any hash is computed: one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` on both counter rows. A window older than `windowSeconds` starts over
 * at this attempt, so a lock-out (also one caused by someone else guessing) lasts at most one window. Parallel
 * attempts serialise on the row locks: of N at once, at most the limit see a count within it.
 */
export async function takeAttempt(em: EntityManager, email: string, ip: string): Promise<ThrottleTicket> {
  const limits = throttleLimits();
  const rows: { scope: 'account' | 'address'; attempts: number; retry_after: number }[] = await em.query(
    `INSERT INTO login_throttle AS t (scope, key, window_start, attempts) VALUES ('account', $1, now(), 1), ('address', $2, now(), 1)
     ON CONFLICT (scope, key) DO UPDATE SET
       window_start = CASE WHEN t.window_start <= now() - make_interval(secs => $3) THEN now() ELSE t.window_start END,
       attempts = CASE WHEN t.window_start <= now() - make_interval(secs => $3) THEN 1 ELSE t.attempts + 1 END
     RETURNING t.scope, t.attempts, ceil(extract(epoch FROM t.window_start + make_interval(secs => $3) - now()))::int AS retry_after`,
    [accountKey(email), ip, limits.windowSeconds],
  );
  const over = rows.filter((r) => r.attempts > (r.scope === 'account' ? limits.perAccount : limits.perAddress));
  return { allowed: over.length === 0, retryAfter: Math.max(1, ...over.map((r) => r.retry_after)) };
}

/**
 * A sign-in that proved its password gives its attempt back: the account starts over, the address counts one less
 * (an office behind one address signing in all morning is not throttled by its successes).
 */
export async function returnAttempt(em: EntityManager, email: string, ip: string): Promise<void> {
  // Literals (a hex hash, an escaped address), so that in a TenantDb transaction it goes with the COMMIT.
  const text = `DELETE FROM login_throttle WHERE scope = 'account' AND key = '${accountKey(email)}';
    UPDATE login_throttle SET attempts = greatest(attempts - 1, 0) WHERE scope = 'address' AND key = ${sqlLiteral(ip)}`;
  await TenantDb.withCommit(em, `throttle-return:${accountKey(email)}:${ip}`, text);
}

/**
 * A right password of an account with a second factor: this attempt was no failure and is given back on both rows, but
 * the failures before it stay counted until the code is right too (then `returnAttempt`).
 */
export async function giveBackAttempt(em: EntityManager, email: string, ip: string): Promise<void> {
  await em.query(
    `UPDATE login_throttle SET attempts = greatest(attempts - 1, 0) WHERE (scope = 'account' AND key = $1) OR (scope = 'address' AND key = $2)`,
    [accountKey(email), ip],
  );
}
