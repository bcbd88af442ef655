import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { fieldErrors } from '../api/problem';
import type { components } from '../api/schema';
import { useFormat } from '../i18n/format';
import { feedbackStateLabels, label } from '../i18n/labels';
import { Allowed, useSession } from '../layout/access';
import { LifecycleDiagram } from '../lifecycle/LifecycleDiagram';
import { usePartners, useUsers } from '../api/referenceData';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Page, QueryPage } from '../ui/Page';
import { FormError, ProblemNotice } from '../ui/States';
import { AgendaDossier } from '../meetings/AgendaDossier';
import type { AgendaItem } from '../meetings/useMeetingActions';
import { TextField } from '../ui/TextField';
import { feedbackMessages as m } from './feedback.messages';
import { NoSecretsConfirmation } from './DossierFeedbackSheets';
import { SHEET_TONE } from './sheetTone';

const route = getRouteApi('/app/feedback-sheets/$id');
type Sheet = components['schemas']['FeedbackSheetView'];

export function FeedbackSheetPage() {
  return (
    <Allowed action="read" subject="FeedbackSheet">
      <SheetView />
    </Allowed>
  );
}

/** One feedback sheet: its state, content, who decided what, and the caller's own decision when it is asked. */
function SheetView() {
  const intl = useIntl();
  const { id } = route.useParams();
  const q = $api.useQuery('get', '/api/feedback-sheets/{id}', { params: { path: { id } } });
  return (
    <QueryPage title={intl.formatMessage(m.title)} query={q}>
      {(s) => <SheetRecord s={s} onReload={() => q.refetch()} />}
    </QueryPage>
  );
}

