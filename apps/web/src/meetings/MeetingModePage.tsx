import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { isProblem } from '../api/problem';
import { dayOf, useFormat } from '../i18n/format';
import { agendaOutcomeLabels, label, meetingEventLabels } from '../i18n/labels';
import { Allowed, useSession } from '../layout/access';
import { Button } from '../ui/Button';
import { Page, QueryPage } from '../ui/Page';
import { ProblemNotice } from '../ui/States';
import { uiMessages } from '../ui/ui.messages';
import { AttendanceCheckIn } from './AttendanceCheckIn';
import { ConfidentialityStatement } from './ConfidentialityStatement';
import { ItemOutcomeForm } from './ItemOutcomeForm';
import { ItemRecord } from './ItemRecord';
import {
  ARROW_WIDGETS, elapsed, formFromItem, formProblems, type ItemForm, missingOutcomes, navigationFor, outcomeBody, sameForm, step,
} from './meeting-mode';
import { MeetingStateBadge } from './MeetingStateBadge';
import { meetingsMessages as m } from './meetings.messages';
import { OpenAgreementsReview } from './OpenAgreementsReview';
import { SharedAgreementsBadge } from './SharedAgreementsBadge';
import { type AgendaItem, type Meeting, useMeetingRefresh, useMeetingTransition } from './useMeetingActions';
import { useMeetingEvents } from './useMeetingEvents';
import { usePartners } from '../api/referenceData';
import { AgendaDossier } from './AgendaDossier';

const route = getRouteApi('/app/meetings/$id/zitting');

export function MeetingModePage() {
  return (
    <Allowed action="read" subject="Meeting">
      <MeetingMode />
    </Allowed>
  );
}

function useNow(ms = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(t);
  }, [ms]);
  return now;
}

/**
 * The session's running time. It ticks every second, so it owns its clock: only this line re-renders, not the session.
 * The meeting has no "opened at": the clock runs from the planned start, or from this screen's opening when the
 * session began early.
 */
function SessionClock({ scheduledAt }: { scheduledAt: string }) {
  const intl = useIntl();
  const now = useNow();
  const [mountedAt] = useState(() => Date.now());
  const plannedMs = Date.parse(scheduledAt);
  const fromPlan = plannedMs <= mountedAt;
  return (
    <p className="clock">
      {intl.formatMessage(m.clock)}: <span className="mono" role="timer" aria-live="off">{elapsed(fromPlan ? plannedMs : mountedAt, now)}</span>{' '}
      <span className="muted small">({intl.formatMessage(fromPlan ? m.clockHint : m.clockHintScreen)})</span>
    </p>
  );
}

/**
 * The chair's live meeting mode, for a laptop on a projector: check-in, the confidentiality statement and the review
 * of open agreements at the opening, then one agenda item at a time (arrow keys or buttons), and closing once every
 * item has an outcome. Every browser on the meeting follows it live through the meeting's event stream.
 */
function MeetingMode() {
  const intl = useIntl();
  const { id } = route.useParams();
  const q = $api.useQuery('get', '/api/meetings/{id}', { params: { path: { id } } });
  useMeetingEvents(id);
  return (
    <QueryPage title={intl.formatMessage(m.modeTitleGeneric)} query={q}>
      {(meeting) => <MeetingModeRecord meeting={meeting} refreshing={q.isFetching} onReload={() => q.refetch()} />}
    </QueryPage>
  );
}

