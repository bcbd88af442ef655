import { FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api, api, call, useRefetch } from '../api/client';
import { fieldErrors } from '../api/problem';
import type { components } from '../api/schema';
import { Allowed } from '../layout/access';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Choice';
import { ModalDialog } from '../ui/Dialog';
import { Page } from '../ui/Page';
import { SelectField } from '../ui/SelectField';
import { ErrorState, FormError, Loading, ProblemNotice } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { adminMessages } from './admin.messages';
import { idpMessages as m } from './identity-providers.messages';

type Provider = components['schemas']['IdentityProviderView'];
type ClientAuth = Provider['clientAuth'];
const FIELDS = ['displayName', 'issuer', 'clientId', 'clientAuth', 'secret'];

export function IdentityProvidersAdminPage() {
  return (
    <Allowed action="manage" subject="IdentityProvider">
      <IdentityProvidersAdmin />
    </Allowed>
  );
}

const useRefresh = () => useRefetch('/api/identity-providers');

/** The LIVC's OpenID Connect providers: list, add, change (the secret only replaced, never shown), remove. */
function IdentityProvidersAdmin() {
  const intl = useIntl();
  const q = $api.useQuery('get', '/api/identity-providers');
  const [editing, setEditing] = useState<Provider | null>(null);
  const [removing, setRemoving] = useState<Provider | null>(null);
  return (
    <Page title={intl.formatMessage(m.title)}>
      <p>{intl.formatMessage(m.intro)}</p>
      <NewProviderForm />
      {q.isPending ? <Loading /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : q.data.length === 0 ? (
        <p className="empty">{intl.formatMessage(m.none)}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{intl.formatMessage(m.displayName)}</th>
              <th scope="col">{intl.formatMessage(m.issuer)}</th>
              <th scope="col">{intl.formatMessage(m.clientAuth)}</th>
              <th scope="col">{intl.formatMessage(m.status)}</th>
              <th scope="col">{intl.formatMessage(m.actions)}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.displayName}</th>
                <td>{p.issuer}</td>
                <td>{intl.formatMessage(authLabel(p.clientAuth))}</td>
                <td>{p.active ? <Badge tone="ok">{intl.formatMessage(adminMessages.active)}</Badge> : <Badge>{intl.formatMessage(adminMessages.inactive)}</Badge>}</td>
                <td className="row">
                  <Button variant="secondary" size="small" onPress={() => setEditing(p)} aria-label={`${intl.formatMessage(m.edit)}: ${p.displayName}`}>{intl.formatMessage(m.edit)}</Button>
                  <Button variant="danger" size="small" onPress={() => setRemoving(p)} aria-label={`${intl.formatMessage(m.remove)}: ${p.displayName}`}>{intl.formatMessage(m.remove)}</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {q.data?.[0] && (
        <p className="muted small">
          {intl.formatMessage(m.redirectUri, { uri: <code key="r">{q.data[0].redirectUri}</code> })}
          <br />
          {intl.formatMessage(m.postLogoutUri, { uri: <code key="p">{q.data[0].postLogoutRedirectUri}</code> })}
        </p>
      )}
      {editing && <EditProviderDialog provider={editing} onClose={() => setEditing(null)} />}
      {removing && <RemoveProviderDialog provider={removing} onClose={() => setRemoving(null)} />}
    </Page>
  );
}

const authLabel = (a: ClientAuth) => (a === 'private_key_jwt' ? m.authJwt : a === 'client_secret_post' ? m.authPost : m.authBasic);

interface Values { displayName: string; issuer: string; clientId: string; clientAuth: ClientAuth | null; secret: string; endSession: boolean; active: boolean }

/** The settings of one provider; `secretOptional` when editing (an empty secret keeps the stored one). */
function ProviderFields({ values, onChange, errors, secretOptional }: { values: Values; onChange: (v: Values) => void; errors: Record<string, string>; secretOptional?: boolean }) {
  const intl = useIntl();
  const set = <K extends keyof Values>(k: K) => (v: Values[K]) => onChange({ ...values, [k]: v });
  const options = (['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const).map((id) => ({ id, label: intl.formatMessage(authLabel(id)) }));
  return (
    <>
      <TextField label={intl.formatMessage(m.displayName)} name="displayName" value={values.displayName} onChange={set('displayName')} error={errors.displayName} isRequired maxLength={100} />
      <TextField label={intl.formatMessage(m.issuer)} name="issuer" value={values.issuer} onChange={set('issuer')} error={errors.issuer} description={intl.formatMessage(m.issuerHelp)} isRequired maxLength={500} />
      <TextField label={intl.formatMessage(m.clientId)} name="clientId" value={values.clientId} onChange={set('clientId')} error={errors.clientId} isRequired maxLength={300} />
      <SelectField label={intl.formatMessage(m.clientAuth)} name="clientAuth" options={options} value={values.clientAuth} onChange={set('clientAuth')} error={errors.clientAuth} isRequired />
      <TextField label={intl.formatMessage(m.secret)} name="secret" type={values.clientAuth === 'private_key_jwt' ? 'text' : 'password'} multiline={values.clientAuth === 'private_key_jwt'}
        value={values.secret} onChange={set('secret')} error={errors.secret} isRequired={!secretOptional} autoComplete="off"
        description={intl.formatMessage(secretOptional ? m.secretKeep : m.secretHelp)} />
      <Checkbox isSelected={values.endSession} onChange={set('endSession')}>{intl.formatMessage(m.endSession)}</Checkbox>
      <Checkbox isSelected={values.active} onChange={set('active')}>{intl.formatMessage(m.activeLabel)}</Checkbox>
    </>
  );
}

const EMPTY: Values = { displayName: '', issuer: '', clientId: '', clientAuth: 'client_secret_basic', secret: '', endSession: true, active: true };

function NewProviderForm() {
  const intl = useIntl();
  const refresh = useRefresh();
  const [values, setValues] = useState<Values>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    for (const k of ['displayName', 'issuer', 'clientId', 'secret'] as const) if (!values[k].trim()) problems[k] = intl.formatMessage(uiMessages.required);
    if (!values.clientAuth) problems.clientAuth = intl.formatMessage(uiMessages.required);
    setLocal(problems);
    setDone(null);
    if (Object.keys(problems).length || !values.clientAuth) return;
    setBusy(true);
    setError(null);
    try {
      const created = await call(api.POST('/api/identity-providers', {
        body: { displayName: values.displayName.trim(), issuer: values.issuer.trim(), clientId: values.clientId.trim(), clientAuth: values.clientAuth, secret: values.secret.trim(), endSession: values.endSession, active: values.active },
      }));
      await refresh();
      setDone(intl.formatMessage(m.created, { name: created.displayName }));
      setValues(EMPTY);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="new-idp">
      <h2 id="new-idp">{intl.formatMessage(m.new)}</h2>
      <Form onSubmit={submit} validationBehavior="aria">
        <ProviderFields values={values} onChange={setValues} errors={{ ...fieldErrors(error, FIELDS), ...local }} />
        <div className="form-actions"><Button type="submit" isDisabled={busy}>{intl.formatMessage(m.add)}</Button></div>
      </Form>
      <FormError error={error} formErrors={fieldErrors(error, FIELDS)['']} />
      {done && <p className="notice ok" role="status">{done}</p>}
    </section>
  );
}

function EditProviderDialog({ provider, onClose }: { provider: Provider; onClose: () => void }) {
  const intl = useIntl();
  const refresh = useRefresh();
  const [values, setValues] = useState<Values>({ ...provider, secret: '' });
  const [version, setVersion] = useState(provider.version);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(api.PATCH('/api/identity-providers/{id}', {
        params: { path: { id: provider.id } },
        body: {
          displayName: values.displayName.trim(), issuer: values.issuer.trim(), clientId: values.clientId.trim(), clientAuth: values.clientAuth ?? provider.clientAuth,
          ...(values.secret.trim() ? { secret: values.secret.trim() } : {}), endSession: values.endSession, active: values.active, version,
        },
      }));
      await refresh();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => {
    const fresh = await call(api.GET('/api/identity-providers/{id}', { params: { path: { id: provider.id } } }));
    setVersion(fresh.version);
  };
  return (
    <ModalDialog title={intl.formatMessage(m.editTitle, { name: provider.displayName })} isOpen onOpenChange={(o) => !o && onClose()}>
      <ProblemNotice error={error} fields={FIELDS} onReload={reload} />
      <ProviderFields values={values} onChange={setValues} errors={fieldErrors(error, FIELDS)} secretOptional />
      <div className="form-actions">
        <Button onPress={submit} isDisabled={busy}>{intl.formatMessage(uiMessages.save)}</Button>
        <Button variant="secondary" onPress={onClose}>{intl.formatMessage(uiMessages.cancel)}</Button>
      </div>
    </ModalDialog>
  );
}

function RemoveProviderDialog({ provider, onClose }: { provider: Provider; onClose: () => void }) {
  const intl = useIntl();
  const refresh = useRefresh();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(api.DELETE('/api/identity-providers/{id}', { params: { path: { id: provider.id } } }));
      await refresh();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalDialog role="alertdialog" title={intl.formatMessage(m.removeTitle, { name: provider.displayName })} isOpen onOpenChange={(o) => !o && onClose()}>
      <p>{intl.formatMessage(m.removeText)}</p>
      <FormError error={error} />
      <div className="form-actions">
        <Button variant="danger" onPress={confirm} isDisabled={busy}>{intl.formatMessage(m.remove)}</Button>
        <Button variant="secondary" onPress={onClose} autoFocus>{intl.formatMessage(uiMessages.cancel)}</Button>
      </div>
    </ModalDialog>
  );
}
