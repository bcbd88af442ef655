import { createHash } from 'node:crypto';

/** Failures allowed per account and per address within the window before login answers 429. */
export const throttleLimits = () => ({
  windowSeconds: Number(process.env.LOGIN_THROTTLE_WINDOW_SECONDS || 900),
  perAccount: Number(process.env.LOGIN_THROTTLE_PER_ACCOUNT || 5),
  perAddress: Number(process.env.LOGIN_THROTTLE_PER_ADDRESS || 30),
});

/** Failures are keyed by a hash of the e-mail address, so the table holds no address in clear. */
export const accountKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