function SheetRecord({ s, onReload }: { s: Sheet; onReload: () => unknown }) {
  const intl = useIntl();
  const f = useFormat();
  const { ability } = useSession();
  const partners = usePartners();
  const users = useUsers(ability.can('read', 'User'));
  const editable = s.state === 'CONCEPT' && ability.can('update', 'FeedbackSheet');
  const decided = new Map(s.approvals.map((a) => [a.partnerId, a]));
  const rows = [...new Set([...s.approverPartnerIds, ...s.approvals.map((a) => a.partnerId)])];

  return (
    <Page title={intl.formatMessage(m.title)} lead={<Badge tone={SHEET_TONE[s.state] ?? 'neutral'}>{label(intl, feedbackStateLabels, s.state)}</Badge>}>
      <p className="muted">{intl.formatMessage(m.lead)}</p>
      <Outcome sheet={s} />
      <div className="grid-2">
        <section aria-labelledby="content-h" className="card">
          <h2 id="content-h">{intl.formatMessage(m.content)}</h2>
          {editable ? <SheetEditor key={s.version} sheet={s} onReload={onReload} /> : (
            <>
              {s.content ? <p className="prewrap">{s.content}</p> : <p className="empty">{intl.formatMessage(m.noContent)}</p>}
              {s.noSecretsConfirmed && <p className="small"><span aria-hidden="true">✓ </span>{intl.formatMessage(m.noSecrets)}</p>}
            </>
          )}
          <dl className="facts with-links">
            <dt>{intl.formatMessage(m.dossier)}</dt>
            <dd><SheetDossier sheet={s} /></dd>
            <dt>{intl.formatMessage(m.meeting)}</dt>
            <dd>{ability.can('read', 'Meeting') ? <Link to="/meetings/$id" params={{ id: s.meetingId }}>{intl.formatMessage(m.meetingLink)}</Link> : '—'}</dd>
          </dl>
        </section>
        <section aria-labelledby="lc-h" className="card">
          <h2 id="lc-h">{intl.formatMessage(m.lifecycle)}</h2>
          <LifecycleDiagram machine="feedbackSheet" current={s.state} available={s.allowedEvents} />
        </section>
      </div>
      <section aria-labelledby="approvals-h">
        <h2 id="approvals-h">{intl.formatMessage(m.approvals)}</h2>
        {rows.length === 0 ? <p className="empty">{intl.formatMessage(m.noApprovers)}</p> : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{intl.formatMessage(m.colPartner)}</th>
                <th scope="col">{intl.formatMessage(m.colDecision)}</th>
                <th scope="col">{intl.formatMessage(m.colBy)}</th>
                <th scope="col">{intl.formatMessage(m.colAt)}</th>
                <th scope="col">{intl.formatMessage(m.colNote)}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => {
                const a = decided.get(p);
                return (
                  <tr key={p}>
                    <th scope="row">{partners.name(p)}</th>
                    <td>{!a ? <Badge>{intl.formatMessage(m.pendingDecision)}</Badge> : a.approved
                      ? <Badge tone="ok">{intl.formatMessage(m.approved)}</Badge> : <Badge tone="danger">{intl.formatMessage(m.rejected)}</Badge>}</td>
                    <td>{a?.userId ? users.name(a.userId) ?? intl.formatMessage(m.memberOf, { partner: partners.name(p) }) : '—'}</td>
                    <td>{a ? f.dateTime(a.at) : '—'}</td>
                    <td className="prewrap">{a?.note ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <Decision sheet={s} partnerName={partners.name} />
    </Page>
  );
}

/**
 * The sheet's dossier. The sheet does not say whether the reader may open it (an approver may have been present at
 * the discussion without access to the dossier); its agenda item in the meeting does, with the reference.
 */
function SheetDossier({ sheet }: { sheet: Sheet }) {
  const { ability } = useSession();
  const meeting = $api.useQuery('get', '/api/meetings/{id}', { params: { path: { id: sheet.meetingId } } }, { enabled: ability.can('read', 'Meeting') });
  const agenda: readonly AgendaItem[] = meeting.data?.agenda ?? [];
  const item = agenda.find((i) => i.id === sheet.agendaItemId);
  return item ? <AgendaDossier item={item} /> : <>—</>;
}

/** Approve or reject on behalf of the caller's partner: only while it is asked (pending) and the rules allow it. */
function Decision({ sheet, partnerName }: { sheet: Sheet; partnerName: (id: string) => string }) {
  const intl = useIntl();
  const { session, ability } = useSession();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const partnerId = session.user.partnerId;
  const asked = sheet.state === 'TER_GOEDKEURING' && !!partnerId && sheet.pendingPartnerIds.includes(partnerId) && ability.can('endorse', 'FeedbackSheet');
  if (done) return <p className="notice ok" role="status">{intl.formatMessage(m.decided)}</p>;
  if (!asked) return null;

  const decide = async (approved: boolean) => {
    if (!approved && !note.trim()) { setLocal(intl.formatMessage(m.rejectNeedsNote)); return; }
    setLocal(undefined);
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/feedback-sheets/{id}/approvals', { params: { path: { id: sheet.id } }, body: { approved, note: note.trim() || undefined } }));
      // The sheet and the lists it is on (its state may have changed with this decision).
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['get', '/api/feedback-sheets/{id}'] }),
        queryClient.invalidateQueries({ queryKey: ['get', '/api/feedback-sheets'] }),
      ]);
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const errs = fieldErrors(error, ['note']);
  return (
    <section aria-labelledby="decide-h" className="card">
      <h2 id="decide-h">{intl.formatMessage(m.decide, { partner: partnerName(partnerId!) })}</h2>
      <FormError error={errs.note ? null : error} formErrors={errs['']} />
      <TextField label={intl.formatMessage(m.decideNote)} value={note} onChange={setNote} multiline rows={3} maxLength={2_000} error={local ?? errs.note} />
      <div className="form-actions">
        <Button onPress={() => void decide(true)} isDisabled={busy}>{intl.formatMessage(m.approve)}</Button>
        <Button variant="danger" onPress={() => void decide(false)} isDisabled={busy}>{intl.formatMessage(m.reject)}</Button>
      </div>
    </section>
  );
}

/** The result in words: what the sheet's state means for the police, its addressee. */
function Outcome({ sheet }: { sheet: Sheet }) {
  const intl = useIntl();
  const f = useFormat();
  const partners = usePartners();
  if (sheet.state === 'GOEDGEKEURD') return <p className="notice ok" role="status">{intl.formatMessage(m.outcomeApproved)}</p>;
  if (sheet.state === 'AFGEWEZEN') {
    const refusal = sheet.approvals.find((a) => !a.approved);
    return (
      <p className="notice danger" role="status">
        {intl.formatMessage(m.outcomeRejected, { partner: partners.name(refusal?.partnerId), date: refusal ? f.dateTime(refusal.at) : '—' })}
      </p>
    );
  }
  if (sheet.state === 'TER_GOEDKEURING') {
    return <p className="notice info">{intl.formatMessage(m.outcomePending, { count: sheet.pendingPartnerIds.length })}</p>;
  }
  return <p className="notice warn">{intl.formatMessage(m.outcomeConcept)}</p>;
}

/**
 * The casemanager's draft: its text, and the confirmation that it holds no professional secret shared in the meeting,
 * ticked anew on this page before it is saved or submitted (the API refuses either without it).
 */
function SheetEditor({ sheet, onReload }: { sheet: Sheet; onReload: () => unknown }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [content, setContent] = useState(sheet.content ?? '');
  const [confirmed, setConfirmed] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const run = async (submit: boolean) => {
    const errs: Record<string, string> = {};
    if (!content.trim()) errs.content = intl.formatMessage(m.contentRequired);
    if (!confirmed) errs.noSecretsConfirmed = intl.formatMessage(m.confirmRequired);
    setLocal(errs);
    setSaved(false);
    if (Object.keys(errs).length) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await call(api.PATCH('/api/feedback-sheets/{id}', {
        params: { path: { id: sheet.id } }, body: { version: sheet.version, content, noSecretsConfirmed: true },
      }));
      if (submit) {
        await call(api.POST('/api/feedback-sheets/{id}/transitions', { params: { path: { id: sheet.id } }, body: { event: 'SUBMIT', version: updated.version } }));
      }
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['get', '/api/feedback-sheets/{id}'] }),
        queryClient.invalidateQueries({ queryKey: ['get', '/api/feedback-sheets'] }),
        queryClient.invalidateQueries({ queryKey: ['get', '/api/dossiers/{id}/feedback-sheets'] }),
      ]);
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const errs = { ...fieldErrors(error, ['content', 'noSecretsConfirmed']), ...local };
  return (
    <form onSubmit={(e) => { e.preventDefault(); void run(false); }} noValidate className="stack">
      <ProblemNotice error={error} fields={['content', 'noSecretsConfirmed']} onReload={onReload} />
      {saved && <p className="notice ok" role="status">{intl.formatMessage(m.saved)}</p>}
      <TextField label={intl.formatMessage(m.content)} value={content} onChange={setContent} multiline rows={8} isRequired maxLength={20_000}
        description={intl.formatMessage(m.contentHint)} error={errs.content} />
      <NoSecretsConfirmation confirmed={confirmed} onChange={setConfirmed} error={errs.noSecretsConfirmed} />
      <div className="form-actions">
        {sheet.allowedEvents.includes('SUBMIT') && <Button onPress={() => void run(true)} isDisabled={busy}>{intl.formatMessage(m.submit)}</Button>}
        <Button type="submit" variant="secondary" isDisabled={busy}>{intl.formatMessage(m.saveDraft)}</Button>
      </div>
    </form>
  );
}
