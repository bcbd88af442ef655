import { FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import { fieldErrors } from '../api/problem';
import { useFormat } from '../i18n/format';
import { label, phenomenonLabels, transferStateLabels } from '../i18n/labels';
import { Allowed } from '../layout/access';
import { LifecycleDiagram } from '../lifecycle/LifecycleDiagram';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Page, QueryPage } from '../ui/Page';
import { ProblemNotice } from '../ui/States';
import { TextField } from '../ui/TextField';
import { transferTone } from './DossierTransfer';
import { transferMessages as m } from './transfers.messages';

type Transfer = components['schemas']['TransferView'];
const route = getRouteApi('/app/transfers/$id');

export function TransferPage() {
  return (
    <Allowed action="read" subject="Transfer">
      <TransferLoader />
    </Allowed>
  );
}

function TransferLoader() {
  const intl = useIntl();
  const { id } = route.useParams();
  const q = $api.useQuery('get', '/api/transfers/{id}', { params: { path: { id } } });
  return (
    <QueryPage title={intl.formatMessage(m.pageTitle)} query={q}>
      {(t) => <TransferRecord t={t} />}
    </QueryPage>
  );
}

function TransferRecord({ t }: { t: Transfer }) {
  const intl = useIntl();
  const fmt = useFormat();
  const incoming = t.direction === 'incoming';
  const s = t.subject;
  return (
    <Page
      title={intl.formatMessage(incoming ? m.pageTitleIncoming : m.pageTitleOutgoing, { name: incoming ? t.from.name : t.to.name })}
      lead={<Badge tone={transferTone(t.state)}>{label(intl, transferStateLabels, t.state)}</Badge>}
      actions={t.dossierId ? <Link to="/dossiers/$id" params={{ id: t.dossierId }}>{intl.formatMessage(m.ownDossier)}</Link> : undefined}
    >
      <div className="grid-2">
        <div className="stack">
          <section className="card" aria-labelledby="transfer-facts">
            <h2 id="transfer-facts">{intl.formatMessage(m.pageTitle)}</h2>
            <dl className="facts">
              <dt>{intl.formatMessage(m.state)}</dt><dd>{label(intl, transferStateLabels, t.state)}</dd>
              <dt>{intl.formatMessage(m.phenomenon)}</dt><dd>{label(intl, phenomenonLabels, t.phenomenon)}</dd>
              {s && <><dt>{intl.formatMessage(m.person)}</dt><dd>{s.firstName} {s.lastName}</dd></>}
              {s?.birthDate && <><dt>{intl.formatMessage(m.birthDate)}</dt><dd>{fmt.date(s.birthDate)}</dd></>}
              {s?.municipality && <><dt>{intl.formatMessage(m.municipality)}</dt><dd>{s.municipality}</dd></>}
              {t.reason && <><dt>{intl.formatMessage(m.reason)}</dt><dd className="prewrap">{t.reason}</dd></>}
            </dl>
            {t.summary ? <p className="prewrap">{t.summary}</p> : t.state !== 'VOORGESTELD' && <p className="muted">{intl.formatMessage(m.erased)}</p>}
          </section>
          {t.contributions.length > 0 && (
            <section className="card" aria-labelledby="transfer-texts">
              <h2 id="transfer-texts">{intl.formatMessage(m.sentTexts)}</h2>
              <ol className="stack">
                {t.contributions.map((c, i) => (
                  <li key={i}><p className="prewrap">{c.text}</p><p className="small muted">{intl.formatMessage(m.writtenOn, { date: fmt.dateTime(c.writtenAt) })}</p></li>
                ))}
              </ol>
            </section>
          )}
          {t.allowedEvents.length > 0 && <Decide t={t} />}
        </div>
        <div className="stack">
          <section className="card" aria-labelledby="transfer-history">
            <h2 id="transfer-history">{intl.formatMessage(m.history)}</h2>
            <ol className="stack">
              {t.history.map((e) => (
                <li key={e.seq}>
                  {/* Each step of a transfer reaches a state of its own: the state names the step. */}
                  {label(intl, transferStateLabels, e.toState)}{' '}
                  <span className="muted small">{intl.formatMessage(e.by === 'SENDER' ? m.bySender : m.byReceiver)}, {fmt.dateTime(e.at)}</span>
                </li>
              ))}
            </ol>
          </section>
          <section className="card" aria-labelledby="transfer-lifecycle">
            <h2 id="transfer-lifecycle">{intl.formatMessage(m.lifecycle)}</h2>
            <LifecycleDiagram machine="transfer" current={t.state} available={t.allowedEvents} />
          </section>
        </div>
      </div>
    </Page>
  );
}

function Decide({ t }: { t: Transfer }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const send = $api.useMutation('post', '/api/transfers/{id}/transitions');
  const errors = fieldErrors(send.error, ['reason']);
  const refresh = () => Promise.all(['/api/transfers/{id}', '/api/transfers', '/api/dossiers', '/api/dossiers/{id}'].map((p) => queryClient.invalidateQueries({ queryKey: ['get', p] })));
  const go = async (event: 'ACCEPT' | 'REFUSE' | 'WITHDRAW') => {
    try {
      await send.mutateAsync({ params: { path: { id: t.id } }, body: { event, version: t.version, ...(event === 'ACCEPT' || !reason.trim() ? {} : { reason }) } });
      await refresh();
    } catch { /* shown in the form */ }
  };
  const onSubmit = (e: FormEvent) => { e.preventDefault(); void go('REFUSE'); };
  const receiver = t.allowedEvents.includes('ACCEPT');
  return (
    <section className="card" aria-labelledby="transfer-decide">
      <h2 id="transfer-decide">{intl.formatMessage(receiver ? m.accept : m.withdraw)}</h2>
      <ProblemNotice error={send.error} fields={['reason']} onReload={refresh} />
      {receiver ? (
        <Form onSubmit={onSubmit} validationBehavior="aria" className="stack">
          <p className="small muted">{intl.formatMessage(m.acceptHint)}</p>
          <div className="form-actions"><Button onPress={() => void go('ACCEPT')} isDisabled={send.isPending}>{intl.formatMessage(m.accept)}</Button></div>
          <TextField label={intl.formatMessage(m.refuseReason)} value={reason} onChange={setReason} multiline rows={3} maxLength={2_000} error={errors.reason} />
          <div className="form-actions"><Button type="submit" variant="secondary" isDisabled={send.isPending}>{intl.formatMessage(m.refuse)}</Button></div>
        </Form>
      ) : (
        <div className="form-actions"><Button variant="secondary" onPress={() => void go('WITHDRAW')} isDisabled={send.isPending}>{intl.formatMessage(m.withdraw)}</Button></div>
      )}
    </section>
  );
}
