import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { useFormat } from '../i18n/format';
import { label, phenomenonLabels } from '../i18n/labels';
import { WorkList } from '../home/WorkList';
import { transferMessages as m } from './transfers.messages';

/** Proposals of other LIVCs waiting for this LIVC's casemanagers (on their start page). */
export function IncomingTransfers() {
  const intl = useIntl();
  const fmt = useFormat();
  const q = $api.useQuery('get', '/api/transfers', { params: { query: { direction: 'incoming', state: 'VOORGESTELD', pageSize: 20 } } });
  return (
    <WorkList id="home-transfers" title={intl.formatMessage(m.incomingTitle)} count={q.data?.total} loading={q.isLoading} error={q.error} empty={intl.formatMessage(m.incomingEmpty)}>
      {(q.data?.items ?? []).map((t) => (
        <li key={t.id}>
          <Link to="/transfers/$id" params={{ id: t.id }}>{intl.formatMessage(m.incomingItem, { name: t.from.name, date: fmt.date(t.createdAt.slice(0, 10)) })}</Link>{' '}
          <span className="muted small">{label(intl, phenomenonLabels, t.phenomenon)}</span>
        </li>
      ))}
    </WorkList>
  );
}
