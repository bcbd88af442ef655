import { defineMessages } from '../i18n/messages';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { FormEvent, useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { isProblem } from '../api/problem';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';
import { Choice } from '../ui/Choice';
import { abilityQuery, mfaChallenge, Session, sessionQuery, signIn, signInSecondStep, tenantChoices } from './session';
import { safeRedirect } from './redirect';
import { useLocale } from '../i18n/LocaleProvider';
import { localeFromParam } from '../i18n/locale';

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
  passwordSet: { id: 'login.passwordSet', defaultMessage: 'Uw wachtwoord is ingesteld. Meld u nu aan.' },
  chooseTenant: { id: 'login.chooseTenant', defaultMessage: 'Uw adres heeft een account in meer dan één LIVC. Bij welke wilt u zich aanmelden?' },
  tenant: { id: 'login.tenant', defaultMessage: 'LIVC' },
  secondStep: { id: 'login.secondStep', defaultMessage: 'Tweestapsverificatie: geef de code van 6 cijfers uit uw authenticator-app.' },
  providerSecondStep: { id: 'login.providerSecondStep', defaultMessage: 'Uw identiteitsprovider heeft u aangemeld. Tweestapsverificatie: geef nog de code van 6 cijfers uit uw authenticator-app.' },
  providerStepExpired: { id: 'login.providerStepExpired', defaultMessage: 'Deze aanmelding duurde te lang. Meld u opnieuw aan.' },
  code: { id: 'login.code', defaultMessage: 'Code uit de app' },
  recoveryStep: { id: 'login.recoveryStep', defaultMessage: 'Geen toegang tot uw app? Geef een van uw herstelcodes; elke code werkt één keer.' },
  recoveryCode: { id: 'login.recoveryCode', defaultMessage: 'Herstelcode' },
  useRecovery: { id: 'login.useRecovery', defaultMessage: 'Een herstelcode gebruiken' },
  useCode: { id: 'login.useCode', defaultMessage: 'De code uit de app gebruiken' },
  wrongCode: { id: 'login.wrongCode', defaultMessage: 'Deze code klopt niet. Wacht op de volgende code en probeer opnieuw.' },
  wrongRecovery: { id: 'login.wrongRecovery', defaultMessage: 'Deze herstelcode is onbekend of al gebruikt.' },
  stepExpired: { id: 'login.stepExpired', defaultMessage: 'Deze aanmelding duurde te lang. Meld u opnieuw aan met uw wachtwoord.' },
  verify: { id: 'login.verify', defaultMessage: 'Bevestigen' },
  oidcRefused: { id: 'login.oidcRefused', defaultMessage: 'Uw identiteitsprovider heeft u aangemeld, maar u hebt geen actief Kernteam-account dat daarbij hoort. Vraag de functioneel beheerder van uw LIVC om toegang.' },
  oidcFailed: { id: 'login.oidcFailed', defaultMessage: 'Aanmelden via uw identiteitsprovider is niet gelukt. Probeer het opnieuw.' },
  withProvider: { id: 'login.withProvider', defaultMessage: 'Aanmelden met {name}' },
  orPassword: { id: 'login.orPassword', defaultMessage: 'Of meld u aan met uw wachtwoord' },
  confidential: { id: 'login.confidential', defaultMessage: 'Vertrouwelijke gegevens (art. 458ter Sw.). Elke inzage wordt gelogd.' },
});

const route = getRouteApi('/login');

/**
 * A provider sign-in of a user with a second factor comes back here with its challenge in the URL fragment, which the
 * browser sends to no server and in no Referer; it is taken out of the address bar at once.
 */
function challengeFromFragment(): string | null {
  const c = new URLSearchParams(window.location.hash.slice(1)).get('challenge');
  return c && /^[A-Za-z0-9_-]{43}$/.test(c) ? c : null;
}

