import { useQueries } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { useFormat } from '../i18n/format';
import { agreementStateLabels, label } from '../i18n/labels';
import { Badge } from '../ui/Badge';
import { Loading } from '../ui/States';
import { openFromEarlier } from './meeting-mode';
import { meetingsMessages as m } from './meetings.messages';
import type { Meeting } from './useMeetingActions';

/** At the start: agreements of earlier meetings still open or under way for the dossiers on this agenda. */
export function OpenAgreementsReview({ meeting, partnerName }: { meeting: Meeting; partnerName: (id: string) => string }) {
  const intl = useIntl();
  const f = useFormat();
  const dossierIds = [...new Set(meeting.agenda.map((i) => i.dossierId))];
  const results = useQueries({
    queries: dossierIds.map((dossierId) => $api.queryOptions('get', '/api/agreements', { params: { query: { dossierId, pageSize: 200 } } })),
  });
  const pending = results.some((r) => r.isPending);
  const open = openFromEarlier(results.flatMap((r) => r.data?.items ?? []), meeting.id);

  return (
    <section aria-labelledby="review-h" className="card">
      <h2 id="review-h">{intl.formatMessage(m.review)}</h2>
      <p className="muted small">{intl.formatMessage(m.reviewHint)}</p>
      {pending ? <Loading /> : open.length === 0 ? <p className="empty">{intl.formatMessage(m.reviewEmpty)}</p> : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{intl.formatMessage(m.colReference)}</th>
              <th scope="col">{intl.formatMessage(m.colDescription)}</th>
              <th scope="col">{intl.formatMessage(m.colResponsible)}</th>
              <th scope="col">{intl.formatMessage(m.colDue)}</th>
              <th scope="col">{intl.formatMessage(m.colAgreementState)}</th>
            </tr>
          </thead>
          <tbody>
            {open.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.dossierReference}</th>
                <td><Link to="/agreements/$id" params={{ id: a.id }}>{a.description ?? '—'}</Link></td>
                <td>{partnerName(a.responsiblePartnerId)}</td>
                <td>
                  {f.date(a.dueOn)}
                  {a.overdue && <> <Badge tone="danger">{intl.formatMessage(m.overdue)}</Badge></>}
                </td>
                <td>{label(intl, agreementStateLabels, a.state)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
