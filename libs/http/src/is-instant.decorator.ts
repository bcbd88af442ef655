import { registerDecorator, ValidationOptions } from 'class-validator';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** An ISO 8601 instant with an explicit offset (`2026-12-03T14:00:00+01:00` or `…Z`) naming a real moment. */
export function isInstant(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = INSTANT.exec(v);
  if (!m) return false;
  const [, y, mo, d, h, mi, s, , oh, om] = m;
  const year = Number(y);
  const day = new Date(Date.UTC(year, Number(mo) - 1, Number(d)));
  if (day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d) || year < 1900 || year > 2200) return false;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return false;
  if (oh !== undefined && (Number(oh) > 14 || Number(om) > 59)) return false;
  return !Number.isNaN(Date.parse(v));
}

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an ISO 8601 date-time with offset, e.g. 2026-12-03T14:00:00+01:00`, ...options },
      validator: { validate: (v: unknown) => isInstant(v) },
    });
}

/** Earliest and latest moment a meeting may be planned at: from 2000 up to five years from now. */
export const SCHEDULE_FROM = Date.UTC(2000, 0, 1);
export const SCHEDULE_YEARS_AHEAD = 5;

export function isSchedulable(v: unknown, now = Date.now()): boolean {
  if (!isInstant(v)) return false;
  const t = Date.parse(v);
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + SCHEDULE_YEARS_AHEAD);
  return t >= SCHEDULE_FROM && t <= latest.getTime();
}

/** An instant (as `@IsInstant`) within the range a meeting can be planned in: 2000-01-01 up to now + 5 years. */
export function IsSchedulable(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSchedulable',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must lie between 2000-01-01 and ${SCHEDULE_YEARS_AHEAD} years from now`, ...options },
      validator: { validate: (v: unknown) => !isInstant(v) || isSchedulable(v) },
    });
}
