import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { fieldErrors } from '../api/problem';
import { useFormat } from '../i18n/format';
import { feedbackStateLabels, label } from '../i18n/labels';
import { useSession } from '../layout/access';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Checkbox, Choice } from '../ui/Choice';
import { ErrorState, FormError, Loading } from '../ui/States';
import { TextField } from '../ui/TextField';
import { feedbackMessages as m } from './feedback.messages';
import { SHEET_TONE } from './sheetTone';

const CLOSED = ['AFGEROND', 'VERSLAG_GOEDGEKEURD'] as const;

/** The dossier's feedback sheets the caller may see, and for the casemanager the form to draft one about a discussion. */
export function DossierFeedbackSheets({ dossierId, receivedOn }: { dossierId: string; receivedOn: string }) {
  const { ability } = useSession();
  return ability.can('read', 'FeedbackSheet') ? <SheetsOfDossier dossierId={dossierId} receivedOn={receivedOn} /> : null;
}

function SheetsOfDossier({ dossierId, receivedOn }: { dossierId: string; receivedOn: string }) {
  const intl = useIntl();
  const fmt = useFormat();
  const { ability } = useSession();
  const list = $api.useQuery('get', '/api/dossiers/{id}/feedback-sheets', { params: { path: { id: dossierId }, query: { pageSize: 50 } } });
  const sheets = list.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="sheets-title">
      <h2 id="sheets-title">{intl.formatMessage(m.sheetsTitle)}</h2>
      {list.isLoading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (sheets.length ? (
        <ul className="stack">
          {sheets.map((s) => (
            <li key={s.id}>
              <Link to="/feedback-sheets/$id" params={{ id: s.id }}>{intl.formatMessage(m.sheetItem, { date: fmt.dateTime(s.createdAt) })}</Link>{' '}
              <Badge tone={SHEET_TONE[s.state] ?? 'neutral'}>{label(intl, feedbackStateLabels, s.state)}</Badge>
            </li>
          ))}
        </ul>
      ) : <p className="muted">{intl.formatMessage(m.noSheets)}</p>)}
      {ability.can('create', 'FeedbackSheet') && list.data && (
        <DraftSheet dossierId={dossierId} receivedOn={receivedOn} busyItems={sheets.filter((s) => s.state === 'CONCEPT' || s.state === 'TER_GOEDKEURING').map((s) => s.agendaItemId)} />
      )}
    </section>
  );
}

/**
 * The discussions of this dossier a sheet may be drafted about: agenda items DISCUSSED on a closed meeting (only then
 * is the attendance, and so who must approve, final) that have no sheet in preparation or awaiting approval.
 */
function useDiscussions(dossierId: string, receivedOn: string, busyItems: readonly string[]) {
  // No meeting before the signal was received discusses it: only closed meetings since then are read.
  const from = receivedOn;
  const lists = useQueries({
    queries: CLOSED.map((state) => $api.queryOptions('get', '/api/meetings', { params: { query: { state, from, pageSize: 200 } } })),
  });
  const ids = lists.flatMap((l) => l.data?.items ?? []).map((x) => x.id);
  const meetings = useQueries({ queries: ids.map((id) => $api.queryOptions('get', '/api/meetings/{id}', { params: { path: { id } } })) });
  const discussions = meetings
    .map((q) => q.data)
    .filter((x): x is NonNullable<typeof x> => !!x)
    .flatMap((x) => x.agenda.filter((i) => i.dossierId === dossierId && i.outcome === 'DISCUSSED' && !busyItems.includes(i.id)).map((i) => ({ item: i, meeting: x })))
    .sort((a, b) => b.meeting.scheduledAt.localeCompare(a.meeting.scheduledAt));
  return { discussions, loading: lists.some((l) => l.isLoading) || meetings.some((q) => q.isLoading) };
}

function DraftSheet({ dossierId, receivedOn, busyItems }: { dossierId: string; receivedOn: string; busyItems: readonly string[] }) {
  const intl = useIntl();
  const fmt = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { discussions, loading } = useDiscussions(dossierId, receivedOn, busyItems);
  const [open, setOpen] = useState(false);
  const [itemId, setItemId] = useState<string | null>(null);
  const [content, setContent] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (loading || discussions.length === 0) return null;
  const chosen = discussions.length === 1 ? discussions[0].item.id : itemId;

  if (!open) {
    return (
      <div className="form-actions">
        <Button onPress={() => setOpen(true)}>{intl.formatMessage(m.draft)}</Button>
      </div>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!chosen) errs.agendaItemId = intl.formatMessage(m.chooseDiscussion);
    if (!content.trim()) errs.content = intl.formatMessage(m.contentRequired);
    if (!confirmed) errs.noSecretsConfirmed = intl.formatMessage(m.confirmRequired);
    setLocal(errs);
    if (Object.keys(errs).length || !chosen) return;
    setBusy(true);
    setError(null);
    try {
      const s = await call(api.POST('/api/dossiers/{id}/feedback-sheets', { params: { path: { id: dossierId } }, body: { agendaItemId: chosen, content, noSecretsConfirmed: true } }));
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/dossiers/{id}/feedback-sheets'] });
      await navigate({ to: '/feedback-sheets/$id', params: { id: s.id } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errs = { ...fieldErrors(error, ['agendaItemId', 'content', 'noSecretsConfirmed']), ...local };
  return (
    <Form onSubmit={submit} validationBehavior="aria" className="stack">
      <h3>{intl.formatMessage(m.draft)}</h3>
      <p className="muted small">{intl.formatMessage(m.draftLead)}</p>
      <FormError error={error} formErrors={errs['']} />
      {discussions.length === 1 ? (
        <p>{intl.formatMessage(m.aboutDiscussion, { date: fmt.dateTime(discussions[0].meeting.scheduledAt) })}</p>
      ) : (
        <Choice label={intl.formatMessage(m.discussion)} value={itemId} onChange={setItemId} isRequired error={errs.agendaItemId}
          options={discussions.map((d) => ({ id: d.item.id, label: intl.formatMessage(m.aboutDiscussion, { date: fmt.dateTime(d.meeting.scheduledAt) }) }))} />
      )}
      <TextField label={intl.formatMessage(m.content)} value={content} onChange={setContent} multiline rows={6} isRequired maxLength={20_000}
        description={intl.formatMessage(m.contentHint)} error={errs.content} />
      <NoSecretsConfirmation confirmed={confirmed} onChange={setConfirmed} error={errs.noSecretsConfirmed} />
      <div className="form-actions">
        <Button type="submit" isDisabled={busy}>{intl.formatMessage(m.saveDraft)}</Button>
        <Button variant="secondary" onPress={() => setOpen(false)}>{intl.formatMessage(m.cancel)}</Button>
      </div>
    </Form>
  );
}

/** The author's confirmation required by art. 458ter Sw. and GwH 52/2021, given again for every new text. */
export function NoSecretsConfirmation({ confirmed, onChange, error }: { confirmed: boolean; onChange: (v: boolean) => void; error?: string }) {
  const intl = useIntl();
  return (
    <div className="field">
      <Checkbox isSelected={confirmed} onChange={onChange} isInvalid={!!error}>{intl.formatMessage(m.confirmNoSecrets)}</Checkbox>
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
