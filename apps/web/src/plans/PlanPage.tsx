import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useId, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { fieldErrors, isProblem } from '../api/problem';
import type { components } from '../api/schema';
import { todayInBrussels, useFormat } from '../i18n/format';
import { currentYear, yearHasEnded, yearsBetween } from '../indicators/period';
import { PlainSelect } from '../indicators/PlainSelect';
import { Allowed, useSession } from '../layout/access';
import { Button } from '../ui/Button';
import { ModalDialog } from '../ui/Dialog';
import { Page, QueryPage } from '../ui/Page';
import { ErrorState, FormError, Loading } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { PlanTree } from './PlanTree';
import { plansMessages as m } from './plans.messages';

type Plan = components['schemas']['PlanView'];
type Snapshot = components['schemas']['SnapshotView'];
type ReportIndicator = components['schemas']['ReportIndicator'];
const route = getRouteApi('/app/plans/$id');

export function PlanPage() {
  return (
    <Allowed action="read" subject="Plan">
      <PlanLoader />
    </Allowed>
  );
}

function PlanLoader() {
  const intl = useIntl();
  const { id } = route.useParams();
  const q = $api.useQuery('get', '/api/plans/{id}', { params: { path: { id } } });
  return <QueryPage title={intl.formatMessage(m.planTitle)} query={q}>{(plan) => <PlanView plan={plan} />}</QueryPage>;
}

/** The year shown by default: this year when the plan covers it, else the plan's nearest year. */
function defaultYear(plan: Plan) {
  const years = yearsBetween(plan.periodFrom, plan.periodTo);
  const now = currentYear();
  return years.includes(now) ? now : now < years[0] ? years[0] : years[years.length - 1];
}

function PlanView({ plan }: { plan: Plan }) {
  const intl = useIntl();
  const f = useFormat();
  const qc = useQueryClient();
  const { ability } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const canEdit = ability.can('update', 'Plan');
  const years = yearsBetween(plan.periodFrom, plan.periodTo);
  const period = search.from && search.to ? null : search.year ?? defaultYear(plan);
  const query = period !== null ? { year: String(period) } : { from: search.from, to: search.to };
  const report = $api.useQuery('get', '/api/plans/{id}/report', { params: { path: { id: plan.id }, query } });
  const indicators = useMemo(() => {
    const map = new Map<string, ReportIndicator>();
    for (const r of report.data?.indicators ?? []) map.set(r.nodeId, r);
    return map;
  }, [report.data]);
  const refresh = () => Promise.all([
    qc.invalidateQueries({ queryKey: ['get', '/api/plans/{id}'] }),
    qc.invalidateQueries({ queryKey: ['get', '/api/plans/{id}/report'] }),
    qc.invalidateQueries({ queryKey: ['get', '/api/plans/{id}/snapshots'] }),
  ]);

  return (
    <Page title={plan.title} lead={intl.formatMessage(m.period, { from: f.date(plan.periodFrom), to: f.date(plan.periodTo) })}
      actions={<>
        {period !== null && (
          <a className="btn" href={`/api/plans/${plan.id}/report.pdf?year=${period}&lang=${intl.locale.startsWith('fr') ? 'fr' : 'nl'}`} download={`evaluatierapport_${period}.pdf`}>{intl.formatMessage(m.reportPdf)}</a>
        )}
        <a className="btn secondary" href={`/api/plans/${plan.id}/structure`} download="plan-structure.json">{intl.formatMessage(m.downloadStructure)}</a>
      </>}>
      <PeriodPicker years={years} year={period} from={search.from} to={search.to}
        onYear={(y) => void navigate({ search: { year: y } })} onRange={(from, to) => void navigate({ search: { from, to } })} />
      {report.isPending ? <Loading /> : report.isError ? <ErrorState error={report.error} onRetry={() => void report.refetch()} /> : (
        <p className={`notice ${report.data.source === 'CLOSED' ? 'ok' : 'info'}`} role="status">
          {intl.formatMessage(m.showing, { from: f.date(report.data.from), to: f.date(report.data.to) })}.{' '}
          {report.data.source === 'CLOSED'
            ? intl.formatMessage(m.closed, { at: f.dateTime(report.data.closedAt) })
            : intl.formatMessage(m.live, { at: f.dateTime(report.data.computedAt) })}
        </p>
      )}
      <section aria-labelledby="plan-tree" className="stack">
        <h2 id="plan-tree">{intl.formatMessage(m.tree)}</h2>
        <PlanTree planId={plan.id} roots={plan.nodes} indicators={indicators} canEdit={canEdit} year={period} onChanged={refresh} />
      </section>
      <ReportingYears plan={plan} years={years} canEdit={canEdit} onChanged={refresh} />
    </Page>
  );
}

