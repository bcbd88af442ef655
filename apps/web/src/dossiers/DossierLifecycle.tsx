import { FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { fieldErrors } from '../api/problem';
import { closureReasonLabels, dossierEventLabels, dossierStateLabels, label, optionsOf } from '../i18n/labels';
import { LifecycleDiagram } from '../lifecycle/LifecycleDiagram';
import { Button } from '../ui/Button';
import { Choice } from '../ui/Choice';
import { ModalDialog } from '../ui/Dialog';
import { SelectField } from '../ui/SelectField';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { ProblemNotice } from '../ui/States';
import { Dossier, useRefreshDossier } from './dossierEdit';
import { dossierMessages as m } from './dossiers.messages';
import { DossierEvent, emptyDraft, needsDialog, reasonRequired, TransitionDraft, transitionBody } from './transitionForm';
import { usePartners } from '../api/referenceData';
import { caseworkMessages } from './casework.messages';
import { ScreeningAnswers } from './DossierScreening';

const FIELDS = ['reason', 'referredTo', 'referredTo.partnerId', 'referredTo.name'];

/** The dossier's lifecycle and the next steps this user may take now (the API's `allowedEvents`, nothing else). */
export function DossierLifecycle({ dossier }: { dossier: Dossier }) {
  const intl = useIntl();
  const refresh = useRefreshDossier();
  const send = $api.useMutation('post', '/api/dossiers/{id}/transitions');
  const [open, setOpen] = useState<DossierEvent | null>(null);
  const [draft, setDraft] = useState<TransitionDraft>(emptyDraft);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: DossierEvent) => {
    setDone(null);
    try {
      // The version is read now, so a resend after "load the newest version" carries the fresh one.
      const d = await send.mutateAsync({ params: { path: { id: dossier.id } }, body: transitionBody(event, dossier.version, draft) });
      await refresh();
      setOpen(null);
      setDraft(emptyDraft());
      setDone(intl.formatMessage(m.transitionDone, { state: label(intl, dossierStateLabels, d.state) }));
    } catch { /* shown in the dialog or beside the buttons */ }
  };
  const start = (event: DossierEvent) => {
    send.reset();
    if (needsDialog(event)) {
      if (open !== event) setDraft(emptyDraft());
      setOpen(event);
    } else void submit(event);
  };

  return (
    <section className="card" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{intl.formatMessage(m.lifecycle)}</h2>
      <LifecycleDiagram machine="dossier" current={dossier.state} available={dossier.allowedEvents} />
      <h3>{intl.formatMessage(m.actions)}</h3>
      {dossier.allowedEvents.length ? (
        <div className="row">
          {dossier.allowedEvents.map((e) => (
            <Button key={e} variant={e === 'REJECT' || e === 'CLOSE' ? 'secondary' : 'primary'} onPress={() => start(e)} isDisabled={send.isPending}>
              {label(intl, dossierEventLabels, e)}
            </Button>
          ))}
        </div>
      ) : <p className="muted">{intl.formatMessage(m.noActions)}</p>}
      {!open && <ProblemNotice error={send.error} fields={FIELDS} onReload={refresh} />}
      <div aria-live="polite">{done && <p className="notice ok" role="status">{done}</p>}</div>
      {open && (
        <TransitionDialog event={open} draft={draft} setDraft={setDraft} error={send.error} busy={send.isPending}
          dossierId={dossier.id} onSubmit={() => void submit(open)} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}

function TransitionDialog({ event, draft, setDraft, error, busy, dossierId, onSubmit, onClose }: {
  event: DossierEvent; dossierId: string; draft: TransitionDraft; setDraft: (f: (d: TransitionDraft) => TransitionDraft) => void; error: unknown; busy: boolean; onSubmit: () => void; onClose: () => void;
}) {
  const intl = useIntl();
  const partners = usePartners();
  const refresh = useRefreshDossier();
  const errors = fieldErrors(error, FIELDS);
  // RETAIN and REJECT are decided on the screening: the dialog shows its answers, and waits for a complete one.
  const decided = event === 'RETAIN' || event === 'REJECT';
  const screening = $api.useQuery('get', '/api/dossiers/{id}/screening', { params: { path: { id: dossierId } } }, { enabled: decided });
  const incomplete = decided && !screening.data?.complete;
  const set = <K extends keyof TransitionDraft>(k: K) => (v: TransitionDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <ModalDialog title={label(intl, dossierEventLabels, event)} isOpen onOpenChange={(o) => !o && onClose()}>
      <Form onSubmit={submit} validationBehavior="aria" className="stack">
        <ProblemNotice error={error} fields={FIELDS} onReload={refresh} />
        {decided && screening.data && (
          <section className="stack" aria-labelledby="screening-summary-title">
            <h3 id="screening-summary-title">{intl.formatMessage(caseworkMessages.summaryTitle)}</h3>
            <ScreeningAnswers answers={screening.data.answers} />
            {incomplete && <p className="notice warn" role="alert">{intl.formatMessage(caseworkMessages.summaryMissing)}</p>}
          </section>
        )}
        {event === 'CLOSE' ? (
          <SelectField label={intl.formatMessage(m.closureReasonField)} value={draft.closureReason} onChange={set('closureReason')} isRequired
            options={optionsOf(intl, closureReasonLabels)} placeholder={intl.formatMessage(m.choose)} error={errors.reason} />
        ) : (
          <TextField label={intl.formatMessage(reasonRequired(event) ? m.reason : m.reasonOptional)} value={draft.reason} onChange={set('reason')} multiline rows={3}
            isRequired={reasonRequired(event)} maxLength={2_000} error={errors.reason} autoFocus />
        )}
        {event === 'REJECT' && (
          <>
            <Choice label={intl.formatMessage(m.referredTo)} value={draft.referral} onChange={set('referral')} error={errors.referredTo}
              options={[
                { id: 'none', label: intl.formatMessage(m.referredNone) },
                { id: 'partner', label: intl.formatMessage(m.referredPartner) },
                { id: 'outside', label: intl.formatMessage(m.referredOutside) },
              ]} />
            {draft.referral === 'partner' && (
              <SelectField label={intl.formatMessage(m.referredPartnerField)} value={draft.referredPartnerId} onChange={set('referredPartnerId')} isRequired
                options={partners.active.map((p) => ({ id: p.id, label: p.name }))} placeholder={intl.formatMessage(m.choose)} error={errors['referredTo.partnerId']} />
            )}
            {draft.referral === 'outside' && (
              <TextField label={intl.formatMessage(m.referredNameField)} value={draft.referredName} onChange={set('referredName')} isRequired maxLength={200} error={errors['referredTo.name']} />
            )}
          </>
        )}
        <div className="form-actions">
          <Button type="submit" isDisabled={busy || incomplete}>{label(intl, dossierEventLabels, event)}</Button>
          <Button variant="secondary" onPress={onClose}>{intl.formatMessage(uiMessages.cancel)}</Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
