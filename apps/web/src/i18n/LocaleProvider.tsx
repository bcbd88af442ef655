import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { I18nProvider } from 'react-aria-components';
import { IntlProvider } from 'react-intl';
import fr from './fr-BE.json';
import nl from './nl-BE.json';
import { initialLocale, Locale, readStoredLocale, storeLocale } from './locale';

const CATALOGUES: Record<Locale, Record<string, string>> = { 'nl-BE': nl, 'fr-BE': fr };

interface LocaleState { locale: Locale; setLocale: (l: Locale) => void }
const LocaleContext = createContext<LocaleState>({ locale: 'nl-BE', setLocale: () => undefined });
export const useLocale = () => useContext(LocaleContext);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() => initialLocale(window.location.search, readStoredLocale()));
  const setLocale = useCallback((l: Locale) => {
    storeLocale(l);
    setState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    // `?lang=` selects the language once and is then remembered like the switch.
    storeLocale(locale);
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={CATALOGUES[locale]} defaultLocale="nl-BE">
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
