import { FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { fieldErrors } from '../api/problem';
import { useUsers } from '../api/referenceData';
import { todayInBrussels } from '../i18n/dates';
import { useFormat } from '../i18n/format';
import { label, optionsOf } from '../i18n/labels';
import { useSession } from '../layout/access';
import { Button } from '../ui/Button';
import { Choice } from '../ui/Choice';
import { DateField } from '../ui/DateField';
import { ErrorState, Loading, ProblemNotice } from '../ui/States';
import { TextField } from '../ui/TextField';
import type { Schemas } from '../session/session';
import { awarenessEventLabels, awarenessStateLabels, caseworkMessages as m, consentLabels, notInformedReasonLabels } from './casework.messages';
import type { Dossier } from './dossierEdit';

type Awareness = Schemas['AwarenessView'];
type AwarenessEvent = 'INFORM' | 'NOT_INFORM' | 'RECORD_CONSENT';
type Body = Schemas['AwarenessTransitionDto'];
const FIELDS = ['informedOn', 'reason', 'explanation', 'consent', 'consentOn', 'event'];

/** Whether the person was informed of the casework, and whether they take part voluntarily, with every step taken. */
export function DossierAwareness({ dossier }: { dossier: Dossier }) {
  const intl = useIntl();
  const q = $api.useQuery('get', '/api/dossiers/{id}/awareness', { params: { path: { id: dossier.id } } });
  return (
    <section className="card" aria-labelledby="awareness-title">
      <h2 id="awareness-title">{intl.formatMessage(m.awareness)}</h2>
      <p className="muted">{intl.formatMessage(m.awarenessLead)}</p>
      {q.isLoading && <Loading />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (
        <>
          <AwarenessFacts a={q.data} />
          {q.data.allowedEvents.length > 0 && <AwarenessStep dossier={dossier} a={q.data} onDone={() => void q.refetch()} />}
          <AwarenessHistory a={q.data} />
        </>
      )}
    </section>
  );
}

function AwarenessFacts({ a }: { a: Awareness }) {
  const intl = useIntl();
  const fmt = useFormat();
  return (
    <dl className="facts">
      <dt>{intl.formatMessage(m.informedState)}</dt><dd>{label(intl, awarenessStateLabels, a.state)}</dd>
      {a.informedOn && <><dt>{intl.formatMessage(m.informedOn)}</dt><dd>{fmt.date(a.informedOn)}</dd></>}
      {a.notInformedReason && <><dt>{intl.formatMessage(m.notInformedReason)}</dt><dd>{label(intl, notInformedReasonLabels, a.notInformedReason)}</dd></>}
      {a.explanation && <><dt>{intl.formatMessage(m.explanation)}</dt><dd className="prewrap">{a.explanation}</dd></>}
      <dt>{intl.formatMessage(m.consent)}</dt>
      <dd>{label(intl, consentLabels, a.consent)}{a.consentOn && <> {intl.formatMessage(m.on, { date: fmt.date(a.consentOn) })}</>}</dd>
    </dl>
  );
}

function AwarenessStep({ dossier, a, onDone }: { dossier: Dossier; a: Awareness; onDone: () => void }) {
  const intl = useIntl();
  const send = $api.useMutation('post', '/api/dossiers/{id}/awareness/transitions');
  const events = a.allowedEvents as AwarenessEvent[];
  const [event, setEvent] = useState<AwarenessEvent | null>(null);
  const [date, setDate] = useState('');
  const [reason, setReason] = useState<'NOT_POSSIBLE' | 'NOT_ADVISABLE' | null>(null);
  const [explanation, setExplanation] = useState('');
  const [consent, setConsent] = useState<'YES' | 'NO' | 'NOT_ASKED' | null>(null);
  const [done, setDone] = useState(false);
  const errors = fieldErrors(send.error, FIELDS);
  const today = todayInBrussels();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!event) return;
    setDone(false);
    const body: Body = { event, version: a.version };
    if (event === 'INFORM' && date) body.informedOn = date;
    if (event === 'NOT_INFORM') {
      if (reason) body.reason = reason;
      if (explanation.trim()) body.explanation = explanation.trim();
    }
    if (event === 'RECORD_CONSENT') {
      if (consent) body.consent = consent;
      if (consent !== 'NOT_ASKED' && date) body.consentOn = date;
    }
    try {
      await send.mutateAsync({ params: { path: { id: dossier.id } }, body });
      setEvent(null);
      setDate('');
      setReason(null);
      setExplanation('');
      setConsent(null);
      setDone(true);
      onDone();
    } catch { /* shown next to the fields */ }
  };
  return (
    <Form onSubmit={submit} validationBehavior="aria" className="stack">
      <ProblemNotice error={send.error} fields={FIELDS} onReload={onDone} />
      <Choice label={intl.formatMessage(m.colStep)} value={event} onChange={(v) => { setEvent(v); send.reset(); }} options={optionsOf(intl, awarenessEventLabels, events)} error={errors.event} />
      {event === 'INFORM' && (
        <DateField label={intl.formatMessage(m.informedOn)} value={date} onChange={setDate} isRequired max={today} error={errors.informedOn} />
      )}
      {event === 'NOT_INFORM' && (
        <>
          <Choice label={intl.formatMessage(m.notInformedReason)} value={reason} onChange={setReason} isRequired options={optionsOf(intl, notInformedReasonLabels)} error={errors.reason} />
          <TextField label={intl.formatMessage(m.explanation)} value={explanation} onChange={setExplanation} isRequired maxLength={500} error={errors.explanation} />
        </>
      )}
      {event === 'RECORD_CONSENT' && (
        <>
          <Choice label={intl.formatMessage(m.consent)} value={consent} onChange={setConsent} isRequired options={optionsOf(intl, consentLabels)} error={errors.consent} />
          {consent && consent !== 'NOT_ASKED' && (
            <DateField label={intl.formatMessage(m.consentOn)} value={date} onChange={setDate} isRequired max={today} error={errors.consentOn} />
          )}
        </>
      )}
      {event && (
        <div className="form-actions">
          <Button type="submit" isDisabled={send.isPending}>{intl.formatMessage(m.record)}</Button>
        </div>
      )}
      <div aria-live="polite">{done && <p className="notice ok" role="status">{intl.formatMessage(m.recorded)}</p>}</div>
    </Form>
  );
}

