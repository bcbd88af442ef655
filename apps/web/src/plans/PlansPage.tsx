import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { fieldErrors } from '../api/problem';
import { useFormat } from '../i18n/format';
import { Allowed, useSession } from '../layout/access';
import { Button } from '../ui/Button';
import { DateField } from '../ui/DateField';
import { ModalDialog } from '../ui/Dialog';
import { Page } from '../ui/Page';
import { ErrorState, FormError, Loading } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { plansMessages as m } from './plans.messages';

export function PlansPage() {
  return (
    <Allowed action="read" subject="Plan">
      <PlansList />
    </Allowed>
  );
}

function PlansList() {
  const intl = useIntl();
  const f = useFormat();
  const { ability } = useSession();
  const q = $api.useQuery('get', '/api/plans', { params: { query: { pageSize: 200 } } });
  return (
    <Page title={intl.formatMessage(m.listTitle)} actions={ability.can('create', 'Plan') && <><CreatePlanDialog /><ImportPlanDialog /></>}>
      {q.isPending ? <Loading /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : q.data.items.length === 0 ? (
        <p className="empty">{intl.formatMessage(m.none)}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{intl.formatMessage(m.colTitle)}</th>
              <th scope="col">{intl.formatMessage(m.colPeriod)}</th>
              <th scope="col">{intl.formatMessage(m.colUpdated)}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row"><Link to="/plans/$id" params={{ id: p.id }}>{p.title}</Link></th>
                <td>{intl.formatMessage(m.period, { from: f.date(p.periodFrom), to: f.date(p.periodTo) })}</td>
                <td>{f.dateTime(p.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function CreatePlanDialog() {
  const intl = useIntl();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const year = new Date().getFullYear();
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year + 1}-12-31`);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, ['title', 'periodFrom', 'periodTo']);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const p = await call(api.POST('/api/plans', { body: { title, periodFrom: from, periodTo: to } }));
      await qc.invalidateQueries({ queryKey: ['get', '/api/plans'] });
      setOpen(false);
      await navigate({ to: '/plans/$id', params: { id: p.id } });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onPress={() => setOpen(true)}>{intl.formatMessage(m.create)}</Button>
      <ModalDialog title={intl.formatMessage(m.createTitle)} isOpen={open} onOpenChange={setOpen}>
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
          <FormError error={error && !Object.keys(errs).some(Boolean) ? error : null} formErrors={errs['']} />
          <TextField label={intl.formatMessage(m.titleField)} value={title} onChange={setTitle} isRequired maxLength={500} error={errs.title} autoFocus />
          <DateField label={intl.formatMessage(m.periodFrom)} value={from} onChange={setFrom} isRequired error={errs.periodFrom} />
          <DateField label={intl.formatMessage(m.periodTo)} value={to} onChange={setTo} isRequired error={errs.periodTo} />
          <div className="form-actions">
            <Button type="submit" isDisabled={busy}>{intl.formatMessage(m.create)}</Button>
            <Button variant="secondary" onPress={() => setOpen(false)}>{intl.formatMessage(uiMessages.cancel)}</Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}

/** Imports a plan from the JSON that "download structure" gives (POST /api/plans/import); the API checks it. */
function ImportPlanDialog() {
  const intl = useIntl();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setError(null);
    setLocal(null);
    if (!file) return setLocal(intl.formatMessage(uiMessages.required));
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      return setLocal(intl.formatMessage(m.importBadFile));
    }
    setBusy(true);
    try {
      // The file is the API's own format; the API validates every field and answers 400 with what is wrong.
      const p = await call(api.POST('/api/plans/import', { body: body as never }));
      await qc.invalidateQueries({ queryKey: ['get', '/api/plans'] });
      setOpen(false);
      await navigate({ to: '/plans/$id', params: { id: p.id } });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const errs = fieldErrors(error);
  const apiMessage = Object.entries(errs).map(([k, v]) => (k ? `${k}: ${v}` : v)).join(' ');
  return (
    <>
      <Button variant="secondary" onPress={() => setOpen(true)}>{intl.formatMessage(m.import)}</Button>
      <ModalDialog title={intl.formatMessage(m.importTitle)} isOpen={open} onOpenChange={setOpen}>
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
          <FormError error={error} formErrors={apiMessage || undefined} />
          <div className="field">
            <label htmlFor={id}>{intl.formatMessage(m.importFile)}</label>
            <input id={id} type="file" accept="application/json,.json" onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              aria-invalid={local ? 'true' : undefined} aria-describedby={`${id}-hint${local ? ` ${id}-err` : ''}`} />
            <span id={`${id}-hint`} className="hint">{intl.formatMessage(m.importHint)}</span>
            {local && <span id={`${id}-err`} className="error">{local}</span>}
          </div>
          <div className="form-actions">
            <Button type="submit" isDisabled={busy}>{intl.formatMessage(m.importSubmit)}</Button>
            <Button variant="secondary" onPress={() => setOpen(false)}>{intl.formatMessage(uiMessages.cancel)}</Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
