import { getRouteApi, Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import type { operations } from '../api/schema';
import { useFormat } from '../i18n/format';
import { agreementStateLabels, optionsOf } from '../i18n/labels';
import { Allowed } from '../layout/access';
import { usePartners } from '../api/referenceData';
import { Checkbox } from '../ui/Choice';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { FilterSelect } from '../ui/SelectField';
import { ErrorState, Loading } from '../ui/States';
import { uiMessages } from '../ui/ui.messages';
import { AgreementStateBadge } from './AgreementStateBadge';
import { agreementsMessages as m } from './agreements.messages';

const route = getRouteApi('/app/agreements');
const PAGE_SIZE = 50;
type ListQuery = NonNullable<operations['agreements_list']['parameters']['query']>;

export function AgreementsPage() {
  return (
    <Allowed action="read" subject="Agreement">
      <AgreementsList />
    </Allowed>
  );
}

/** Agreements the caller may see; the filters live in the URL under the API's names. */
function AgreementsList() {
  const intl = useIntl();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const partners = usePartners();
  const page = search.page ?? 1;
  const query = {
    state: search.state as ListQuery['state'], overdue: search.overdue, responsiblePartnerId: search.responsiblePartnerId, page, pageSize: PAGE_SIZE,
  };
  const q = $api.useQuery('get', '/api/agreements', { params: { query } });
  const set = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, page: undefined, ...patch }) });

  return (
    <Page title={intl.formatMessage(m.listTitle)}>
      <div role="search" className="filters" aria-label={intl.formatMessage(m.filters)}>
        <FilterSelect label={intl.formatMessage(m.state)} options={optionsOf(intl, agreementStateLabels)} value={search.state}
          onChange={(v) => set({ state: v })} allLabel={intl.formatMessage(uiMessages.all)} />
        <FilterSelect label={intl.formatMessage(m.responsible)} options={partners.list.map((p) => ({ id: p.id, label: p.name }))}
          value={search.responsiblePartnerId} onChange={(v) => set({ responsiblePartnerId: v })} allLabel={intl.formatMessage(uiMessages.all)} />
        <Checkbox isSelected={search.overdue === 'true'} onChange={(v) => set({ overdue: v ? 'true' : undefined })}>{intl.formatMessage(m.overdueOnly)}</Checkbox>
      </div>
      {q.isPending ? <Loading /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : q.data.items.length === 0 ? (
        <p className="empty">{intl.formatMessage(m.none)}</p>
      ) : (
        <>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{intl.formatMessage(m.colDescription)}</th>
                <th scope="col">{intl.formatMessage(m.colDossier)}</th>
                <th scope="col">{intl.formatMessage(m.colResponsible)}</th>
                <th scope="col">{intl.formatMessage(m.colDue)}</th>
                <th scope="col">{intl.formatMessage(m.colState)}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row"><Link to="/agreements/$id" params={{ id: a.id }}>{a.description ?? '—'}</Link></th>
                  <td>{a.dossierReference}</td>
                  <td>{partners.name(a.responsiblePartnerId)}</td>
                  <td>{f.date(a.dueOn)}</td>
                  <td><AgreementStateBadge state={a.state} overdue={a.overdue} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={PAGE_SIZE} total={q.data.total} onPage={(p) => set({ page: p > 1 ? p : undefined })} />
        </>
      )}
    </Page>
  );
}
