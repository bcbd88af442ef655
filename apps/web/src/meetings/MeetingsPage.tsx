import { getRouteApi, Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { todayInBrussels, useFormat } from '../i18n/format';
import { Allowed, useSession } from '../layout/access';
import { DateField } from '../ui/DateField';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { ErrorState, Loading } from '../ui/States';
import { Button } from '../ui/Button';
import { CreateMeetingDialog } from './CreateMeetingDialog';
import { MeetingStateBadge } from './MeetingStateBadge';
import { listPeriod } from './meetings';
import { meetingsMessages as m } from './meetings.messages';

const route = getRouteApi('/app/meetings');
const PAGE_SIZE = 25;
/** Past meetings are shown newest first; the API lists by date, so the past view takes one big page and turns it round. */
const PAST_PAGE_SIZE = 200;

export function MeetingsPage() {
  return (
    <Allowed action="read" subject="Meeting">
      <MeetingsList />
    </Allowed>
  );
}

/** Upcoming and past meetings; the period and page live in the URL. */
function MeetingsList() {
  const intl = useIntl();
  const f = useFormat();
  const { ability } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const view = search.view ?? 'upcoming';
  const period = listPeriod(view, todayInBrussels(), search.from, search.to);
  const page = search.page ?? 1;
  const pageSize = view === 'past' ? PAST_PAGE_SIZE : PAGE_SIZE;
  const q = $api.useQuery('get', '/api/meetings', { params: { query: { ...period, page, pageSize } } });
  const items = q.data ? (view === 'past' ? [...q.data.items].reverse() : q.data.items) : [];
  const set = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, page: undefined, ...patch }) });

  return (
    <Page title={intl.formatMessage(m.listTitle)} actions={ability.can('create', 'Meeting') ? <CreateMeetingDialog /> : undefined}>
      <nav aria-label={intl.formatMessage(m.periodFilter)} className="row tabs">
        <Link to="/meetings" search={{}} className={view === 'upcoming' ? 'tab current' : 'tab'} aria-current={view === 'upcoming' ? 'page' : undefined}>
          {intl.formatMessage(m.upcoming)}
        </Link>
        <Link to="/meetings" search={{ view: 'past' }} className={view === 'past' ? 'tab current' : 'tab'} aria-current={view === 'past' ? 'page' : undefined}>
          {intl.formatMessage(m.past)}
        </Link>
      </nav>
      <div role="search" className="filters" aria-label={intl.formatMessage(m.periodFilter)}>
        <DateField label={intl.formatMessage(m.from)} value={search.from ?? ''} onChange={(v) => set({ from: v || undefined })} />
        <DateField label={intl.formatMessage(m.to)} value={search.to ?? ''} onChange={(v) => set({ to: v || undefined })} />
        {(search.from || search.to) && (
          <Button variant="secondary" size="small" onPress={() => set({ from: undefined, to: undefined })}>{intl.formatMessage(m.clearFilter)}</Button>
        )}
      </div>
      <h2>{intl.formatMessage(view === 'past' ? m.past : m.upcoming)}</h2>
      {q.isPending ? <Loading /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : items.length === 0 ? (
        <p className="empty">{intl.formatMessage(view === 'past' ? m.nonePast : m.noneUpcoming)}</p>
      ) : (
        <>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{intl.formatMessage(m.colDate)}</th>
                <th scope="col">{intl.formatMessage(m.colLocation)}</th>
                <th scope="col">{intl.formatMessage(m.colState)}</th>
                <th scope="col">{intl.formatMessage(m.colPresent)}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((mt) => (
                <tr key={mt.id}>
                  <th scope="row"><Link to="/meetings/$id" params={{ id: mt.id }}>{f.dateTime(mt.scheduledAt)}</Link></th>
                  <td>{mt.location ?? '—'}</td>
                  <td><MeetingStateBadge state={mt.state} /></td>
                  <td>{mt.presentPartnerIds.length || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={pageSize} total={q.data!.total} onPage={(p) => set({ page: p > 1 ? p : undefined })} />
        </>
      )}
    </Page>
  );
}
