import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { fieldErrors } from '../api/problem';
import { useFormat } from '../i18n/format';
import { label, optionsOf } from '../i18n/labels';
import { Allowed } from '../layout/access';
import { lastDayOfMonth } from '../indicators/period';
import { PlainSelect } from '../indicators/PlainSelect';
import { Button } from '../ui/Button';
import { Choice } from '../ui/Choice';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { ErrorState, FormError, Loading } from '../ui/States';
import { ExportStateBadge, isPendingExport } from './ExportStateBadge';
import { exportFormatLabels, exportsMessages as m } from './exports.messages';

const route = getRouteApi('/app/exports');
const PAGE_SIZE = 20;
const POLL_MS = 1500;
type Format = 'xlsx' | 'csv' | 'json' | 'pdf';

export function ExportsPage() {
  return (
    <Allowed action="create" subject="Export">
      <Exports />
    </Allowed>
  );
}

function Exports() {
  const intl = useIntl();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  const list = $api.useQuery('get', '/api/exports', { params: { query: { page, pageSize: PAGE_SIZE } } }, {
    // Poll while one is still being made; stop once every export is done or failed.
    refetchInterval: (q) => (q.state.data?.items.some((e) => isPendingExport(e.state)) ? POLL_MS : false),
  });
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <div className="grid-2">
        <ExportForm />
        <section className="card" aria-labelledby="exports-list">
          <h2 id="exports-list">{intl.formatMessage(m.list)}</h2>
          {list.isPending ? <Loading /> : list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : list.data.items.length === 0 ? (
            <p className="empty">{intl.formatMessage(m.none)}</p>
          ) : (
            <>
              <div className="table-scroll">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{intl.formatMessage(m.colRequested)}</th>
                      <th scope="col">{intl.formatMessage(m.colPeriod)}</th>
                      <th scope="col">{intl.formatMessage(m.colFormat)}</th>
                      <th scope="col">{intl.formatMessage(m.colState)}</th>
                      <th scope="col">{intl.formatMessage(m.colFile)}</th>
                    </tr>
                  </thead>
                  <tbody aria-live="polite">
                    {list.data.items.map((e) => (
                      <tr key={e.id}>
                        <th scope="row">{f.dateTime(e.createdAt)}</th>
                        <td>{intl.formatMessage(m.period, { from: f.date(e.from), to: f.date(e.to) })}{e.planId && <> ({intl.formatMessage(m.withPlan)})</>}</td>
                        <td>{label(intl, exportFormatLabels, e.format)}</td>
                        <td><ExportStateBadge state={e.state} /></td>
                        <td>
                          {e.fileAvailable && e.fileName ? (
                            <>
                              {/* A plain link: the browser sends the session cookie and saves the file under its own name. */}
                              <a href={`/api/exports/${e.id}/file`} download={e.fileName}>{intl.formatMessage(m.download, { name: e.fileName })}</a>
                              {e.expiresAt && <span className="muted small"> · {intl.formatMessage(m.expires, { date: f.dateTime(e.expiresAt) })}</span>}
                            </>
                          ) : e.state === 'DONE' ? intl.formatMessage(m.removed) : '—'}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={(p) => void navigate({ search: { page: p > 1 ? p : undefined } })} />
            </>
          )}
        </section>
      </div>
    </Page>
  );
}

/** `YYYY-MM` of today and of the previous month, the default period of a new export. */
function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

function MonthField({ label: text, value, onChange, error, hint }: { label: string; value: string; onChange: (v: string) => void; error?: string; hint: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{text}</label>
      <input id={id} type="month" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? 'true' : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} required />
      <span id={`${id}-hint`} className="hint">{hint}</span>
      {error && <span id={`${id}-error`} className="error">{error}</span>}
    </div>
  );
}

function ExportForm() {
  const intl = useIntl();
  const qc = useQueryClient();
  const plans = $api.useQuery('get', '/api/plans', { params: { query: { pageSize: 200 } } });
  const [fromMonth, setFrom] = useState(() => `${lastMonth().slice(0, 4)}-01`);
  const [toMonth, setTo] = useState(lastMonth);
  const [format, setFormat] = useState<Format>('xlsx');
  const [planId, setPlanId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, ['from', 'to', 'format', 'planId']);
  const submit = async () => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await call(api.POST('/api/exports', {
        body: { from: fromMonth ? `${fromMonth}-01` : '', to: toMonth ? lastDayOfMonth(toMonth) : '', format, ...(planId ? { planId } : {}) },
      }));
      setDone(true);
      await qc.invalidateQueries({ queryKey: ['get', '/api/exports'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="exports-request">
      <h2 id="exports-request">{intl.formatMessage(m.request)}</h2>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <FormError error={error} formErrors={fieldErrors(error, ['from', 'to', 'format', 'planId'])['']} />
        <MonthField label={intl.formatMessage(m.fromMonth)} value={fromMonth} onChange={setFrom} error={errs.from} hint={intl.formatMessage(m.monthHint)} />
        <MonthField label={intl.formatMessage(m.toMonth)} value={toMonth} onChange={setTo} error={errs.to} hint={intl.formatMessage(m.monthHint)} />
        <Choice label={intl.formatMessage(m.format)} value={format} options={optionsOf(intl, exportFormatLabels)} onChange={setFormat} error={errs.format} />
        <PlainSelect label={intl.formatMessage(m.plan)} value={planId} onChange={setPlanId}
          options={[{ id: '', label: intl.formatMessage(m.noPlan) }, ...(plans.data?.items ?? []).map((p) => ({ id: p.id, label: p.title }))]} />
        {errs.planId && <p className="error">{errs.planId}</p>}
        <div className="form-actions">
          <Button type="submit" isDisabled={busy}>{intl.formatMessage(m.submit)}</Button>
        </div>
        {done && <p role="status" className="notice ok">{intl.formatMessage(m.requested)}</p>}
      </form>
    </section>
  );
}
