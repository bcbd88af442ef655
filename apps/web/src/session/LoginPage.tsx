import { defineMessages } from '../i18n/messages';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { FormEvent, useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { isProblem } from '../api/problem';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';
import { abilityQuery, sessionQuery, signIn } from './session';
import { safeRedirect } from './redirect';

const m = defineMessages({
  title: { id: 'login.title', defaultMessage: 'Aanmelden bij Kernteam' },
  email: { id: 'login.email', defaultMessage: 'E-mailadres' },
  password: { id: 'login.password', defaultMessage: 'Wachtwoord' },
  submit: { id: 'login.submit', defaultMessage: 'Aanmelden' },
  wrong: { id: 'login.wrong', defaultMessage: 'Dit e-mailadres en wachtwoord horen niet bij elkaar.' },
  throttled: { id: 'login.throttled', defaultMessage: 'Te veel mislukte pogingen. Probeer het over enkele minuten opnieuw.' },
  failed: { id: 'login.failed', defaultMessage: 'Aanmelden lukt nu niet. Probeer het later opnieuw.' },
  expired: { id: 'login.expired', defaultMessage: 'Uw sessie is afgelopen. Meld u opnieuw aan; u komt terug waar u was.' },
  signedOut: { id: 'login.signedOut', defaultMessage: 'U bent afgemeld.' },
  confidential: { id: 'login.confidential', defaultMessage: 'Vertrouwelijke gegevens (art. 458ter Sw.). Elke inzage wordt gelogd.' },
});

const route = getRouteApi('/login');

export function LoginPage() {
  const intl = useIntl();
  const { redirect, reason } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${intl.formatMessage(m.title)} · Kernteam`;
  }, [intl]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await signIn(email.trim(), password);
      queryClient.setQueryData(sessionQuery.queryKey, session);
      await queryClient.invalidateQueries({ queryKey: abilityQuery.queryKey });
      await navigate({ href: safeRedirect(redirect), replace: true });
    } catch (err) {
      const status = isProblem(err) ? err.status : 0;
      setError(intl.formatMessage(status === 401 ? m.wrong : status === 429 ? m.throttled : m.failed));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <div className="row" style={{ justifyContent: 'flex-end' }}><LanguageSwitch /></div>
      <h1>{intl.formatMessage(m.title)}</h1>
      {reason === 'expired' && <p className="notice warn" role="status">{intl.formatMessage(m.expired)}</p>}
      {reason === 'signedOut' && <p className="notice ok" role="status">{intl.formatMessage(m.signedOut)}</p>}
      <Form onSubmit={submit} className="card" validationBehavior="aria">
        {error && <div className="form-error" role="alert">{error}</div>}
        <TextField label={intl.formatMessage(m.email)} name="email" type="email" value={email} onChange={setEmail} isRequired autoComplete="username" autoFocus />
        <TextField label={intl.formatMessage(m.password)} name="password" type="password" value={password} onChange={setPassword} isRequired autoComplete="current-password" />
        <div className="form-actions">
          <Button type="submit" isDisabled={busy}>{intl.formatMessage(m.submit)}</Button>
        </div>
      </Form>
      <p className="muted small">{intl.formatMessage(m.confidential)}</p>
    </main>
  );
}
