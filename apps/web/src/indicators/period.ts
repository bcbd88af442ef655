import { todayInBrussels } from '../i18n/dates';

/** `?year=` and optional `?from=&to=` of the plan and indicator pages (the API's names). */
export interface PeriodSearch { year?: number; from?: string; to?: string }

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function validatePeriodSearch(s: Record<string, unknown>): PeriodSearch {
  const year = Number(s.year);
  const from = typeof s.from === 'string' && DATE.test(s.from) ? s.from : undefined;
  const to = typeof s.to === 'string' && DATE.test(s.to) ? s.to : undefined;
  return { year: Number.isInteger(year) && year >= 1900 && year <= 2200 ? year : undefined, ...(from && to ? { from, to } : {}) };
}

export const currentYear = (today = todayInBrussels()) => Number(today.slice(0, 4));

/** The quarters of `year` that have begun (Europe/Brussels), as calendar periods. */
export function quartersOf(year: number, today = todayInBrussels()): { n: number; from: string; to: string }[] {
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  return ends
    .map((end, i) => ({ n: i + 1, from: `${year}-${String(i * 3 + 1).padStart(2, '0')}-01`, to: `${year}-${end}` }))
    .filter((q) => q.from <= today);
}

/** The years a plan covers, for the year selector. */
export function yearsBetween(fromDate: string, toDate: string): number[] {
  const out: number[] = [];
  for (let y = Number(fromDate.slice(0, 4)); y <= Number(toDate.slice(0, 4)); y++) out.push(y);
  return out;
}

/** `2026-02` → its last day, `2026-02-28`. */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}

/** Whether a reporting year has ended in Brussels (only then can it be closed). */
export const yearHasEnded = (year: number, today = todayInBrussels()) => today > `${year}-12-31`;
