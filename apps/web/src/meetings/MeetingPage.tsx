import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { dayOf, useFormat } from '../i18n/format';
import { agendaOutcomeLabels, label, meetingEventLabels } from '../i18n/labels';
import { Allowed, useSession } from '../layout/access';
import { LifecycleDiagram } from '../lifecycle/LifecycleDiagram';
import { Button } from '../ui/Button';
import { ModalDialog } from '../ui/Dialog';
import { Page, QueryPage } from '../ui/Page';
import { FormError, ProblemNotice } from '../ui/States';
import { uiMessages } from '../ui/ui.messages';
import { AgendaBuilder } from './AgendaBuilder';
import { ItemRecord } from './ItemRecord';
import { MeetingStateBadge } from './MeetingStateBadge';
import { meetingsMessages as m } from './meetings.messages';
import { type AgendaItem, type Meeting, type MeetingEvent, useMeetingRefresh, useMeetingTransition } from './useMeetingActions';
import { useMeetingEvents } from './useMeetingEvents';
import { usePartners } from '../api/referenceData';
import { AgendaDossier } from './AgendaDossier';

const route = getRouteApi('/app/meetings/$id');
/** Before the session the agenda may still change (API: add while GEPLAND or AGENDA_VASTGELEGD). */
const AGENDA_OPEN = ['GEPLAND', 'AGENDA_VASTGELEGD'];
const HELD = ['IN_ZITTING', 'AFGEROND', 'VERSLAG_GOEDGEKEURD'];

export function MeetingPage() {
  return (
    <Allowed action="read" subject="Meeting">
      <MeetingView />
    </Allowed>
  );
}

/** One meeting: planning (agenda and backlog) before it, the record (attendance, outcomes, minutes) after. */
function MeetingView() {
  const intl = useIntl();
  const { id } = route.useParams();
  const q = $api.useQuery('get', '/api/meetings/{id}', { params: { path: { id } } });
  useMeetingEvents(id);
  return (
    <QueryPage title={intl.formatMessage(m.pageTitleGeneric)} query={q}>
      {(meeting) => <MeetingRecord meeting={meeting} onReload={() => q.refetch()} />}
    </QueryPage>
  );
}

function MeetingRecord({ meeting, onReload }: { meeting: Meeting; onReload: () => unknown }) {
  const intl = useIntl();
  const f = useFormat();
  const { id } = meeting;
  const { ability } = useSession();
  const partners = usePartners();
  const tx = useMeetingTransition(meeting);

  const canUpdate = ability.can('update', 'Meeting');
  const agendaOpen = AGENDA_OPEN.includes(meeting.state);
  const present = new Set(meeting.presentPartnerIds);
  const chairMode = canUpdate && (meeting.state === 'AGENDA_VASTGELEGD' || meeting.state === 'IN_ZITTING');

  return (
    <Page
      title={intl.formatMessage(m.pageTitle, { date: f.date(dayOf(meeting.scheduledAt)) })}
      lead={<MeetingStateBadge state={meeting.state} />}
      actions={chairMode ? (
        <Link to="/meetings/$id/zitting" params={{ id }} className="btn">
          {intl.formatMessage(meeting.state === 'IN_ZITTING' ? m.resumeSession : m.startSession)}
        </Link>
      ) : undefined}
    >
      <ProblemNotice error={tx.error} onReload={onReload} />

      <div className="grid-2">
        <section aria-labelledby="facts-h" className="card">
          <h2 id="facts-h">{intl.formatMessage(m.facts)}</h2>
          <dl className="facts">
            <dt>{intl.formatMessage(m.when)}</dt>
            <dd>{f.dateTime(meeting.scheduledAt)}</dd>
            <dt>{intl.formatMessage(m.where)}</dt>
            <dd>{meeting.location ?? intl.formatMessage(m.noLocation)}</dd>
            <dt>{intl.formatMessage(m.state)}</dt>
            <dd><MeetingStateBadge state={meeting.state} /></dd>
          </dl>
          <MeetingActions meeting={meeting} tx={tx} />
        </section>
        <section aria-labelledby="lifecycle-h" className="card">
          <h2 id="lifecycle-h">{intl.formatMessage(m.lifecycle)}</h2>
          <LifecycleDiagram machine="meeting" current={meeting.state} available={meeting.allowedEvents} />
        </section>
      </div>

      <div className={agendaOpen && canUpdate ? 'grid-2' : undefined}>
        <section aria-labelledby="agenda-h">
          <h2 id="agenda-h">{intl.formatMessage(m.agenda)}</h2>
          <AgendaTable meeting={meeting} canRemove={agendaOpen && canUpdate} />
        </section>
        {agendaOpen && canUpdate && <AgendaBuilder meeting={meeting} />}
      </div>

      {HELD.includes(meeting.state) && (
        <>
          <section aria-labelledby="attendance-h">
            <h2 id="attendance-h">{intl.formatMessage(m.attendance)}</h2>
            <div className="grid-2">
              <div>
                <h3>{intl.formatMessage(m.presentList)}</h3>
                <ul>{meeting.presentPartnerIds.map((p) => <li key={p}>{partners.name(p)}</li>)}</ul>
              </div>
              <div>
                <h3>{intl.formatMessage(m.absentList)}</h3>
                <ul>{partners.list.filter((p) => p.active && !present.has(p.id)).map((p) => <li key={p.id}>{p.name}</li>)}</ul>
              </div>
            </div>
          </section>
          <section aria-labelledby="outcomes-h">
            <h2 id="outcomes-h">{intl.formatMessage(m.outcomes)}</h2>
            {meeting.state === 'IN_ZITTING' && <p className="muted small" role="status">{intl.formatMessage(m.liveNotice)}</p>}
            {meeting.agenda.map((item) => (
              <article key={item.id} className="card" aria-labelledby={`item-${item.id}`}>
                <h3 id={`item-${item.id}`}>{item.position}. <AgendaDossier item={item} /></h3>
                <ItemRecord item={item} presentPartnerIds={meeting.presentPartnerIds} partnerName={partners.name} headingLevel={4} />
              </article>
            ))}
          </section>
        </>
      )}

      {(meeting.state === 'AFGEROND' || meeting.state === 'VERSLAG_GOEDGEKEURD') && (
        <section aria-labelledby="minutes-h">
          <h2 id="minutes-h">{intl.formatMessage(m.minutes)}</h2>
          <p>
            {meeting.minutesApprovedAt
              ? intl.formatMessage(m.minutesApproved, { date: f.dateTime(meeting.minutesApprovedAt) })
              : intl.formatMessage(m.minutesDraft)}
          </p>
          <p><a href={`/api/meetings/${encodeURIComponent(meeting.id)}/minutes.pdf`} download className="btn secondary">{intl.formatMessage(m.minutesPdf)}</a></p>
        </section>
      )}
    </Page>
  );
}

