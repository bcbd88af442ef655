import { brusselsDate, isCalendarDate } from '@kernteam/http';
import type { Operator } from './indicator-definitions';

/** A reporting period: calendar dates (inclusive), interpreted in Europe/Brussels. */
export interface Period { from: string; to: string }

export const REPORTING_TIME_ZONE = 'Europe/Brussels';

/** numerator / denominator, or null when there is nothing to divide (DESIGN.md §5: no value when the denominator is 0). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

const EPSILON = 1e-9;

/**
 * Whether a value meets a target under an operator; null when either is missing. YES_NO targets are 1 (ja) or 0 (nee)
 * and a value counts as "ja" when it is not 0.
 */
export function meets(operator: Operator | null, value: number | null, target: number | null): boolean | null {
  if (operator === null || value === null || target === null) return null;
  switch (operator) {
    case 'GTE':
      return value >= target - EPSILON;
    case 'LTE':
      return value <= target + EPSILON;
    case 'EQ':
      return Math.abs(value - target) <= EPSILON;
    case 'YES_NO':
      return (value !== 0) === (target !== 0);
  }
}

/** The median of a list of numbers (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** The calendar year a period lies in, when it lies in exactly one. */
export function singleYearOf(p: Period): number | null {
  const a = Number(p.from.slice(0, 4));
  return a === Number(p.to.slice(0, 4)) ? a : null;
}

/** Whether the period is exactly one calendar year. */
export function isWholeYear(p: Period): number | null {
  const y = singleYearOf(p);
  return y !== null && p.from === `${y}-01-01` && p.to === `${y}-12-31` ? y : null;
}

const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Whether the period starts on the first day of a month and ends on the last day of a month. */
export function isWholeMonths(p: Period): boolean {
  const [ty, tm, td] = p.to.split('-').map(Number);
  return p.from.endsWith('-01') && td === lastDayOfMonth(ty, tm);
}

/** `YYYY-MM` of a calendar date: the finest date an export shows. */
export const monthOf = (date: string) => date.slice(0, 7);

/** The calendar year an instant falls in, in Brussels. */
export const currentYearInBrussels = (now: Date = new Date()) => Number(brusselsDate(now).slice(0, 4));

export interface PeriodProblem { field: 'from' | 'to'; message: string }

/** Checks a period from a request: both real dates, `from` not after `to`. Returns the problems (empty: valid). */
export function periodProblems(from: unknown, to: unknown): PeriodProblem[] {
  const problems: PeriodProblem[] = [];
  if (from === undefined || from === null || from === '') problems.push({ field: 'from', message: 'from is required (YYYY-MM-DD)' });
  else if (!isCalendarDate(from)) problems.push({ field: 'from', message: 'from must be a real date as YYYY-MM-DD' });
  if (to === undefined || to === null || to === '') problems.push({ field: 'to', message: 'to is required (YYYY-MM-DD)' });
  else if (!isCalendarDate(to)) problems.push({ field: 'to', message: 'to must be a real date as YYYY-MM-DD' });
  if (!problems.length && (from as string) > (to as string)) problems.push({ field: 'to', message: 'to must not be before from' });
  return problems;
}