function MeetingModeRecord({ meeting, refreshing, onReload }: {
  meeting: Meeting;
  /** While the meeting is being refetched its version may be about to change: a transition waits for it. */
  refreshing: boolean;
  onReload: () => unknown;
}) {
  const intl = useIntl();
  const f = useFormat();
  const { id } = meeting;
  const partners = usePartners();
  const tx = useMeetingTransition(meeting);
  const [attendanceDirty, setAttendanceDirty] = useState(false);
  const [closed, setClosed] = useState(false);

  const title = intl.formatMessage(m.modeTitle, { date: f.date(dayOf(meeting.scheduledAt)) });
  const canOpen = meeting.allowedEvents.includes('OPEN');
  const attendanceSaved = meeting.presentPartnerIds.length > 0 && !attendanceDirty;

  return (
    <Page
      title={title}
      lead={<span className="row"><MeetingStateBadge state={meeting.state} /> <span>{f.dateTime(meeting.scheduledAt)}{meeting.location ? ` · ${meeting.location}` : ''}</span></span>}
      actions={<Link to="/meetings/$id" params={{ id }} className="btn secondary">{intl.formatMessage(m.modeBack)}</Link>}
    >
      <ProblemNotice error={tx.error} onReload={onReload} />

      {(meeting.state === 'GEPLAND' || meeting.state === 'AGENDA_VASTGELEGD') && (
        <div className="stack">
          <ConfidentialityStatement />
          <div className="grid-2">
            <AttendanceCheckIn meeting={meeting} partners={partners.list} onDirty={setAttendanceDirty} />
            <OpenAgreementsReview meeting={meeting} partnerName={partners.name} />
          </div>
          {(canOpen || meeting.state === 'AGENDA_VASTGELEGD') && (
            <div className="card">
              <Button onPress={() => void tx.run('OPEN')} isDisabled={!canOpen || !attendanceSaved || tx.busy !== null || refreshing}
                aria-describedby={!attendanceSaved ? 'open-hint' : undefined}>
                {label(intl, meetingEventLabels, 'OPEN')}
              </Button>
              {!attendanceSaved && <p id="open-hint" className="hint">{intl.formatMessage(m.openNeedsAttendance)}</p>}
            </div>
          )}
        </div>
      )}

      {meeting.state === 'IN_ZITTING' && (
        <Session meeting={meeting} partners={partners} tx={tx} onClosed={() => setClosed(true)} refreshing={refreshing} />
      )}

      {(meeting.state === 'AFGEROND' || meeting.state === 'VERSLAG_GOEDGEKEURD' || meeting.state === 'GEANNULEERD') && (
        <div className="stack">
          {closed && <p className="notice ok" role="status">{intl.formatMessage(m.closed)}</p>}
          {meeting.state !== 'GEANNULEERD' && (
            <p>
              <a href={`/api/meetings/${encodeURIComponent(meeting.id)}/minutes.pdf`} download className="btn secondary">{intl.formatMessage(m.minutesPdf)}</a>
            </p>
          )}
          {meeting.allowedEvents.includes('APPROVE_MINUTES') && (
            <div className="card">
              <p>{intl.formatMessage(m.approveMinutesText)}</p>
              <Button onPress={() => void tx.run('APPROVE_MINUTES')} isDisabled={tx.busy !== null}>{label(intl, meetingEventLabels, 'APPROVE_MINUTES')}</Button>
            </div>
          )}
          {meeting.minutesApprovedAt && <p role="status">{intl.formatMessage(m.minutesApproved, { date: f.dateTime(meeting.minutesApprovedAt) })}</p>}
        </div>
      )}
    </Page>
  );
}

interface Draft { form: ItemForm; base: ItemForm }

