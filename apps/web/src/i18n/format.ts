import { useIntl } from 'react-intl';
import { TIME_ZONE } from './dates';

/** Dates are calendar days in Europe/Brussels; instants are shown in Brussels time whatever the browser's zone. */
export { addDays, dayOf, TIME_ZONE, todayInBrussels } from './dates';

export function useFormat() {
  const intl = useIntl();
  return {
    /** `2026-03-01` → "1 maart 2026" / "1 mars 2026". */
    date: (isoDate: string | null | undefined) =>
      isoDate ? intl.formatDate(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : '—',
    dateTime: (iso: string | null | undefined) =>
      iso ? intl.formatDate(new Date(iso), { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }) : '—',
    time: (iso: string) => intl.formatTime(new Date(iso), { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }),
    /** 0.8 → "80 %" in both locales. */
    percent: (v: number | null | undefined) => (v == null ? '—' : intl.formatNumber(v, { style: 'percent', maximumFractionDigits: 1 })),
    number: (v: number) => intl.formatNumber(v),
  };
}
