/** Pure helpers of the meetings pages: partner order at check-in, Brussels date-times, list periods. */
import { addDays, TIME_ZONE } from '../i18n/dates';

export interface PartnerLike { id: string; name: string; type: string; active: boolean }

/**
 * Active partners for the check-in: the standing ones first (the settings name them; the API already resolves the
 * default set), then the others, each group by name in the UI's language.
 */
export function checkInOrder<P extends PartnerLike>(partners: readonly P[], standingIds: readonly string[], locale: string): (P & { standing: boolean })[] {
  return partners
    .filter((p) => p.active)
    .map((p) => ({ ...p, standing: standingIds.includes(p.id) }))
    .sort((a, b) => Number(b.standing) - Number(a.standing) || a.name.localeCompare(b.name, locale));
}

/** Same members, whatever the order. */
export const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Offset of Europe/Brussels from UTC at an instant, in minutes (+60 in winter, +120 in summer). */
export function brusselsOffsetMinutes(utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * A Brussels wall-clock date and time (`2026-12-03`, `14:00`) as ISO 8601 with its offset (`2026-12-03T14:00:00+01:00`),
 * whatever the browser's own zone. Null when either is not a real date or time.
 */
export function brusselsInstant(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/.exec(time.trim());
  if (!d || !t) return null;
  const [y, mo, da] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [h, mi] = [Number(t[1]), Number(t[2])];
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da) return null;
  // The offset at the instant itself: guess with the offset at wall time, then correct once (DST edges).
  let offset = brusselsOffsetMinutes(wall - 60 * 60_000);
  offset = brusselsOffsetMinutes(wall - offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${y}-${pad(mo)}-${pad(da)}T${pad(h)}:${pad(mi)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The list's two default periods: upcoming (from today) and past (up to yesterday). Explicit URL filters win. */
export function listPeriod(view: 'upcoming' | 'past', today: string, from?: string, to?: string): { from?: string; to?: string } {
  if (from || to) return { from, to };
  return view === 'upcoming' ? { from: today } : { to: addDays(today, -1) };
}
