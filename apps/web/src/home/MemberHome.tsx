import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { AgreementActions } from '../agreements/AgreementPage';
import { AgreementStateBadge } from '../agreements/AgreementStateBadge';
import { DossierStateBadge, subjectName } from '../dossiers/DossierStateBadge';
import { todayInBrussels, useFormat } from '../i18n/format';
import { label, meetingStateLabels } from '../i18n/labels';
import { useSession } from '../layout/access';
import { AgendaDossier } from '../meetings/AgendaDossier';
import { Badge } from '../ui/Badge';
import { Page } from '../ui/Page';
import { homeMessages } from './home.messages';
import { memberHomeMessages as m } from './memberHome.messages';
import { WorkList } from './WorkList';
import { isPending, nextMeetings } from './workload';

const PREVIEW = 8;

/**
 * A partner member's start page (police, parket, OCMW, school…): what waits for their organisation — its agreements
 * to carry out (overdue first, with the actions right there), the feedback sheets it must decide on, the approved
 * sheets, the next meetings it is invited to, and its dossiers.
 */
export function MemberHome() {
  const intl = useIntl();
  const { session, ability } = useSession();
  const partnerId = session.user.partnerId ?? undefined;
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(homeMessages.greeting, { name: session.user.name })}
      actions={ability.can('create', 'Dossier') ? <Link to="/dossiers/new" className="btn">{intl.formatMessage(m.register)}</Link> : undefined}>
      <div className="grid-2 home-grid">
        {partnerId && ability.can('read', 'Agreement') && <OwnAgreements partnerId={partnerId} />}
        {ability.can('read', 'FeedbackSheet') && <SheetsToDecide />}
        {ability.can('read', 'FeedbackSheet') && <ApprovedSheets />}
        {ability.can('read', 'Meeting') && <NextMeetings />}
        {partnerId && ability.can('read', 'Dossier') && <MyDossiers partnerId={partnerId} />}
      </div>
    </Page>
  );
}

/** Agreements the member's organisation must carry out, still pending, overdue first then by due date. */
function OwnAgreements({ partnerId }: { partnerId: string }) {
  const intl = useIntl();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const q = $api.useQuery('get', '/api/agreements', { params: { query: { responsiblePartnerId: partnerId, pageSize: 200 } } });
  const pending = (q.data?.items ?? [])
    .filter((a) => isPending(a.state))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
  const reload = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/agreements'] });
  return (
    <WorkList id="member-agreements" title={intl.formatMessage(m.agreements)} count={pending.length} loading={q.isLoading} error={q.error}
      empty={intl.formatMessage(m.agreementsEmpty)}
      more={<p className="small"><Link to="/agreements" search={{ responsiblePartnerId: partnerId }}>{intl.formatMessage(m.agreementsAll)}</Link></p>}>
      {pending.map((a) => (
        <li key={a.id} className="agreement-todo">
          <p>
            <Link to="/agreements/$id" params={{ id: a.id }}>{a.description ?? '—'}</Link>{' '}
            <AgreementStateBadge state={a.state} overdue={a.overdue} />
          </p>
          <p className="muted small">
            {a.dossierReference} · {intl.formatMessage(m.dueOn, { date: fmt.date(a.dueOn) })}
          </p>
          <AgreementActions agreement={a} onReload={reload} />
        </li>
      ))}
    </WorkList>
  );
}

/** Sheets waiting for the decision of the member's own partner (the API filters them from the endorse rules). */
function SheetsToDecide() {
  const intl = useIntl();
  const fmt = useFormat();
  const q = $api.useQuery('get', '/api/feedback-sheets', { params: { query: { awaitingMyDecision: 'true', pageSize: PREVIEW } } });
  return (
    <WorkList id="member-sheets-decide" title={intl.formatMessage(m.toDecide)} count={q.data?.total} loading={q.isLoading} error={q.error}
      empty={intl.formatMessage(m.toDecideEmpty)}>
      {(q.data?.items ?? []).map((s) => (
        <li key={s.id}>
          <Link to="/feedback-sheets/$id" params={{ id: s.id }}>{intl.formatMessage(m.toDecideItem, { date: fmt.dateTime(s.updatedAt) })}</Link>{' '}
          <Badge tone="warn">{intl.formatMessage(m.toDecide)}</Badge>
        </li>
      ))}
    </WorkList>
  );
}

