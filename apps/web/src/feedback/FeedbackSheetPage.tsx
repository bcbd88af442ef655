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
import { usePartners } from '../api/referenceData';
import { Badge, type Tone } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Page, QueryPage } from '../ui/Page';
import { FormError } from '../ui/States';
import { AgendaDossier } from '../meetings/AgendaDossier';
import type { AgendaItem } from '../meetings/useMeetingActions';
import { TextField } from '../ui/TextField';
import { feedbackMessages as m } from './feedback.messages';

const route = getRouteApi('/app/feedback-sheets/$id');
type Sheet = components['schemas']['FeedbackSheetView'];
const TONE: Record<string, Tone> = { CONCEPT: 'neutral', TER_GOEDKEURING: 'info', GOEDGEKEURD: 'ok', AFGEWEZEN: 'danger' };

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
      {(s) => <SheetRecord s={s} />}
    </QueryPage>
  );
}

function SheetRecord({ s }: { s: Sheet }) {
  const intl = useIntl();
  const f = useFormat();
  const { ability } = useSession();
  const partners = usePartners();
  const decided = new Map(s.approvals.map((a) => [a.partnerId, a]));
  const rows = [...new Set([...s.approverPartnerIds, ...s.approvals.map((a) => a.partnerId)])];

  return (
    <Page title={intl.formatMessage(m.title)} lead={<Badge tone={TONE[s.state] ?? 'neutral'}>{label(intl, feedbackStateLabels, s.state)}</Badge>}>
      <p className="muted">{intl.formatMessage(m.lead)}</p>
      <div className="grid-2">
        <section aria-labelledby="content-h" className="card">
          <h2 id="content-h">{intl.formatMessage(m.content)}</h2>
          {s.content ? <p className="prewrap">{s.content}</p> : <p className="empty">{intl.formatMessage(m.noContent)}</p>}
          {s.noSecretsConfirmed && <p className="small"><span aria-hidden="true">✓ </span>{intl.formatMessage(m.noSecrets)}</p>}
          <dl className="facts">
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
