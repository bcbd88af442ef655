import { useQueries } from '@tanstack/react-query';
import { PendingGrantRequests } from '../admin/PendingGrantRequests';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { DossierStateBadge, subjectName } from '../dossiers/DossierStateBadge';
import type { DossierState } from '../dossiers/dossierSearch';
import { dossierMessages } from '../dossiers/dossiers.messages';
import { useSession } from '../layout/access';
import { useNav } from '../layout/nav';
import { todayInBrussels, useFormat } from '../i18n/format';
import { dossierStateLabels, feedbackStateLabels, label, meetingStateLabels } from '../i18n/labels';
import { Badge } from '../ui/Badge';
import { Page } from '../ui/Page';
import { homeMessages as m } from './home.messages';
import { WorkList } from './WorkList';
import { dueSoonBefore, isLive, isPending, nextMeetings, REMINDER_DAYS } from './workload';
import { AgendaDossier } from '../meetings/AgendaDossier';
import { MemberHome } from './MemberHome';
import { EvaluatorHome } from '../indicators/EvaluatorHome';
import { AdminHome } from '../admin/AdminHome';
import { AuditorHome } from '../audit/AuditorHome';
import { FailedDeliveries } from '../notifications/FailedDeliveries';
import { IncomingTransfers } from '../transfers/IncomingTransfers';

/** The signed-in user's start page: what waits for them, per role (UI.md `/`). */
export function HomePage() {
  const intl = useIntl();
  const { session } = useSession();
  const role = session.user.role;
  if (role === 'member') return <MemberHome />;
  return (
    <Page title={intl.formatMessage(role === 'casemanager' ? m.myWork : m.title)} lead={intl.formatMessage(m.greeting, { name: session.user.name })}>
      {role === 'casemanager' ? <CasemanagerHome /> : role === 'chair' ? <ChairHome /> : role === 'evaluator' ? <EvaluatorHome /> : role === 'admin' ? <AdminHome /> : role === 'auditor' ? <AuditorHome /> : <MenuHome />}
    </Page>
  );
}

const CASELOAD_STATES: DossierState[] = ['AANGEMELD', 'SCREENING', 'WEERHOUDEN', 'GEAGENDEERD', 'IN_OPVOLGING', 'AFGESLOTEN', 'NIET_WEERHOUDEN'];
const PREVIEW = 8;