/** Approved sheets: what the police, their addressee, may read (and what the partners agreed to send). */
function ApprovedSheets() {
  const intl = useIntl();
  const fmt = useFormat();
  const q = $api.useQuery('get', '/api/feedback-sheets', { params: { query: { state: 'GOEDGEKEURD', pageSize: PREVIEW } } });
  return (
    <WorkList id="member-sheets-approved" title={intl.formatMessage(m.approved)} count={q.data?.total} loading={q.isLoading} error={q.error}
      empty={intl.formatMessage(m.approvedEmpty)}>
      {(q.data?.items ?? []).map((s) => (
        <li key={s.id}>
          <Link to="/feedback-sheets/$id" params={{ id: s.id }}>{intl.formatMessage(m.approvedItem, { date: fmt.dateTime(s.updatedAt) })}</Link>
        </li>
      ))}
    </WorkList>
  );
}

/** The next meetings the member's partner is invited to; their agenda links only the dossiers the member may open. */
function NextMeetings() {
  const intl = useIntl();
  const fmt = useFormat();
  const upcoming = $api.useQuery('get', '/api/meetings', { params: { query: { from: todayInBrussels(), pageSize: 50 } } });
  const next = nextMeetings(upcoming.data?.items ?? []);
  const details = useQueries({ queries: next.map((x) => $api.queryOptions('get', '/api/meetings/{id}', { params: { path: { id: x.id } } })) });
  return (
    <WorkList id="member-meetings" title={intl.formatMessage(m.meetings)} loading={upcoming.isLoading} error={upcoming.error} empty={intl.formatMessage(m.meetingsEmpty)}>
      {next.map((x, i) => {
        const agenda = details[i]?.data?.agenda ?? [];
        return (
          <li key={x.id}>
            <Link to="/meetings/$id" params={{ id: x.id }}>{intl.formatMessage(m.meetingOn, { date: fmt.dateTime(x.scheduledAt) })}</Link>{' '}
            <Badge tone="info">{label(intl, meetingStateLabels, x.state)}</Badge>
            <p className="small">{intl.formatMessage(m.agendaCount, { count: agenda.length })}</p>
            {agenda.length > 0 && (
              <ul className="inline-list">
                {agenda.map((it) => <li key={it.id}><AgendaDossier item={it} /></li>)}
              </ul>
            )}
          </li>
        );
      })}
    </WorkList>
  );
}

/** "Mijn dossiers": those the member's partner is involved in, newest change first, leading to the filtered list. */
function MyDossiers({ partnerId }: { partnerId: string }) {
  const intl = useIntl();
  const q = $api.useQuery('get', '/api/dossiers', { params: { query: { involvedPartnerId: partnerId, sort: '-updatedAt', pageSize: PREVIEW } } });
  return (
    <WorkList id="member-dossiers" title={intl.formatMessage(m.dossiers)} count={q.data?.total} loading={q.isLoading} error={q.error}
      empty={intl.formatMessage(m.dossiersEmpty)}
      more={<p className="small"><Link to="/dossiers" search={{ involvedPartnerId: partnerId }}>{intl.formatMessage(m.dossiersAll, { count: q.data?.total ?? 0 })}</Link></p>}>
      {(q.data?.items ?? []).map((d) => (
        <li key={d.id}>
          <Link to="/dossiers/$id" params={{ id: d.id }}>{d.reference}</Link>{subjectName(d.subject) && <> · {subjectName(d.subject)}</>}{' '}
          <DossierStateBadge state={d.state} />
        </li>
      ))}
    </WorkList>
  );
}