function AwarenessHistory({ a }: { a: Awareness }) {
  const intl = useIntl();
  const fmt = useFormat();
  const { ability } = useSession();
  const users = useUsers(ability.can('read', 'User'));
  return (
    <>
      <h3>{intl.formatMessage(m.history)}</h3>
      {a.history.length ? (
        <table className="data">
          <caption className="visually-hidden">{intl.formatMessage(m.historyCaption)}</caption>
          <thead>
            <tr>
              <th scope="col">{intl.formatMessage(m.colWhen)}</th>
              <th scope="col">{intl.formatMessage(m.colStep)}</th>
              <th scope="col">{intl.formatMessage(m.colFacts)}</th>
              <th scope="col">{intl.formatMessage(m.colWho)}</th>
            </tr>
          </thead>
          <tbody>
            {a.history.map((h) => (
              <tr key={h.seq}>
                <td>{fmt.dateTime(h.at)}</td>
                <th scope="row">{label(intl, awarenessEventLabels, h.event)}</th>
                <td className="prewrap">
                  {h.event === 'INFORM' && h.informedOn && intl.formatMessage(m.on, { date: fmt.date(h.informedOn) })}
                  {h.event === 'NOT_INFORM' && [label(intl, notInformedReasonLabels, h.notInformedReason), h.explanation].filter(Boolean).join(' — ')}
                  {h.event === 'RECORD_CONSENT' && <>{label(intl, consentLabels, h.consent)}{h.consentOn && <> {intl.formatMessage(m.on, { date: fmt.date(h.consentOn) })}</>}</>}
                </td>
                <td>{h.actorId ? users.name(h.actorId) ?? '—' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="muted">{intl.formatMessage(m.noHistory)}</p>}
    </>
  );
}