function CasemanagerHome() {
  const intl = useIntl();
  const fmt = useFormat();
  const { session } = useSession();
  const me = session.user.id;
  const today = todayInBrussels();
  const counts = useQueries({
    queries: CASELOAD_STATES.map((state) => $api.queryOptions('get', '/api/dossiers', { params: { query: { casemanagerId: me, state, pageSize: 1 } } })),
  });
  const aangemeld = $api.useQuery('get', '/api/dossiers', { params: { query: { state: 'AANGEMELD', sort: 'receivedOn', pageSize: PREVIEW } } });
  const screening = $api.useQuery('get', '/api/dossiers', { params: { query: { state: 'SCREENING', sort: 'receivedOn', pageSize: PREVIEW } } });
  const retained = $api.useQuery('get', '/api/dossiers', { params: { query: { state: 'WEERHOUDEN', sort: 'updatedAt', pageSize: PREVIEW } } });
  const overdue = $api.useQuery('get', '/api/agreements', { params: { query: { overdue: 'true', pageSize: PREVIEW } } });
  const soon = $api.useQuery('get', '/api/agreements', { params: { query: { overdue: 'false', dueBefore: dueSoonBefore(today), pageSize: 200 } } });
  const submitted = $api.useQuery('get', '/api/feedback-sheets', { params: { query: { state: 'TER_GOEDKEURING', pageSize: PREVIEW } } });
  const concepts = $api.useQuery('get', '/api/feedback-sheets', { params: { query: { state: 'CONCEPT', pageSize: PREVIEW } } });

  const caseload = CASELOAD_STATES.map((state, i) => ({ state, count: counts[i].data?.total ?? 0 })).filter((c) => c.count > 0);
  const toScreen = [...(aangemeld.data?.items ?? []), ...(screening.data?.items ?? [])];
  const dueSoon = (soon.data?.items ?? []).filter((a) => isPending(a.state));
  const sheets = [...(concepts.data?.items ?? []), ...(submitted.data?.items ?? [])];
  const dossierItem = (d: { id: string; reference: string; state: string; receivedOn: string; subject?: { firstName: string | null; lastName: string | null } }) => (
    <li key={d.id}>
      <Link to="/dossiers/$id" params={{ id: d.id }}>{d.reference}</Link>{subjectName(d.subject) && <> · {subjectName(d.subject)}</>}{' '}
      <DossierStateBadge state={d.state} /> <span className="muted small">{fmt.date(d.receivedOn)}</span>
    </li>
  );
  const agreementItem = (a: { id: string; description: string | null; dossierId: string; dossierReference: string; dueOn: string; overdue: boolean }) => (
    <li key={a.id}>
      <Link to="/agreements/$id" params={{ id: a.id }}>{a.description ?? '—'}</Link>{' '}
      <span className="muted small">
        (<Link to="/dossiers/$id" params={{ id: a.dossierId }}>{a.dossierReference}</Link>, {intl.formatMessage(m.dueOn, { date: fmt.date(a.dueOn) })})
      </span>
      {a.overdue && <> <Badge tone="danger">{intl.formatMessage(dossierMessages.overdue)}</Badge></>}
    </li>
  );

  return (
    <div className="grid-2 home-grid">
      <IncomingTransfers />
      <WorkList id="home-caseload" title={intl.formatMessage(m.caseload)} loading={counts.some((c) => c.isLoading)} error={counts.find((c) => c.error)?.error} empty={intl.formatMessage(m.caseloadEmpty)}>
        {caseload.map((c) => (
          <li key={c.state}>
            <Link to="/dossiers" search={{ casemanagerId: me, state: c.state }}>
              {intl.formatMessage(m.caseloadItem, { state: label(intl, dossierStateLabels, c.state), count: c.count })}
            </Link>
          </li>
        ))}
      </WorkList>
      <WorkList id="home-screen" title={intl.formatMessage(m.toScreen)} count={(aangemeld.data?.total ?? 0) + (screening.data?.total ?? 0)}
        loading={aangemeld.isLoading || screening.isLoading} error={aangemeld.error ?? screening.error} empty={intl.formatMessage(m.toScreenEmpty)}
        more={<p className="small"><Link to="/dossiers" search={{ state: 'AANGEMELD' }}>{label(intl, dossierStateLabels, 'AANGEMELD')}</Link> · <Link to="/dossiers" search={{ state: 'SCREENING' }}>{label(intl, dossierStateLabels, 'SCREENING')}</Link></p>}>
        {toScreen.map(dossierItem)}
      </WorkList>
      <WorkList id="home-retained" title={intl.formatMessage(m.retained)} count={retained.data?.total} loading={retained.isLoading} error={retained.error} empty={intl.formatMessage(m.retainedEmpty)}
        more={retained.data && retained.data.total > PREVIEW && <p className="small"><Link to="/dossiers" search={{ state: 'WEERHOUDEN' }}>{intl.formatMessage(m.showAll, { count: retained.data.total })}</Link></p>}>
        {(retained.data?.items ?? []).map(dossierItem)}
      </WorkList>
      <WorkList id="home-overdue" title={intl.formatMessage(m.overdue)} count={overdue.data?.total} loading={overdue.isLoading} error={overdue.error} empty={intl.formatMessage(m.overdueEmpty)}>
        {(overdue.data?.items ?? []).map(agreementItem)}
      </WorkList>
      <WorkList id="home-soon" title={intl.formatMessage(m.dueSoon, { days: REMINDER_DAYS })} count={dueSoon.length} loading={soon.isLoading} error={soon.error} empty={intl.formatMessage(m.dueSoonEmpty)}>
        {dueSoon.slice(0, PREVIEW).map(agreementItem)}
      </WorkList>
      <WorkList id="home-sheets" title={intl.formatMessage(m.sheets)} count={(concepts.data?.total ?? 0) + (submitted.data?.total ?? 0)}
        loading={concepts.isLoading || submitted.isLoading} error={concepts.error ?? submitted.error} empty={intl.formatMessage(m.sheetsEmpty)}>
        {sheets.map((s) => (
          <li key={s.id}>
            <Link to="/feedback-sheets/$id" params={{ id: s.id }}>{intl.formatMessage(m.sheetItem, { date: fmt.dateTime(s.updatedAt) })}</Link>{' '}
            <Badge tone={s.state === 'TER_GOEDKEURING' ? 'warn' : 'neutral'}>{label(intl, feedbackStateLabels, s.state)}</Badge>{' '}
            <Link to="/dossiers/$id" params={{ id: s.dossierId }} className="small">{intl.formatMessage(m.sheetDossier)}</Link>
          </li>
        ))}
      </WorkList>
      <FailedDeliveries />
    </div>
  );
}

