import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { useFormat } from '../i18n/format';
import { WorkList } from '../home/WorkList';
import { auditMessages as m } from './audit.messages';
import { actionName } from './AuditOutcome';
import { ChainVerification } from './ChainVerification';

const PREVIEW = 8;

/** The DPO's start page: is the trail intact, who was refused lately, and the way to the trail and the access log. */
export function AuditorHome() {
  const intl = useIntl();
  const f = useFormat();
  const denied = $api.useQuery('get', '/api/audit', { params: { query: { outcome: 'DENIED', pageSize: PREVIEW } } });
  return (
    <div className="grid-2 home-grid">
      <ChainVerification auto />
      <WorkList id="home-denied" title={intl.formatMessage(m.homeDenied)} count={denied.data?.total} loading={denied.isLoading} error={denied.error}
        empty={intl.formatMessage(m.homeDeniedEmpty)}
        more={<p className="small"><Link to="/audit" search={{ outcome: 'DENIED' }}>{intl.formatMessage(m.toDenied)}</Link></p>}>
        {(denied.data?.items ?? []).map((r) => (
          <li key={r.id}>
            {intl.formatMessage(m.deniedItem, { actor: r.actorName ?? intl.formatMessage(m.unknownActor), action: actionName(intl, r.action) ?? r.action })}{' '}
            <span className="muted small">{f.dateTime(r.at)}</span>
          </li>
        ))}
      </WorkList>
      <WorkList id="home-audit-links" title={intl.formatMessage(m.homeLinks)} empty="">
        {[
          <li key="trail"><Link to="/audit">{intl.formatMessage(m.toTrail)}</Link></li>,
          <li key="access"><Link to="/audit/access-log">{intl.formatMessage(m.toAccessLog)}</Link></li>,
        ]}
      </WorkList>
    </div>
  );
}
