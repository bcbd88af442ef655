import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { fieldErrors } from '../api/problem';
import type { components } from '../api/schema';
import { todayInBrussels, useFormat } from '../i18n/format';
import { agreementEventLabels, label } from '../i18n/labels';
import { Allowed, useSession } from '../layout/access';
import { LifecycleDiagram } from '../lifecycle/LifecycleDiagram';
import { usePartners } from '../api/referenceData';
import { Button } from '../ui/Button';
import { DateField } from '../ui/DateField';
import { ModalDialog } from '../ui/Dialog';
import { Page, QueryPage } from '../ui/Page';
import { ProblemNotice } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { AgreementStateBadge } from './AgreementStateBadge';
import { agreementsMessages as m } from './agreements.messages';

const route = getRouteApi('/app/agreements/$id');
type Agreement = components['schemas']['AgreementView'];
type AgreementEvent = 'START' | 'COMPLETE' | 'FAIL';
const FIELDS = ['doneOn', 'note'];

export function AgreementPage() {
  return (
    <Allowed action="read" subject="Agreement">
      <AgreementView />
    </Allowed>
  );
}

function AgreementView() {
  const intl = useIntl();
  const { id } = route.useParams();
  const q = $api.useQuery('get', '/api/agreements/{id}', { params: { path: { id } } });
  return (
    <QueryPage title={intl.formatMessage(m.pageTitle)} query={q}>
      {(a) => <AgreementRecord a={a} onReload={() => q.refetch()} />}
    </QueryPage>
  );
}

function AgreementRecord({ a, onReload }: { a: Agreement; onReload: () => unknown }) {
  const intl = useIntl();
  const f = useFormat();
  const { ability } = useSession();
  const partners = usePartners();
  return (
    <Page title={a.description ?? intl.formatMessage(m.pageTitle)} lead={<AgreementStateBadge state={a.state} overdue={a.overdue} />}>
      <div className="grid-2">
        <section aria-labelledby="details-h" className="card">
          <h2 id="details-h">{intl.formatMessage(m.details)}</h2>
          <dl className="facts">
            <dt>{intl.formatMessage(m.dossier)}</dt>
            <dd>{ability.can('read', 'Dossier') ? <Link to="/dossiers/$id" params={{ id: a.dossierId }}>{a.dossierReference}</Link> : a.dossierReference}</dd>
            <dt>{intl.formatMessage(m.responsible)}</dt>
            <dd>{partners.name(a.responsiblePartnerId)}</dd>
            <dt>{intl.formatMessage(m.dueOn)}</dt>
            <dd>{f.date(a.dueOn)}</dd>
            {a.doneOn && <><dt>{intl.formatMessage(m.doneOn)}</dt><dd>{f.date(a.doneOn)}</dd></>}
            {a.note && <><dt>{intl.formatMessage(m.note)}</dt><dd className="prewrap">{a.note}</dd></>}
            <dt>{intl.formatMessage(m.meeting)}</dt>
            <dd><Link to="/meetings/$id" params={{ id: a.meetingId }}>{intl.formatMessage(m.meetingLink)}</Link></dd>
          </dl>
          {a.state === 'VERVALLEN' && <p className="muted">{intl.formatMessage(m.lapsedHint)}</p>}
          <AgreementActions agreement={a} onReload={onReload} />
        </section>
        <section aria-labelledby="lc-h" className="card">
          <h2 id="lc-h">{intl.formatMessage(m.lifecycle)}</h2>
          <LifecycleDiagram machine="agreement" current={a.state} available={a.allowedEvents} />
        </section>
      </div>
    </Page>
  );
}

/** START at once; COMPLETE asks the day it was done (today by default); FAIL asks why. Only the API's allowedEvents. */
export function AgreementActions({ agreement, onReload }: { agreement: Agreement; onReload: () => unknown }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<AgreementEvent | null>(null);
  const [doneOn, setDoneOn] = useState(() => todayInBrussels());
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (agreement.allowedEvents.length === 0) return null;

  const send = async (event: AgreementEvent) => {
    if (event === 'FAIL' && !note.trim()) { setLocal(intl.formatMessage(uiMessages.required)); return; }
    setLocal(undefined);
    setBusy(true);
    setError(null);
    // API.md: COMPLETE takes doneOn, today by default (never in the future); today is left to the API's default.
    const withDate = event === 'COMPLETE' && doneOn !== todayInBrussels();
    const body = { event, version: agreement.version, ...(event === 'FAIL' ? { note: note.trim() } : {}), ...(withDate ? { doneOn } : {}) };
    try {
      await call(api.POST('/api/agreements/{id}/transitions', { params: { path: { id: agreement.id } }, body }));
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/agreements/{id}'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/agreements'] });
      setDialog(null);
      setNote('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const errs = fieldErrors(error, FIELDS);

  return (
    <>
      <h3>{intl.formatMessage(m.actions)}</h3>
      {!dialog && <ProblemNotice error={error} onReload={onReload} />}
      <div className="form-actions">
        {agreement.allowedEvents.map((e) => (
          <Button key={e} variant={e === 'FAIL' ? 'danger' : 'primary'} isDisabled={busy} onPress={() => (e === 'START' ? void send('START') : setDialog(e))}>
            {label(intl, agreementEventLabels, e)}
          </Button>
        ))}
      </div>
      <ModalDialog title={intl.formatMessage(dialog === 'FAIL' ? m.failTitle : m.completeTitle)} isOpen={!!dialog} onOpenChange={(o) => !o && setDialog(null)}>
        <form onSubmit={(e) => { e.preventDefault(); if (dialog) void send(dialog); }} noValidate>
          <ProblemNotice error={error} fields={FIELDS} onReload={onReload} />
          {dialog === 'COMPLETE' && (
            <DateField label={intl.formatMessage(m.doneOnField)} value={doneOn} onChange={setDoneOn} max={todayInBrussels()} isRequired
              description={intl.formatMessage(m.doneOnHint)} error={errs.doneOn} />
          )}
          {dialog === 'FAIL' && (
            <TextField label={intl.formatMessage(m.failReason)} value={note} onChange={setNote} multiline isRequired maxLength={2_000} error={local ?? errs.note} />
          )}
          <div className="form-actions">
            <Button type="submit" isDisabled={busy}>{label(intl, agreementEventLabels, dialog ?? '')}</Button>
            <Button variant="secondary" onPress={() => setDialog(null)}>{intl.formatMessage(uiMessages.cancel)}</Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