function ChairHome() {
  const intl = useIntl();
  const fmt = useFormat();
  const upcoming = $api.useQuery('get', '/api/meetings', { params: { query: { from: todayInBrussels(), pageSize: 50 } } });
  const toApprove = $api.useQuery('get', '/api/meetings', { params: { query: { state: 'AFGEROND', pageSize: 20 } } });
  const next = nextMeetings(upcoming.data?.items ?? []);
  const details = useQueries({ queries: next.map((x) => $api.queryOptions('get', '/api/meetings/{id}', { params: { path: { id: x.id } } })) });
  return (
    <div className="grid-2 home-grid">
      {/* Grants of watched roles waiting for a second person (only while the LIVC asks for that, else an empty list). */}
      <PendingGrantRequests />
      <WorkList id="home-meetings" title={intl.formatMessage(m.nextMeetings)} loading={upcoming.isLoading} error={upcoming.error} empty={intl.formatMessage(m.nextMeetingsEmpty)}>
        {next.map((x, i) => {
          const agenda = details[i]?.data?.agenda ?? [];
          return (
            <li key={x.id}>
              <Link to="/meetings/$id" params={{ id: x.id }}>{intl.formatMessage(m.meetingOn, { date: fmt.dateTime(x.scheduledAt) })}</Link>{' '}
              <Badge tone={x.state === 'IN_ZITTING' ? 'warn' : 'info'}>{label(intl, meetingStateLabels, x.state)}</Badge>
              {isLive(x) && <> · <Link to="/meetings/$id/zitting" params={{ id: x.id }}>{intl.formatMessage(m.meetingMode)}</Link></>}
              <p className="small">{intl.formatMessage(m.agendaDossiers, { count: agenda.length })}</p>
              {agenda.length > 0 && (
                <ul className="inline-list">
                  {agenda.map((it) => <li key={it.id}><AgendaDossier item={it} /></li>)}
                </ul>
              )}
            </li>
          );
        })}
      </WorkList>
      <WorkList id="home-minutes" title={intl.formatMessage(m.minutes)} count={toApprove.data?.total} loading={toApprove.isLoading} error={toApprove.error} empty={intl.formatMessage(m.minutesEmpty)}>
        {(toApprove.data?.items ?? []).map((x) => (
          <li key={x.id}>
            <Link to="/meetings/$id" params={{ id: x.id }}>{intl.formatMessage(m.meetingOn, { date: fmt.dateTime(x.scheduledAt) })}</Link>{' '}
            <Badge>{label(intl, meetingStateLabels, x.state)}</Badge>
          </li>
        ))}
      </WorkList>
      <MenuHome />
    </div>
  );
}

/** Other roles (for now): the pages their rules open, the same entries as the menu, so never a link that answers 403 or 404. */
function MenuHome() {
  const intl = useIntl();
  const items = useNav();
  return (
    <WorkList id="home-menu" title={intl.formatMessage(m.menu)} empty={intl.formatMessage(m.menuEmpty)}>
      {items.map((i) => <li key={i.to}><Link to={i.to}>{intl.formatMessage(i.label)}</Link></li>)}
    </WorkList>
  );
}
