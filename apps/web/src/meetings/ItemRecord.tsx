import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { useFormat } from '../i18n/format';
import { agendaOutcomeLabels, agreementStateLabels, label } from '../i18n/labels';
import { Badge } from '../ui/Badge';
import { meetingsMessages as m } from './meetings.messages';
import { SharedAgreementsBadge } from './SharedAgreementsBadge';
import type { AgendaItem } from './useMeetingActions';

/** One agenda item as saved: outcome, summary, agreements and each present partner's stance. */
export function ItemRecord({ item, presentPartnerIds, partnerName, headingLevel = 3 }: {
  item: AgendaItem; presentPartnerIds: readonly string[]; partnerName: (id: string) => string; headingLevel?: 3 | 4;
}) {
  const intl = useIntl();
  const f = useFormat();
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const stance = new Map(item.endorsements.map((e) => [e.partnerId, e]));
  return (
    <div className="item-record stack">
      <div className="row">
        <Badge tone={item.outcome ? 'info' : 'neutral'}>{item.outcome ? label(intl, agendaOutcomeLabels, item.outcome) : intl.formatMessage(m.noOutcome)}</Badge>
        <SharedAgreementsBadge shared={item.sharedAgreements} outcome={item.outcome} />
      </div>
      {item.summary && (
        <>
          <H>{intl.formatMessage(m.summary)}</H>
          <p className="prewrap">{item.summary}</p>
        </>
      )}
      {item.outcome === 'DISCUSSED' && (
        <>
          <H>{intl.formatMessage(m.agreements)}</H>
          {item.agreements.length === 0 ? <p className="empty">{intl.formatMessage(m.noAgreements)}</p> : (
            <ul>
              {item.agreements.map((a) => (
                <li key={a.id}>
                  <Link to="/agreements/$id" params={{ id: a.id }}>{a.description ?? '—'}</Link>
                  {' — '}{partnerName(a.responsiblePartnerId)}, {intl.formatMessage(m.due, { date: f.date(a.dueOn) })}{' '}
                  <Badge>{label(intl, agreementStateLabels, a.state)}</Badge>
                </li>
              ))}
            </ul>
          )}
          <H>{intl.formatMessage(m.endorsements)}</H>
          <ul className="endorsements">
            {presentPartnerIds.map((p) => {
              const e = stance.get(p);
              return (
                <li key={p}>
                  {partnerName(p)}:{' '}
                  {!e ? <Badge>{intl.formatMessage(m.stancePending)}</Badge>
                    : e.endorsed ? <Badge tone="ok">{intl.formatMessage(m.stanceYes)}</Badge>
                    : <><Badge tone="warn">{intl.formatMessage(m.stanceReservation)}</Badge> <span className="prewrap">{e.note}</span></>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
