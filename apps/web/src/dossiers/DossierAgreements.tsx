import { useQueries } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { useFormat, todayInBrussels } from '../i18n/format';
import { agendaOutcomeLabels, agreementStateLabels, label, meetingStateLabels } from '../i18n/labels';
import { Badge } from '../ui/Badge';
import { ErrorState, Loading } from '../ui/States';
import { dossierMessages as m } from './dossiers.messages';
import { usePartners } from '../api/referenceData';

/** The agreements (afspraken) made about this dossier, by due date. */
export function DossierAgreements({ dossierId }: { dossierId: string }) {
  const intl = useIntl();
  const fmt = useFormat();
  const partners = usePartners();
  const list = $api.useQuery('get', '/api/agreements', { params: { query: { dossierId, pageSize: 200 } } });
  return (
    <section className="card" aria-labelledby="agreements-title">
      <h2 id="agreements-title">{intl.formatMessage(m.agreements)}</h2>
      {list.isLoading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (list.data.items.length ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{intl.formatMessage(m.agreementDescription)}</th>
              <th scope="col">{intl.formatMessage(m.agreementResponsible)}</th>
              <th scope="col">{intl.formatMessage(m.agreementDue)}</th>
              <th scope="col">{intl.formatMessage(m.agreementState)}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((a) => (
              <tr key={a.id}>
                <th scope="row"><Link to="/agreements/$id" params={{ id: a.id }}>{a.description ?? '—'}</Link></th>
                <td>{partners.name(a.responsiblePartnerId)}</td>
                <td>{fmt.date(a.dueOn)} {a.overdue && <Badge tone="danger">{intl.formatMessage(m.overdue)}</Badge>}</td>
                <td>{label(intl, agreementStateLabels, a.state)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="muted">{intl.formatMessage(m.noAgreements)}</p>)}
    </section>
  );
}

/**
 * The meetings this dossier is or was on, with its agenda item's outcome. The API has no "meetings of a dossier"
 * query: the upcoming meetings are read and those whose agenda holds the dossier kept, plus the meetings its
 * agreements were made in.
 */
export function DossierMeetings({ dossierId }: { dossierId: string }) {
  const intl = useIntl();
  const fmt = useFormat();
  const upcoming = $api.useQuery('get', '/api/meetings', { params: { query: { from: todayInBrussels(), pageSize: 20 } } });
  const agreements = $api.useQuery('get', '/api/agreements', { params: { query: { dossierId, pageSize: 200 } } });
  const ids = [...new Set([...(upcoming.data?.items ?? []).map((x) => x.id), ...(agreements.data?.items ?? []).map((a) => a.meetingId)])];
  const meetings = useQueries({ queries: ids.map((id) => $api.queryOptions('get', '/api/meetings/{id}', { params: { path: { id } } })) });
  const mine = meetings
    .map((q) => q.data)
    .filter((x): x is NonNullable<typeof x> => !!x && x.agenda.some((i) => i.dossierId === dossierId))
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  const loading = upcoming.isLoading || agreements.isLoading || meetings.some((q) => q.isLoading);
  return (
    <section className="card" aria-labelledby="meetings-title">
      <h2 id="meetings-title">{intl.formatMessage(m.meetings)}</h2>
      {loading && <Loading />}
      {upcoming.error && <ErrorState error={upcoming.error} />}
      {!loading && (mine.length ? (
        <ul className="stack">
          {mine.map((x) => {
            const item = x.agenda.find((i) => i.dossierId === dossierId)!;
            return (
              <li key={x.id}>
                <Link to="/meetings/$id" params={{ id: x.id }}>{intl.formatMessage(m.meetingOn, { date: fmt.dateTime(x.scheduledAt) })}</Link>{' '}
                <Badge>{label(intl, meetingStateLabels, x.state)}</Badge>
                {item.outcome && <> · {label(intl, agendaOutcomeLabels, item.outcome)}</>}
              </li>
            );
          })}
        </ul>
      ) : <p className="muted">{intl.formatMessage(m.noMeetings)}</p>)}
    </section>
  );
}
