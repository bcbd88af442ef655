import { FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api, api, call, useRefetch } from '../api/client';
import { fieldErrors } from '../api/problem';
import type { Partner } from '../api/referenceData';
import type { components } from '../api/schema';
import { label, optionsOf, partnerTypeLabels } from '../i18n/labels';
import { Allowed } from '../layout/access';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ModalDialog } from '../ui/Dialog';
import { Page } from '../ui/Page';
import { SelectField } from '../ui/SelectField';
import { ErrorState, FormError, Loading, ProblemNotice } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { adminMessages as m } from './admin.messages';

type PartnerType = components['schemas']['PartnerView']['type'];

export function PartnersAdminPage() {
  return (
    <Allowed action="manage" subject="Partner">
      <PartnersAdmin />
    </Allowed>
  );
}

/** The partner organisations of the LIVC: list, add, rename, change type, (de)activate with confirmation. */
function PartnersAdmin() {
  const intl = useIntl();
  const q = $api.useQuery('get', '/api/partners');
  const [editing, setEditing] = useState<Partner | null>(null);
  const [toggling, setToggling] = useState<Partner | null>(null);
  return (
    <Page title={intl.formatMessage(m.partnersTitle)}>
      <NewPartnerForm />
      {q.isPending ? <Loading /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : q.data.length === 0 ? (
        <p className="empty">{intl.formatMessage(m.partnersNone)}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{intl.formatMessage(m.partnerName)}</th>
              <th scope="col">{intl.formatMessage(m.partnerType)}</th>
              <th scope="col">{intl.formatMessage(m.partnerStatus)}</th>
              <th scope="col">{intl.formatMessage(m.partnerActions)}</th>
            </tr>
          </thead>
          <tbody>
            {[...q.data].sort((a, b) => a.name.localeCompare(b.name)).map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{label(intl, partnerTypeLabels, p.type)}</td>
                <td>{p.active ? <Badge tone="ok">{intl.formatMessage(m.active)}</Badge> : <Badge>{intl.formatMessage(m.inactive)}</Badge>}</td>
                <td className="row">
                  <Button variant="secondary" size="small" onPress={() => setEditing(p)} aria-label={`${intl.formatMessage(m.editPartner)}: ${p.name}`}>
                    {intl.formatMessage(m.editPartner)}
                  </Button>
                  <Button variant={p.active ? 'danger' : 'secondary'} size="small" onPress={() => setToggling(p)}
                    aria-label={`${intl.formatMessage(p.active ? m.deactivate : m.activate)}: ${p.name}`}>
                    {intl.formatMessage(p.active ? m.deactivate : m.activate)}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <EditPartnerDialog partner={editing} onClose={() => setEditing(null)} />}
      {toggling && <TogglePartnerDialog partner={toggling} onClose={() => setToggling(null)} />}
    </Page>
  );
}

const usePartnerRefresh = () => useRefetch('/api/partners');

function NewPartnerForm() {
  const intl = useIntl();
  const refresh = usePartnerRefresh();
  const [name, setName] = useState('');
  const [type, setType] = useState<PartnerType | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = intl.formatMessage(uiMessages.required);
    if (!type) problems.type = intl.formatMessage(uiMessages.required);
    setLocal(problems);
    setDone(null);
    if (Object.keys(problems).length || !type) return;
    setBusy(true);
    setError(null);
    try {
      const created = await call(api.POST('/api/partners', { body: { name: name.trim(), type } }));
      await refresh();
      setDone(intl.formatMessage(m.partnerCreated, { name: created.name }));
      setName('');
      setType(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errs = { ...fieldErrors(error, ['name', 'type']), ...local };
  return (
    <section className="card" aria-labelledby="new-partner">
      <h2 id="new-partner">{intl.formatMessage(m.newPartner)}</h2>
      <Form onSubmit={submit} validationBehavior="aria" className="row">
        <TextField label={intl.formatMessage(m.partnerName)} name="name" value={name} onChange={setName} error={errs.name} isRequired maxLength={200} />
        <SelectField label={intl.formatMessage(m.partnerType)} options={optionsOf(intl, partnerTypeLabels)} value={type} onChange={setType} error={errs.type} isRequired />
        <Button type="submit" isDisabled={busy}>{intl.formatMessage(m.addPartner)}</Button>
      </Form>
      <FormError error={error} formErrors={fieldErrors(error, ['name', 'type'])['']} />
      {done && <p className="notice ok" role="status">{done}</p>}
    </section>
  );
}

function EditPartnerDialog({ partner, onClose }: { partner: Partner; onClose: () => void }) {
  const intl = useIntl();
  const refresh = usePartnerRefresh();
  const [name, setName] = useState(partner.name);
  const [type, setType] = useState<PartnerType | null>(partner.type);
  const [version, setVersion] = useState(partner.version);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(api.PATCH('/api/partners/{id}', { params: { path: { id: partner.id } }, body: { name: name.trim(), type: type ?? partner.type, version } }));
      await refresh();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => {
    const fresh = (await call(api.GET('/api/partners'))).find((p) => p.id === partner.id);
    if (fresh) setVersion(fresh.version);
  };
  const errs = fieldErrors(error, ['name', 'type']);
  return (
    <ModalDialog title={intl.formatMessage(m.editPartnerTitle, { name: partner.name })} isOpen onOpenChange={(o) => !o && onClose()}>
      <ProblemNotice error={error} fields={['name', 'type']} onReload={reload} />
      <TextField label={intl.formatMessage(m.partnerName)} name="name" value={name} onChange={setName} error={errs.name} isRequired maxLength={200} autoFocus />
      <SelectField label={intl.formatMessage(m.partnerType)} options={optionsOf(intl, partnerTypeLabels)} value={type} onChange={setType} error={errs.type} isRequired />
      <div className="form-actions">
        <Button onPress={submit} isDisabled={busy || !name.trim()}>{intl.formatMessage(uiMessages.save)}</Button>
        <Button variant="secondary" onPress={onClose}>{intl.formatMessage(uiMessages.cancel)}</Button>
      </div>
    </ModalDialog>
  );
}

function TogglePartnerDialog({ partner, onClose }: { partner: Partner; onClose: () => void }) {
  const intl = useIntl();
  const refresh = usePartnerRefresh();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const off = partner.active;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(api.PATCH('/api/partners/{id}', { params: { path: { id: partner.id } }, body: { active: !off, version: partner.version } }));
      await refresh();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalDialog role="alertdialog" title={intl.formatMessage(off ? m.deactivatePartnerTitle : m.activatePartnerTitle, { name: partner.name })} isOpen onOpenChange={(o) => !o && onClose()}>
      <p>{intl.formatMessage(off ? m.deactivatePartnerText : m.activatePartnerText)}</p>
      <FormError error={error} />
      <div className="form-actions">
        <Button variant={off ? 'danger' : 'primary'} onPress={confirm} isDisabled={busy}>{intl.formatMessage(off ? m.deactivate : m.activate)}</Button>
        <Button variant="secondary" onPress={onClose} autoFocus>{intl.formatMessage(uiMessages.cancel)}</Button>
      </div>
    </ModalDialog>
  );
}