export function LoginPage() {
  const intl = useIntl();
  const { redirect, reason, tenant } = route.useSearch();
  const providers = $api.useQuery('get', '/api/auth/oidc/providers', { params: { query: tenant ? { tenant } : {} } });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { setLocale } = useLocale();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tenants, setTenants] = useState<{ id: string; name: string }[] | null>(null);
  const [tenantId, setTenantId] = useState<string | null>(null);
  const [providerChallenge] = useState(challengeFromFragment);
  const fromProvider = providerChallenge !== null;
  const [challenge, setChallenge] = useState<string | null>(providerChallenge);
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>(undefined);

  useEffect(() => {
    document.title = `${intl.formatMessage(m.title)} · Kernteam`;
  }, [intl]);

  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);

  const signedIn = async (session: Session) => {
    queryClient.setQueryData(sessionQuery.queryKey, session);
    // The user's preferred language applies after sign-in, unless this visit asked for one with `?lang=`.
    if (session.user.language && !localeFromParam(new URLSearchParams(window.location.search).get('lang'))) setLocale(session.user.language);
    await queryClient.invalidateQueries({ queryKey: abilityQuery.queryKey });
    await navigate({ href: session.mfaEnrolmentRequired ? '/profile' : safeRedirect(redirect), replace: true });
  };

  const submitCode = async (e: FormEvent) => {
    e.preventDefault();
    if (!challenge) return;
    setBusy(true);
    setError(null);
    setCodeError(undefined);
    try {
      await signedIn(await signInSecondStep(challenge, useRecovery ? { recoveryCode: code.trim() } : { code: code.replace(/\s/g, '') }));
    } catch (err) {
      const p = err as { status?: number; type?: string; errors?: unknown[] };
      if (p?.status === 401 && p.errors?.length) setCodeError(intl.formatMessage(useRecovery ? m.wrongRecovery : m.wrongCode));
      else if (p?.status === 401) {
        setChallenge(null);
        setPassword('');
        setError(intl.formatMessage(fromProvider ? m.providerStepExpired : m.stepExpired));
      } else if (p?.status === 400) setCodeError(intl.formatMessage(m.wrongCode));
      else setError(intl.formatMessage(p?.status === 429 ? m.throttled : m.failed));
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signedIn(await signIn(email.trim(), password, tenantId ?? undefined));
    } catch (err) {
      const choices = tenantChoices(err);
      if (choices) {
        setTenants(choices);
        return;
      }
      const next = mfaChallenge(err);
      if (next) {
        setChallenge(next);
        setCode('');
        return;
      }
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
      {reason === 'passwordSet' && <p className="notice ok" role="status">{intl.formatMessage(m.passwordSet)}</p>}
      {reason === 'oidc-refused' && <p className="notice warn" role="alert">{intl.formatMessage(m.oidcRefused)}</p>}
      {reason === 'oidc-failed' && <p className="notice warn" role="alert">{intl.formatMessage(m.oidcFailed)}</p>}
      {!!providers.data?.length && (
        <>
          <ul className="login-providers" style={{ listStyle: 'none', padding: 0, display: 'grid', gap: '0.5rem' }}>
            {providers.data.map((p) => (
              <li key={p.id}>
                {/* A full page navigation: the provider's sign-in page takes over, then brings the browser back. */}
                <a className="btn secondary" href={`${p.startUrl}?${new URLSearchParams({ redirect: safeRedirect(redirect) })}`}>
                  {intl.formatMessage(m.withProvider, { name: p.displayName })}
                </a>
              </li>
            ))}
          </ul>
          <h2 className="small">{intl.formatMessage(m.orPassword)}</h2>
        </>
      )}
      {challenge ? (
        <Form onSubmit={submitCode} className="card" validationBehavior="aria">
          {error && <div className="form-error" role="alert">{error}</div>}
          <p>{intl.formatMessage(useRecovery ? m.recoveryStep : fromProvider ? m.providerSecondStep : m.secondStep)}</p>
          <TextField key={useRecovery ? 'recovery' : 'code'} label={intl.formatMessage(useRecovery ? m.recoveryCode : m.code)} name={useRecovery ? 'recoveryCode' : 'code'}
            value={code} onChange={setCode} error={codeError} isRequired autoComplete="one-time-code" inputMode={useRecovery ? 'text' : 'numeric'} maxLength={useRecovery ? 40 : 8} autoFocus />
          <div className="form-actions">
            <Button type="submit" isDisabled={busy}>{intl.formatMessage(m.verify)}</Button>
            <Button variant="quiet" onPress={() => { setUseRecovery(!useRecovery); setCode(''); setCodeError(undefined); }}>
              {intl.formatMessage(useRecovery ? m.useCode : m.useRecovery)}
            </Button>
          </div>
        </Form>
      ) : (
      <Form onSubmit={submit} className="card" validationBehavior="aria">
        {error && <div className="form-error" role="alert">{error}</div>}
        <TextField label={intl.formatMessage(m.email)} name="email" type="email" value={email} onChange={setEmail} isRequired autoComplete="username" autoFocus />
        <TextField label={intl.formatMessage(m.password)} name="password" type="password" value={password} onChange={setPassword} isRequired autoComplete="current-password" />
        {tenants && (
          <div className="notice" role="status">
            <p>{intl.formatMessage(m.chooseTenant)}</p>
            <Choice label={intl.formatMessage(m.tenant)} value={tenantId} options={tenants.map((t) => ({ id: t.id, label: t.name }))} onChange={setTenantId} isRequired />
          </div>
        )}
        <div className="form-actions">
          <Button type="submit" isDisabled={busy || (!!tenants && !tenantId)}>{intl.formatMessage(m.submit)}</Button>
        </div>
      </Form>
      )}
      <p className="muted small">{intl.formatMessage(m.confidential)}</p>
    </main>
  );
}