function AgendaTable({ meeting, canRemove }: { meeting: Meeting; canRemove: boolean }) {
  const intl = useIntl();
  const refresh = useMeetingRefresh();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const remove = async (item: AgendaItem) => {
    setBusy(item.id);
    setError(null);
    try {
      await call(api.DELETE('/api/meetings/{id}/agenda/{itemId}', { params: { path: { id: meeting.id, itemId: item.id } } }));
      await refresh([item.dossierId]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  if (meeting.agenda.length === 0) return <p className="empty">{intl.formatMessage(m.agendaEmpty)}</p>;
  return (
    <>
      <FormError error={error} />
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{intl.formatMessage(m.colPosition)}</th>
            <th scope="col">{intl.formatMessage(m.colReference)}</th>
            <th scope="col">{intl.formatMessage(m.colOutcome)}</th>
            {canRemove && <th scope="col"><span className="visually-hidden">{intl.formatMessage(m.colAction)}</span></th>}
          </tr>
        </thead>
        <tbody>
          {meeting.agenda.map((item) => (
            <tr key={item.id}>
              <td>{item.position}</td>
              <th scope="row"><AgendaDossier item={item} /></th>
              <td>{label(intl, agendaOutcomeLabels, item.outcome)}</td>
              {canRemove && (
                <td>
                  <Button size="small" variant="secondary" isDisabled={busy !== null} onPress={() => void remove(item)}
                    aria-label={intl.formatMessage(m.removeNamed, { reference: item.dossierReference })}>
                    {intl.formatMessage(m.remove)}
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The lifecycle events this user may send now (the API's allowedEvents), the risky ones behind a confirmation. */
function MeetingActions({ meeting, tx }: { meeting: Meeting; tx: ReturnType<typeof useMeetingTransition> }) {
  const intl = useIntl();
  const [confirm, setConfirm] = useState<MeetingEvent | null>(null);
  const [done, setDone] = useState<MeetingEvent | null>(null);
  // OPEN and CLOSE belong to the meeting mode, where attendance and outcomes are recorded.
  const here = meeting.allowedEvents.filter((e) => e === 'FINALIZE_AGENDA' || e === 'APPROVE_MINUTES' || e === 'CANCEL');
  const doneNotice = done === 'FINALIZE_AGENDA' ? <p className="notice ok" role="status">{intl.formatMessage(m.finalizeDone)}</p> : null;
  if (here.length === 0) return doneNotice;
  const texts: Partial<Record<MeetingEvent, { title: string; text: string; yes: string; no: string }>> = {
    FINALIZE_AGENDA: { title: intl.formatMessage(m.finalize), text: intl.formatMessage(m.finalizeText), yes: label(intl, meetingEventLabels, 'FINALIZE_AGENDA'), no: intl.formatMessage(uiMessages.cancel) },
    CANCEL: { title: intl.formatMessage(m.cancelTitle), text: intl.formatMessage(m.cancelText), yes: intl.formatMessage(m.cancelConfirm), no: intl.formatMessage(m.keep) },
    APPROVE_MINUTES: { title: label(intl, meetingEventLabels, 'APPROVE_MINUTES'), text: intl.formatMessage(m.approveMinutesText), yes: label(intl, meetingEventLabels, 'APPROVE_MINUTES'), no: intl.formatMessage(uiMessages.cancel) },
  };
  const current = confirm ? texts[confirm] : undefined;
  return (
    <>
      {doneNotice}
      {here.includes('FINALIZE_AGENDA') && <p className="hint small">{intl.formatMessage(m.finalizeText)}</p>}
      <div className="form-actions">
        {here.map((e) => (
          <Button key={e} variant={e === 'CANCEL' ? 'danger' : 'primary'} isDisabled={tx.busy !== null} onPress={() => setConfirm(e)}>
            {label(intl, meetingEventLabels, e)}
          </Button>
        ))}
      </div>
      <ModalDialog title={current?.title ?? ''} isOpen={!!confirm} onOpenChange={(o) => !o && setConfirm(null)} role={confirm === 'CANCEL' ? 'alertdialog' : 'dialog'}>
        <p>{current?.text}</p>
        <div className="form-actions">
          <Button variant={confirm === 'CANCEL' ? 'danger' : 'primary'} isDisabled={tx.busy !== null}
            onPress={async () => {
              const e = confirm!;
              const ok = await tx.run(e);
              setConfirm(null);
              setDone(ok ? e : null);
            }}>
            {current?.yes}
          </Button>
          <Button variant="secondary" autoFocus onPress={() => setConfirm(null)}>{current?.no}</Button>
        </div>
      </ModalDialog>
    </>
  );
}
