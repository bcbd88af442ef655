/** The two UI languages. The choice may be kept in the browser (UI.md): it is not personal data. */
export const LOCALES = ['nl-BE', 'fr-BE'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl-BE';
const STORAGE_KEY = 'kernteam.lang';

/** `?lang=fr` / `?lang=nl` (or a full tag) to a locale; anything else is ignored. */
export function localeFromParam(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (v === 'fr' || v === 'fr-be') return 'fr-BE';
  if (v === 'nl' || v === 'nl-be') return 'nl-BE';
  return null;
}

export function initialLocale(search: string, stored: string | null): Locale {
  return localeFromParam(new URLSearchParams(search).get('lang')) ?? localeFromParam(stored) ?? DEFAULT_LOCALE;
}

export function readStoredLocale(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale) {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice then lasts for this page only */
  }
}
