import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { fieldErrors } from '../api/problem';
import { useFormat } from '../i18n/format';
import { Allowed } from '../layout/access';
import { Button } from '../ui/Button';
import { DateField } from '../ui/DateField';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { FilterSelect } from '../ui/SelectField';
import { ErrorState, Loading } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { auditMessages as m } from './audit.messages';
import { AuditActor } from './AuditActor';
import { AuditAction, AuditOutcome } from './AuditOutcome';
import { type AuditSearch, ENTITY_TYPES } from './auditSearch';
import { ChainVerification } from './ChainVerification';

const route = getRouteApi('/app/audit');
const PAGE_SIZE = 50;

export function AuditTrailPage() {
  return (
    <Allowed action="read" subject="AuditEvent">
      <AuditTrail />
    </Allowed>
  );
}

/** The DPO's trail: filters in the URL (bookmarkable, "back" restores them), newest first, paged. */
function AuditTrail() {
  const intl = useIntl();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  const list = $api.useQuery('get', '/api/audit', { params: { query: { ...search, page, pageSize: PAGE_SIZE } } });
  const go = (next: AuditSearch) => void navigate({ search: next });
  const errors = fieldErrors(list.error);

  return (
    <Page title={intl.formatMessage(m.trailTitle)} lead={intl.formatMessage(m.trailLead)}
      actions={<Link to="/audit/access-log" className="btn secondary">{intl.formatMessage(m.toAccessLog)}</Link>}>
      {/* Keyed by the URL: going back re-reads the filters from it. */}
      <AuditFilters key={JSON.stringify(search)} search={search} errors={errors} onApply={(s) => go({ ...s, page: undefined })} />
      {list.isPending ? <Loading /> : list.isError && !Object.keys(errors).length ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : list.data ? (
        list.data.items.length === 0 ? <p className="empty">{intl.formatMessage(m.none)}</p> : (
          <>
            <table className="data">
              <caption className="visually-hidden">{intl.formatMessage(m.trailTitle)}</caption>
              <thead>
                <tr>
                  <th scope="col">{intl.formatMessage(m.colAt)}</th>
                  <th scope="col">{intl.formatMessage(m.colActor)}</th>
                  <th scope="col">{intl.formatMessage(m.colAction)}</th>
                  <th scope="col">{intl.formatMessage(m.colEntity)}</th>
                  <th scope="col">{intl.formatMessage(m.colOutcome)}</th>
                  <th scope="col">{intl.formatMessage(m.colIp)}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <td>{f.dateTime(r.at)}</td>
                    <td><AuditActor name={r.actorName} email={r.actorEmail} /></td>
                    <td><AuditAction action={r.action} /></td>
                    <td>
                      {r.entityType ?? '—'}
                      {r.entityId && (
                        <>
                          <br />
                          <Link to="/audit" search={{ entityType: r.entityType ?? undefined, entityId: r.entityId }} className="small">
                            {intl.formatMessage(m.sameRecord)}<span className="visually-hidden"> ({r.entityType} {r.entityId})</span>
                          </Link>
                        </>
                      )}
                    </td>
                    <td><AuditOutcome outcome={r.outcome} /></td>
                    <td className="small">{r.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={(p) => go({ ...search, page: p > 1 ? p : undefined })} />
          </>
        )
      ) : null}
      <ChainVerification />
    </Page>
  );
}

/** Typed here, applied to the URL on "Filteren"; the actor is chosen among those who appear in the trail. */
function AuditFilters({ search, errors, onApply }: { search: AuditSearch; errors: Record<string, string>; onApply: (s: AuditSearch) => void }) {
  const intl = useIntl();
  const actors = $api.useQuery('get', '/api/audit/actors', {}, { staleTime: 60_000 });
  const [v, setV] = useState<AuditSearch>(search);
  const set = (patch: Partial<AuditSearch>) => setV((s) => ({ ...s, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clean = (x?: string) => (x && x.trim() ? x.trim() : undefined);
    onApply({ ...v, action: clean(v.action), entityId: clean(v.entityId), from: clean(v.from), to: clean(v.to) });
  };
  const all = intl.formatMessage(uiMessages.all);
  return (
    <form role="search" aria-label={intl.formatMessage(m.filters)} className="filters audit-filters" onSubmit={submit}>
      <FilterSelect label={intl.formatMessage(m.actor)} allLabel={all} value={v.actorId} onChange={(x) => set({ actorId: x })}
        options={(actors.data ?? []).map((a) => ({ id: a.id, label: `${a.name} (${a.email})` }))} />
      <TextField label={intl.formatMessage(m.action)} description={intl.formatMessage(m.actionHint)} value={v.action ?? ''} maxLength={100}
        onChange={(x) => set({ action: x })} error={errors.action} />
      <FilterSelect label={intl.formatMessage(m.entityType)} allLabel={all} value={v.entityType} onChange={(x) => set({ entityType: x })}
        options={ENTITY_TYPES.map((t) => ({ id: t, label: t }))} />
      <TextField label={intl.formatMessage(m.entityId)} value={v.entityId ?? ''} onChange={(x) => set({ entityId: x })} error={errors.entityId} maxLength={36} />
      <FilterSelect label={intl.formatMessage(m.outcome)} allLabel={all} value={v.outcome} onChange={(x) => set({ outcome: x as AuditSearch['outcome'] })}
        options={[{ id: 'ALLOWED', label: intl.formatMessage(m.allowed) }, { id: 'DENIED', label: intl.formatMessage(m.denied) }]} />
      <DateField label={intl.formatMessage(m.from)} value={v.from ?? ''} onChange={(x) => set({ from: x })} error={errors.from} max={v.to || undefined} />
      <DateField label={intl.formatMessage(m.to)} value={v.to ?? ''} onChange={(x) => set({ to: x })} error={errors.to} min={v.from || undefined} />
      <Button type="submit">{intl.formatMessage(m.apply)}</Button>
      <Button variant="quiet" onPress={() => onApply({})}>{intl.formatMessage(m.clear)}</Button>
    </form>
  );
}
