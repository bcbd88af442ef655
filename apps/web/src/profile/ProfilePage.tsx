import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { fieldErrors, isProblem } from '../api/problem';
import { usePartners } from '../api/referenceData';
import { useLocale } from '../i18n/LocaleProvider';
import type { Locale } from '../i18n/locale';
import { label, roleLabels } from '../i18n/labels';
import { useSession } from '../layout/access';
import { Button } from '../ui/Button';
import { Choice } from '../ui/Choice';
import { Page } from '../ui/Page';
import { FormError } from '../ui/States';
import { TextField } from '../ui/TextField';
import { profileMessages as m } from './profile.messages';
import { securityMessages } from './security.messages';
import { SessionsSection } from './SessionsSection';
import { TwoStepSection } from './TwoStepSection';

export const MIN_PASSWORD_LENGTH = 12;

/** "Mijn profiel": who I am here (as the admin recorded it), my own password, my preferred language. */
export function ProfilePage() {
  const intl = useIntl();
  const { session } = useSession();
  const partners = usePartners();
  const me = $api.useQuery('get', '/api/me').data ?? session.user;
  // Until the second factor a role requires is set up, the enrolment is all this session may do.
  if (session.mfaEnrolmentRequired) {
    return <Page title={intl.formatMessage(m.title)}><TwoStepSection /></Page>;
  }
  return (
    <Page title={intl.formatMessage(m.title)}>
      <div className="grid-2">
        <section className="card" aria-labelledby="profile-details">
          <h2 id="profile-details">{intl.formatMessage(m.details)}</h2>
          <dl className="facts">
            <dt>{intl.formatMessage(m.name)}</dt><dd>{me.name}</dd>
            <dt>{intl.formatMessage(m.email)}</dt><dd>{me.email}</dd>
            <dt>{intl.formatMessage(m.role)}</dt><dd>{label(intl, roleLabels, me.role)}</dd>
            <dt>{intl.formatMessage(m.partner)}</dt><dd>{me.partnerId ? partners.name(me.partnerId) : '—'}</dd>
          </dl>
          <p className="muted small">{intl.formatMessage(m.detailsHelp)}</p>
        </section>
        <LanguageForm current={'language' in me ? (me.language ?? null) : null} />
      </div>
      <ChangePasswordForm />
      <TwoStepSection />
      <SessionsSection />
    </Page>
  );
}

function LanguageForm({ current }: { current: Locale | null }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const { locale, setLocale } = useLocale();
  const [language, setLanguage] = useState<Locale>(current ?? locale);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (current) setLanguage(current);
  }, [current]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await call(api.PATCH('/api/me', { body: { language } }));
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/me'] });
      setLocale(language);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="profile-language">
      <h2 id="profile-language">{intl.formatMessage(m.language)}</h2>
      <Form onSubmit={submit} validationBehavior="aria">
        <Choice label={intl.formatMessage(m.language)} value={language} onChange={setLanguage} description={intl.formatMessage(m.languageHelp)}
          error={fieldErrors(error, ['language']).language} options={[{ id: 'nl-BE', label: 'Nederlands' }, { id: 'fr-BE', label: 'Français' }]} />
        <FormError error={error} formErrors={fieldErrors(error, ['language'])['']} />
        <div className="form-actions"><Button type="submit" isDisabled={busy}>{intl.formatMessage(m.saveLanguage)}</Button></div>
        {saved && <p className="notice ok" role="status">{intl.formatMessage(m.languageSaved)}</p>}
      </Form>
    </section>
  );
}

function ChangePasswordForm() {
  const intl = useIntl();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const fields = ['currentPassword', 'newPassword'];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!current) problems.currentPassword = intl.formatMessage(m.wrongCurrent);
    if (next.length < MIN_PASSWORD_LENGTH) problems.newPassword = intl.formatMessage(m.tooShort);
    else if (next !== repeat) problems.repeat = intl.formatMessage(m.mismatch);
    setLocal(problems);
    setDone(false);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/me/password', { body: { currentPassword: current, newPassword: next } }));
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
    } catch (err) {
      setError(err);
      setCurrent('');
    } finally {
      setBusy(false);
    }
  };
  // The API's messages are English; the two refusals a user meets here are said in their language.
  const api_ = fieldErrors(error, fields);
  const status = isProblem(error) ? error.status : 0;
  const errs: Record<string, string | undefined> = {
    currentPassword: local.currentPassword ?? (api_.currentPassword ? intl.formatMessage(m.wrongCurrent) : undefined),
    newPassword: local.newPassword ?? (api_.newPassword ? intl.formatMessage(next.length >= MIN_PASSWORD_LENGTH ? securityMessages.weak : m.tooShort) : undefined),
    repeat: local.repeat,
  };
  return (
    <section className="card" aria-labelledby="profile-password">
      <h2 id="profile-password">{intl.formatMessage(m.changePassword)}</h2>
      <Form onSubmit={submit} validationBehavior="aria">
        {status === 429 ? <div className="form-error" role="alert">{intl.formatMessage(m.throttled)}</div>
          : !api_.currentPassword && !api_.newPassword && <FormError error={error} formErrors={api_['']} />}
        <TextField label={intl.formatMessage(m.currentPassword)} name="currentPassword" type="password" value={current} onChange={setCurrent}
          error={errs.currentPassword} isRequired autoComplete="current-password" />
        <TextField label={intl.formatMessage(m.newPassword)} name="newPassword" type="password" value={next} onChange={setNext}
          error={errs.newPassword} description={intl.formatMessage(m.passwordHelp)} isRequired autoComplete="new-password" maxLength={200} />
        <TextField label={intl.formatMessage(m.repeatPassword)} name="repeatPassword" type="password" value={repeat} onChange={setRepeat}
          error={errs.repeat} isRequired autoComplete="new-password" maxLength={200} />
        <div className="form-actions"><Button type="submit" isDisabled={busy}>{intl.formatMessage(m.savePassword)}</Button></div>
        {done && <p className="notice ok" role="status">{intl.formatMessage(m.passwordChanged)}</p>}
      </Form>
    </section>
  );
}
