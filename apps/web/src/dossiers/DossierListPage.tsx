import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { FormEvent, useState } from 'react';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { Allowed, useSession } from '../layout/access';
import { useFormat } from '../i18n/format';
import { dossierStateLabels, label, optionsOf, phenomenonLabels } from '../i18n/labels';
import { Button } from '../ui/Button';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { FilterSelect } from '../ui/SelectField';
import { ErrorState, Loading } from '../ui/States';
import { uiMessages } from '../ui/ui.messages';
import { DossierStateBadge, subjectName } from './DossierStateBadge';
import { dossierMessages as m } from './dossiers.messages';
import { ariaSort, DossierSearch, DOSSIER_STATES, PAGE_SIZES, PHENOMENA, SortColumn, toApiQuery, toggleSort, withFilter, DEFAULT_PAGE_SIZE } from './dossierSearch';
import { usePartners, useUsers } from '../api/referenceData';

const route = getRouteApi('/app/dossiers');

export function DossierListPage() {
  return (
    <Allowed action="read" subject="Dossier">
      <DossierList />
    </Allowed>
  );
}

function DossierList() {
  const intl = useIntl();
  const fmt = useFormat();
  const { ability } = useSession();
  const search = route.useSearch();
  const navigate = useNavigate();
  const partners = usePartners();
  const users = useUsers(ability.can('read', 'User'));

  const list = $api.useQuery('get', '/api/dossiers', { params: { query: toApiQuery(search) } });
  const go = (next: DossierSearch) => void navigate({ to: '/dossiers', search: next });

  const items = list.data?.items ?? [];
  // The subject's name only where the API sends it (identities the caller may see).
  const showSubject = items.some((d) => d.subject);
  const columns: { key: SortColumn | null; label: string }[] = [
    { key: 'reference', label: intl.formatMessage(m.colReference) },
    ...(showSubject ? [{ key: null, label: intl.formatMessage(m.colSubject) }] : []),
    { key: null, label: intl.formatMessage(m.colPhenomenon) },
    { key: 'state', label: intl.formatMessage(m.colState) },
    { key: 'receivedOn', label: intl.formatMessage(m.colReceived) },
    { key: 'updatedAt', label: intl.formatMessage(m.colUpdated) },
  ];
  const all = intl.formatMessage(uiMessages.all);
  const filtered = Object.keys(search).some((k) => !['sort', 'page', 'pageSize'].includes(k));

  return (
    <Page
      title={intl.formatMessage(m.listTitle)}
      actions={ability.can('create', 'Dossier') && <Link className="btn" to="/dossiers/new">{intl.formatMessage(m.newSignal)}</Link>}
    >
      <section aria-label={intl.formatMessage(m.filters)} className="filters">
        {/* Keyed by the URL's q: a new search in the URL (back, a link) starts the field from it. */}
        <SearchForm key={search.q ?? ''} initial={search.q ?? ''} onSearch={(q) => go(withFilter(search, { q }))} />
        <FilterSelect label={intl.formatMessage(m.filterState)} allLabel={all} value={search.state} options={optionsOf(intl, dossierStateLabels, DOSSIER_STATES)}
          onChange={(v) => go(withFilter(search, { state: v as DossierSearch['state'] }))} />
        <FilterSelect label={intl.formatMessage(m.filterPhenomenon)} allLabel={all} value={search.phenomenon} options={optionsOf(intl, phenomenonLabels, PHENOMENA)}
          onChange={(v) => go(withFilter(search, { phenomenon: v as DossierSearch['phenomenon'] }))} />
        {users.casemanagers.length > 0 && (
          <FilterSelect label={intl.formatMessage(m.filterCasemanager)} allLabel={all} value={search.casemanagerId} options={users.casemanagers.map((u) => ({ id: u.id, label: u.name }))}
            onChange={(v) => go(withFilter(search, { casemanagerId: v }))} />
        )}
        <FilterSelect label={intl.formatMessage(m.filterPartner)} allLabel={all} value={search.involvedPartnerId} options={partners.list.map((p) => ({ id: p.id, label: p.name }))}
          onChange={(v) => go(withFilter(search, { involvedPartnerId: v }))} />
        {filtered && (
          <Button variant="quiet" onPress={() => go({ sort: search.sort, pageSize: search.pageSize })}>{intl.formatMessage(m.clearFilters)}</Button>
        )}
      </section>

      {list.isLoading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <table className="data">
            <caption className="visually-hidden">{intl.formatMessage(m.listCaption, { total: list.data.total })}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" aria-sort={c.key ? ariaSort(search.sort, c.key) : undefined}>
                    {c.key ? (
                      <button type="button" className="sort" onClick={() => go({ ...search, sort: toggleSort(search.sort, c.key!), page: undefined })}>
                        {c.label}
                        <span aria-hidden="true" className="sort-mark">{{ ascending: ' ▲', descending: ' ▼', none: '' }[ariaSort(search.sort, c.key)]}</span>
                      </button>
                    ) : c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <th scope="row"><Link to="/dossiers/$id" params={{ id: d.id }}>{d.reference}</Link></th>
                  {showSubject && <td>{subjectName(d.subject)}</td>}
                  <td>{label(intl, phenomenonLabels, d.phenomenon)}</td>
                  <td><DossierStateBadge state={d.state} /></td>
                  <td>{fmt.date(d.receivedOn)}</td>
                  <td>{fmt.dateTime(d.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <p className="empty">{intl.formatMessage(m.empty)}</p>}
          <div className="row">
            <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => go({ ...search, page: p > 1 ? p : undefined })} />
            <FilterSelect label={intl.formatMessage(m.pageSize)} allLabel={String(DEFAULT_PAGE_SIZE)} value={search.pageSize ? String(search.pageSize) : undefined}
              options={PAGE_SIZES.filter((s) => s !== DEFAULT_PAGE_SIZE).map((s) => ({ id: String(s), label: String(s) }))}
              onChange={(v) => go({ ...search, pageSize: v ? Number(v) : undefined, page: undefined })} />
          </div>
        </>
      )}
    </Page>
  );
}

/** The free-text search: typed here, applied to the URL on submit. */
function SearchForm({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const intl = useIntl();
  const [q, setQ] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(q);
  };
  return (
    <form role="search" onSubmit={submit} className="row">
      <div className="field">
        <label>
          <span className="label">{intl.formatMessage(m.filterQ)}</span>
          <br />
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={200} />
        </label>
      </div>
      <Button type="submit" variant="secondary">{intl.formatMessage(m.search)}</Button>
    </form>
  );
}
