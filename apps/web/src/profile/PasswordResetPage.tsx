import { getRouteApi, Link } from '@tanstack/react-router';
import { FormEvent, useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { api, call } from '../api/client';
import { fieldErrors, isProblem } from '../api/problem';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';
import { MIN_PASSWORD_LENGTH } from './ProfilePage';
import { profileMessages as m } from './profile.messages';
import { securityMessages } from './security.messages';

const route = getRouteApi('/password-reset');

/**
 * `/password-reset?token=…`: the one-time link of an invitation or a reset. Public (outside the signed-in app). The
 * token is read once into this page's memory and taken out of the address bar, so it stays in no history entry and no
 * browser storage; the product answers every page with `Referrer-Policy: no-referrer`.
 */
export function PasswordResetPage() {
  const intl = useIntl();
  const navigate = route.useNavigate();
  const { token: fromUrl } = route.useSearch();
  const [token] = useState(() => fromUrl ?? '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<'invalid' | 'failed' | null>(token ? null : 'invalid');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${intl.formatMessage(m.resetTitle)} · Kernteam`;
  }, [intl]);
  useEffect(() => {
    if (fromUrl) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, [fromUrl]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (password.length < MIN_PASSWORD_LENGTH) problems.password = intl.formatMessage(m.tooShort);
    else if (password !== repeat) problems.repeat = intl.formatMessage(m.mismatch);
    setLocal(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setFailure(null);
    try {
      await call(api.POST('/api/auth/password-reset', { body: { token, password } }));
      await navigate({ to: '/login', search: { reason: 'passwordSet' }, replace: true });
    } catch (err) {
      const errs = fieldErrors(err, ['token', 'password']);
      // Long enough but refused: too weak or too common (the API checks it with zxcvbn).
      if (errs.password) setLocal({ password: intl.formatMessage(password.length >= MIN_PASSWORD_LENGTH ? securityMessages.weak : m.tooShort) });
      else setFailure(isProblem(err) && err.status === 400 ? 'invalid' : 'failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <div className="row" style={{ justifyContent: 'flex-end' }}><LanguageSwitch /></div>
      <h1>{intl.formatMessage(m.resetTitle)}</h1>
      {failure === 'invalid' ? (
        <div className="notice danger" role="alert">
          <p>{intl.formatMessage(m.resetInvalid)}</p>
          <p><Link to="/login">{intl.formatMessage(m.toLogin)}</Link></p>
        </div>
      ) : (
        <Form onSubmit={submit} className="card" validationBehavior="aria">
          <p>{intl.formatMessage(m.resetIntro)}</p>
          {failure === 'failed' && <div className="form-error" role="alert">{intl.formatMessage(m.resetFailed)}</div>}
          <TextField label={intl.formatMessage(m.resetPassword)} name="password" type="password" value={password} onChange={setPassword}
            error={local.password} description={intl.formatMessage(m.passwordHelp)} isRequired autoComplete="new-password" maxLength={200} autoFocus />
          <TextField label={intl.formatMessage(m.resetRepeat)} name="repeat" type="password" value={repeat} onChange={setRepeat}
            error={local.repeat} isRequired autoComplete="new-password" maxLength={200} />
          <div className="form-actions"><Button type="submit" isDisabled={busy}>{intl.formatMessage(m.resetSubmit)}</Button></div>
        </Form>
      )}
    </main>
  );
}