function Session({ meeting, partners, tx, onClosed, refreshing }: {
  meeting: Meeting; partners: ReturnType<typeof usePartners>; tx: ReturnType<typeof useMeetingTransition>; onClosed: () => void;
  /** While the meeting is being refetched its version may be about to change: a transition waits for it. */
  refreshing: boolean;
}) {
  const intl = useIntl();
  const { ability } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const agenda = meeting.agenda;
  const index = Math.max(0, agenda.findIndex((i) => i.id === search.item));
  const item = agenda[index] as AgendaItem | undefined;
  const canUpdate = ability.can('update', 'Meeting');

  const go = useCallback((to: number) => {
    const target = agenda[to];
    if (target) void navigate({ search: { item: target.id }, replace: true });
  }, [agenda, navigate]);

  // ArrowLeft / ArrowRight: previous / next item, unless focus is in something that uses arrows itself.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const el = e.target instanceof HTMLElement ? e.target : null;
      const dir = navigationFor(e, el && {
        tagName: el.tagName, isContentEditable: el.isContentEditable, role: el.getAttribute('role'),
        insideWidget: !!el.closest(`${ARROW_WIDGETS},[role="dialog"],[role="alertdialog"]`),
      });
      if (!dir) return;
      e.preventDefault();
      go(step(index, dir, agenda.length));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, index, agenda.length]);

  const missing = missingOutcomes(agenda);

  return (
    <div className="session">
      <details className="session-opening" open={agenda.every((i) => !i.outcome)}>
        <summary>{intl.formatMessage(m.confidentialityTitle)} · {intl.formatMessage(m.review)}</summary>
        <ConfidentialityStatement compact />
        <OpenAgreementsReview meeting={meeting} partnerName={partners.name} />
      </details>

      <div className="session-bar row">
        <p className="progress" aria-live="polite">
          <strong>{intl.formatMessage(m.progress, { n: agenda.length ? index + 1 : 0, total: agenda.length })}</strong>
        </p>
        <Button variant="secondary" onPress={() => go(step(index, 'previous', agenda.length))} isDisabled={index <= 0}>
          <span aria-hidden="true">← </span>{intl.formatMessage(m.previous)}
        </Button>
        <Button variant="secondary" onPress={() => go(step(index, 'next', agenda.length))} isDisabled={index >= agenda.length - 1}>
          {intl.formatMessage(m.next)}<span aria-hidden="true"> →</span>
        </Button>
        <SessionClock scheduledAt={meeting.scheduledAt} />
        <p className="muted small">{intl.formatMessage(m.keysHint)}</p>
      </div>

      <div className="session-grid">
        <nav aria-label={intl.formatMessage(m.itemList)} className="item-list">
          <ol>
            {agenda.map((i, n) => (
              <li key={i.id}>
                <Link to="/meetings/$id/zitting" params={{ id: meeting.id }} search={{ item: i.id }} replace aria-current={n === index ? 'step' : undefined}
                  className={n === index ? 'current' : undefined}>
                  {i.dossierReference}{' '}
                  <span className="small">
                    {i.outcome ? <span>· {label(intl, agendaOutcomeLabels, i.outcome)}</span>
                      : <span className="muted">· {intl.formatMessage(m.noOutcome)}</span>}
                  </span>
                </Link>
              </li>
            ))}
          </ol>
        </nav>

        {item ? (
          <section className="current-item" aria-labelledby="item-h">
            <h2 id="item-h" tabIndex={-1}>
              {index + 1}. <AgendaDossier item={item} />
            </h2>
            {canUpdate
              ? <ItemEditor key={item.id} meeting={meeting} item={item} partnerName={partners.name} />
              : (
                <>
                  <p className="muted">{intl.formatMessage(m.cannotUpdate)}</p>
                  <ItemRecord item={item} presentPartnerIds={meeting.presentPartnerIds} partnerName={partners.name} />
                </>
              )}
          </section>
        ) : <p className="empty">{intl.formatMessage(m.agendaEmpty)}</p>}
      </div>

      <section aria-labelledby="close-h" className="card">
        <h2 id="close-h">{intl.formatMessage(m.closeHeading)}</h2>
        {missing.length > 0 ? (
          <>
            <p>{intl.formatMessage(m.closeBlocked)}</p>
            <ul className="missing">
              {missing.map((i) => (
                <li key={i.id}>
                  <Link to="/meetings/$id/zitting" params={{ id: meeting.id }} search={{ item: i.id }} replace>{i.position}. {i.dossierReference}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : <p>{intl.formatMessage(m.closeReady)}</p>}
        {meeting.allowedEvents.includes('CLOSE') || missing.length > 0 ? (
          <Button onPress={async () => { if (await tx.run('CLOSE')) onClosed(); }} isDisabled={missing.length > 0 || tx.busy !== null || !canUpdate || refreshing}>
            {label(intl, meetingEventLabels, 'CLOSE')}
          </Button>
        ) : null}
      </section>
    </div>
  );
}

/**
 * The outcome form of one item. The draft is this browser's; the saved item is the server's (refetched on every
 * meeting event). A refetch never overwrites the draft: when the saved item changes under a draft with changes of
 * its own, the chair is told and may take the saved version.
 */
function ItemEditor({ meeting, item, partnerName }: { meeting: Meeting; item: AgendaItem; partnerName: (id: string) => string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const refresh = useMeetingRefresh();
  const saved = formFromItem(item, meeting.presentPartnerIds);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [savedNotice, setSavedNotice] = useState(false);
  const form = draft?.form ?? saved;
  const dirty = !sameForm(form, saved);
  const changedUnder = !!draft && dirty && !sameForm(draft.base, saved);
  const meetingDate = dayOf(meeting.scheduledAt);

  const change = (f: ItemForm) => {
    setDraft({ form: f, base: draft?.base ?? saved });
    setSavedNotice(false);
  };
  const discard = () => { setDraft(null); setError(null); setLocal({}); };

  const save = async () => {
    const problems = formProblems(form, meetingDate);
    const msg = { required: uiMessages.required, noteRequired: m.noteRequired, dueBeforeMeeting: m.dueBeforeMeeting } as const;
    setLocal(Object.fromEntries(problems.map((p) => [p.field, intl.formatMessage(msg[p.code])])));
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const body = outcomeBody(form);
      const result = await call(api.PUT('/api/meetings/{id}/agenda/{itemId}/outcome', { params: { path: { id: meeting.id, itemId: item.id } }, body }));
      // Show the server's answer (its sharedAgreements) at once; the refetch brings the new version too.
      queryClient.setQueryData(['get', '/api/meetings/{id}', { params: { path: { id: meeting.id } } }], (old: Meeting | undefined) =>
        old ? { ...old, agenda: old.agenda.map((i) => (i.id === result.id ? result : i)) } : old);
      setDraft(null);
      setSavedNotice(true);
      await refresh([item.dossierId]);
    } catch (e) {
      setError(remapEndorsementErrors(e, form));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="item-editor">
      <div className="row">
        <SharedAgreementsBadge shared={item.sharedAgreements} outcome={item.outcome} dirty={dirty} />
        {savedNotice && !dirty && <span role="status" className="small">{intl.formatMessage(m.itemSaved)}</span>}
      </div>
      {changedUnder && (
        <div className="notice warn" role="alert">
          <p>{intl.formatMessage(m.changedUnder)}</p>
          <Button variant="secondary" onPress={discard}>{intl.formatMessage(m.takeSaved)}</Button>
        </div>
      )}
      <div className={changedUnder ? 'grid-2' : undefined}>
        <ItemOutcomeForm form={form} onChange={change} onSave={() => void save()} onDiscard={discard} dirty={dirty} busy={busy} local={local} error={error}
          meetingDate={meetingDate} partnerName={partnerName} presentPartnerIds={meeting.presentPartnerIds} savedOutcome={item.outcome} />
        {changedUnder && (
          <aside aria-labelledby="saved-h" className="card">
            <h3 id="saved-h">{intl.formatMessage(m.savedView)}</h3>
            <ItemRecord item={item} presentPartnerIds={meeting.presentPartnerIds} partnerName={partnerName} headingLevel={4} />
          </aside>
        )}
      </div>
    </div>
  );
}

/** The API numbers endorsements as sent (pending ones left out); the form numbers every present partner. */
function remapEndorsementErrors(e: unknown, form: ItemForm): unknown {
  if (!isProblem(e) || !e.errors?.length) return e;
  const sentRows = form.endorsements.map((x, i) => (x.stance === 'pending' ? -1 : i)).filter((i) => i >= 0);
  const errors = e.errors.map((er) => {
    const match = /^endorsements[.[](\d+)\]?(.*)$/.exec(er.field);
    return match ? { ...er, field: `endorsements.${sentRows[Number(match[1])] ?? match[1]}${match[2]}` } : er;
  });
  return { ...e, errors };
}
