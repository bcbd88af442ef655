import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { fieldErrors, isProblem } from '../api/problem';
import { useFormat } from '../i18n/format';
import { useNavigate } from '@tanstack/react-router';
import { abilityQuery, Session, sessionQuery } from '../session/session';
import { useSession } from '../layout/access';
import { Button } from '../ui/Button';
import { FormError, Loading } from '../ui/States';
import { TextField } from '../ui/TextField';
import { profileMessages } from './profile.messages';
import { securityMessages as m } from './security.messages';

type Enrolment = { secret: string; otpauthUri: string; qrSvg: string };

/** The base32 key in groups of four, as people type it into an app. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * "Tweestapsverificatie": enrol an authenticator app (QR code or the key by hand), confirm with a code, see the
 * recovery codes once (copy, print), or turn it off with the current password and a code.
 */
export function TwoStepSection() {
  const intl = useIntl();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const status = $api.useQuery('get', '/api/me/totp');
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['get', '/api/me/totp'] });
  };
  const start = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setEnrolment(await call(api.POST('/api/me/totp/enrol')));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const { session } = useSession();
  const navigate = useNavigate();
  const confirmed = async (recoveryCodes: string[]) => {
    setEnrolment(null);
    setCodes(recoveryCodes);
    await refresh();
    // The session may do everything now: the enrolment gate lifts, the abilities are fetched again on the next page.
    queryClient.setQueryData(sessionQuery.queryKey, (old: Session | null | undefined) => (old ? { ...old, mfaEnrolmentRequired: false } : old));
    queryClient.removeQueries({ queryKey: abilityQuery.queryKey });
  };
  const codesStored = () => {
    setCodes(null);
    if (session.mfaEnrolmentRequired) void navigate({ to: '/' });
  };

  if (status.isLoading || !status.data) return <section className="card" aria-labelledby="profile-totp"><h2 id="profile-totp">{intl.formatMessage(m.totpTitle)}</h2><Loading /></section>;
  const s = status.data;
  return (
    <section className="card" aria-labelledby="profile-totp">
      <h2 id="profile-totp">{intl.formatMessage(m.totpTitle)}</h2>
      {s.required && !s.enabled && <p className="notice warn" role="status">{intl.formatMessage(m.totpRequired)}</p>}
      {codes ? <RecoveryCodes codes={codes} onDone={codesStored} /> : enrolment ? (
        <ConfirmEnrolment enrolment={enrolment} onConfirmed={confirmed} />
      ) : s.enabled ? (
        <>
          <p>{intl.formatMessage(m.totpOn, { date: fmt.dateTime(s.enabledAt), n: s.recoveryCodesLeft })}</p>
          {s.required ? <p className="muted small">{intl.formatMessage(m.requiredNoDisable)}</p> : <DisableForm onDisabled={async () => { await refresh(); setNotice(intl.formatMessage(m.disabled)); }} />}
        </>
      ) : (
        <>
          <p>{intl.formatMessage(m.totpOff)}</p>
          <FormError error={error} />
          <div className="form-actions"><Button onPress={start} isDisabled={busy}>{intl.formatMessage(m.start)}</Button></div>
        </>
      )}
      {notice && <p className="notice ok" role="status">{notice}</p>}
    </section>
  );
}

function ConfirmEnrolment({ enrolment, onConfirmed }: { enrolment: Enrolment; onConfirmed: (codes: string[]) => Promise<void> }) {
  const intl = useIntl();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await call(api.POST('/api/me/totp/confirm', { body: { code: code.replace(/\s/g, '') } }));
      await onConfirmed(r.recoveryCodes);
    } catch (err) {
      setError(err);
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  const codeError = fieldErrors(error, ['code']).code ? intl.formatMessage(m.wrongCode) : undefined;
  return (
    <>
      <p>{intl.formatMessage(m.scan)}</p>
      {/* The API's SVG as a data: image (the CSP allows img-src data:); no markup of it enters the page. */}
      <img className="qr" width={200} height={200} alt={intl.formatMessage(m.qrAlt)} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`} />
      <p>{intl.formatMessage(m.manual)}</p>
      <p><span className="visually-hidden">{intl.formatMessage(m.manualKey)}: </span><code className="totp-key" data-secret={enrolment.secret}>{grouped(enrolment.secret)}</code></p>
      <Form onSubmit={submit} validationBehavior="aria">
        {!codeError && <FormError error={error} />}
        <TextField label={intl.formatMessage(m.code)} name="code" value={code} onChange={setCode} error={codeError} description={intl.formatMessage(m.codeHelp)}
          isRequired autoComplete="one-time-code" inputMode="numeric" maxLength={8} />
        <div className="form-actions"><Button type="submit" isDisabled={busy}>{intl.formatMessage(m.confirm)}</Button></div>
      </Form>
    </>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const intl = useIntl();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(codes.join('\n'));
    setCopied(true);
  };
  return (
    <div className="recovery-codes">
      <h3>{intl.formatMessage(m.recoveryTitle)}</h3>
      <p>{intl.formatMessage(m.recoveryIntro)}</p>
      <ul aria-label={intl.formatMessage(m.recoveryTitle)}>{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
      <div className="form-actions">
        <Button variant="secondary" onPress={copy}>{intl.formatMessage(m.copy)}</Button>
        <Button variant="secondary" onPress={() => window.print()}>{intl.formatMessage(m.print)}</Button>
        <Button onPress={onDone}>{intl.formatMessage(m.stored)}</Button>
      </div>
      {copied && <p className="notice ok" role="status">{intl.formatMessage(m.copied)}</p>}
    </div>
  );
}

function DisableForm({ onDisabled }: { onDisabled: () => Promise<void> }) {
  const intl = useIntl();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/me/totp/disable', { body: { currentPassword: password, code: code.replace(/\s/g, '') } }));
      await onDisabled();
    } catch (err) {
      setError(err);
    } finally {
      setPassword('');
      setCode('');
      setBusy(false);
    }
  };
  const errs = fieldErrors(error, ['currentPassword', 'code']);
  const status = isProblem(error) ? error.status : 0;
  return (
    <Form onSubmit={submit} validationBehavior="aria">
      <h3>{intl.formatMessage(m.disableTitle)}</h3>
      {!errs.currentPassword && !errs.code && status !== 0 && <FormError error={error} formErrors={errs['']} />}
      <TextField label={intl.formatMessage(m.currentPassword)} name="currentPassword" type="password" value={password} onChange={setPassword}
        error={errs.currentPassword ? intl.formatMessage(profileMessages.wrongCurrent) : undefined} isRequired autoComplete="current-password" />
      <TextField label={intl.formatMessage(m.code)} name="disableCode" value={code} onChange={setCode} error={errs.code ? intl.formatMessage(m.wrongCode) : undefined}
        isRequired autoComplete="one-time-code" inputMode="numeric" maxLength={8} />
      <div className="form-actions"><Button variant="danger" type="submit" isDisabled={busy}>{intl.formatMessage(m.disable)}</Button></div>
    </Form>
  );
}
