import { addDays } from '../i18n/dates';

/** Default of the server's REMINDER_DAYS: agreements due within this many days are "due soon" on the start page. */
export const REMINDER_DAYS = 7;

/** `dueBefore` for "due within REMINDER_DAYS": due on today + REMINDER_DAYS at the latest (the API's bound is exclusive). */
export const dueSoonBefore = (today: string, days = REMINDER_DAYS) => addDays(today, days + 1);

/** A still pending agreement (the due-soon list leaves carried out, failed and lapsed ones out). */
export const isPending = (state: string) => state === 'OPEN' || state === 'IN_UITVOERING';

/** The chair is also offered the live meeting mode once the agenda is fixed or the session runs. */
export const isLive = (m: { state: string }) => m.state === 'IN_ZITTING' || m.state === 'AGENDA_VASTGELEGD';

/** Meetings still ahead (or running), soonest first. */
export function nextMeetings<T extends { state: string; scheduledAt: string }>(items: readonly T[], limit = 3): T[] {
  return items
    .filter((m) => m.state === 'GEPLAND' || m.state === 'AGENDA_VASTGELEGD' || m.state === 'IN_ZITTING')
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))
    .slice(0, limit);
}
