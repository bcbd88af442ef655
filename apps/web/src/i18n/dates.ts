/**
 * Calendar days and instants, without React (so pure modules and their tests use them too; `format.ts` re-exports
 * them for the pages). A calendar day is `YYYY-MM-DD` in Europe/Brussels, whatever the browser's own zone.
 */
export const TIME_ZONE = 'Europe/Brussels';

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Brussels calendar day of an instant: a meeting at 00:30 on 3 December is on `2026-12-03`, not its UTC day. */
export const dayOf = (instant: string | number | Date): string => DAY.format(new Date(instant));

/** Today's calendar day in Brussels. */
export const todayInBrussels = (now: Date = new Date()): string => dayOf(now);

/** A calendar day shifted by whole days (calendar arithmetic: a DST change does not move it). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
