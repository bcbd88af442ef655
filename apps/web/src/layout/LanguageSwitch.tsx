import { Button } from '../ui/Button';
import { useLocale } from '../i18n/LocaleProvider';

/** One control named in the other language's own words ("Français" / "Nederlands"), as UI.md asks. */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const other = locale === 'nl-BE' ? { code: 'fr-BE' as const, name: 'Français', lang: 'fr' } : { code: 'nl-BE' as const, name: 'Nederlands', lang: 'nl' };
  return (
    <Button variant="quiet" size="small" onPress={() => setLocale(other.code)}>
      <span lang={other.lang}>{other.name}</span>
    </Button>
  );
}