function PeriodPicker({ years, year, from, to, onYear, onRange }: {
  years: number[]; year: number | null; from?: string; to?: string; onYear: (y: number) => void; onRange: (from: string, to: string) => void;
}) {
  const intl = useIntl();
  const id = useId();
  const [a, setA] = useState(from ?? '');
  const [b, setB] = useState(to ?? '');
  const shown = year ?? years[0];
  return (
    <form role="search" aria-label={intl.formatMessage(m.reportPeriod)} className="filters" onSubmit={(e) => { e.preventDefault(); if (a && b) onRange(a, b); }}>
      <PlainSelect label={intl.formatMessage(m.year)} value={String(shown)} onChange={(v) => onYear(Number(v))}
        options={[...new Set([...years, shown])].map((y) => ({ id: String(y), label: String(y) }))} />
      <div className="field">
        <label htmlFor={`${id}-from`}>{intl.formatMessage(m.from)}</label>
        <input id={`${id}-from`} type="date" value={a} onChange={(e) => setA(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{intl.formatMessage(m.to)}</label>
        <input id={`${id}-to`} type="date" value={b} onChange={(e) => setB(e.target.value)} />
      </div>
      <Button type="submit" variant="secondary" isDisabled={!a || !b}>{intl.formatMessage(m.applyPeriod)}</Button>
      {year === null && <Button variant="quiet" onPress={() => onYear(years[0])}>{intl.formatMessage(m.clearPeriod)}</Button>}
    </form>
  );
}

/** The closed state of each reporting year of the plan; the newest CLOSED snapshot of a year decides. */
function yearState(snapshots: Snapshot[], year: number): Snapshot | undefined {
  return snapshots.filter((s) => s.kind === 'CLOSED' && s.year === year).sort((x, y) => y.revision - x.revision)[0];
}

function ReportingYears({ plan, years, canEdit, onChanged }: { plan: Plan; years: number[]; canEdit: boolean; onChanged: () => Promise<unknown> }) {
  const intl = useIntl();
  const f = useFormat();
  const snaps = $api.useQuery('get', '/api/plans/{id}/snapshots', { params: { path: { id: plan.id } } });
  const [dialog, setDialog] = useState<{ type: 'close' | 'reopen'; year: number } | null>(null);
  const today = todayInBrussels();
  return (
    <section className="card" aria-labelledby="plan-years">
      <h2 id="plan-years">{intl.formatMessage(m.years)}</h2>
      {snaps.isPending ? <Loading /> : snaps.isError ? <ErrorState error={snaps.error} /> : (
        <ul className="stack">
          {years.map((y) => {
            const s = yearState(snaps.data, y);
            const closed = s && !s.reopenedAt;
            return (
              <li key={y} className="row">
                <span>
                  {closed ? intl.formatMessage(m.yearClosed, { year: y, at: f.dateTime(s.computedAt), revision: s.revision })
                    : s?.reopenedAt ? intl.formatMessage(m.yearReopened, { year: y, at: f.dateTime(s.reopenedAt), reason: s.reopenReason ?? '' })
                      : intl.formatMessage(m.yearOpen, { year: y })}
                </span>
                {canEdit && !closed && (yearHasEnded(y, today)
                  ? <Button variant="secondary" size="small" onPress={() => setDialog({ type: 'close', year: y })}>{intl.formatMessage(m.closeYear, { year: y })}</Button>
                  : <span className="muted small">{intl.formatMessage(m.closeYearNotYet, { year: y, next: y + 1 })}</span>)}
                {canEdit && closed && <Button variant="secondary" size="small" onPress={() => setDialog({ type: 'reopen', year: y })}>{intl.formatMessage(m.reopen, { year: y })}</Button>}
              </li>
            );
          })}
        </ul>
      )}
      {dialog && <YearDialog planId={plan.id} {...dialog} onDone={onChanged} onClose={() => setDialog(null)} />}
    </section>
  );
}

/** Closing (after the year has ended; the API's 422 is shown if it refuses) or reopening with a reason. */
function YearDialog({ planId, type, year, onDone, onClose }: { planId: string; type: 'close' | 'reopen'; year: number; onDone: () => Promise<unknown>; onClose: () => void }) {
  const intl = useIntl();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, ['reason']);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (type === 'close') await call(api.POST('/api/plans/{id}/snapshots', { params: { path: { id: planId } }, body: { year } }));
      else await call(api.POST('/api/plans/{id}/snapshots/{year}/reopen', { params: { path: { id: planId, year } }, body: { reason } }));
      await onDone();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const title = intl.formatMessage(type === 'close' ? m.closeYearTitle : m.reopenTitle, { year });
  return (
    <ModalDialog role={type === 'close' ? 'alertdialog' : 'dialog'} title={title} isOpen onOpenChange={(o) => !o && onClose()}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        {type === 'close' && <p>{intl.formatMessage(m.closeYearText, { year })}</p>}
        {/* The 422 of a year not yet ended (or outside the plan) says why in the API's words. */}
        <FormError error={error && !errs.reason ? error : null} formErrors={isProblem(error) && !errs.reason ? error.detail ?? error.title : undefined} />
        {type === 'reopen' && <TextField label={intl.formatMessage(m.reopenReason)} value={reason} onChange={setReason} multiline rows={3} isRequired maxLength={2000} error={errs.reason} autoFocus />}
        <div className="form-actions">
          <Button type="submit" isDisabled={busy}>{type === 'close' ? intl.formatMessage(m.closeYear, { year }) : intl.formatMessage(m.reopen, { year })}</Button>
          <Button variant="secondary" onPress={onClose}>{intl.formatMessage(uiMessages.cancel)}</Button>
        </div>
      </form>
    </ModalDialog>
  );
}
