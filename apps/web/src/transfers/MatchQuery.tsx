import { FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { fieldErrors, isProblem } from '../api/problem';
import { useSession } from '../layout/access';
import { Button } from '../ui/Button';
import { ModalDialog } from '../ui/Dialog';
import { ProblemNotice } from '../ui/States';
import { TextField } from '../ui/TextField';
import { transferMessages as m } from './transfers.messages';

/** "Is deze persoon elders gekend?": a reason, then hit (LIVC names) or no hit. Casemanagers only. */
export function MatchQuery({ dossierId }: { dossierId: string }) {
  const intl = useIntl();
  const { ability } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const ask = $api.useMutation('post', '/api/match-queries');
  if (!ability.can('create', 'MatchQuery')) return null;
  const errors = fieldErrors(ask.error, ['reason']);
  const problem = isProblem(ask.error) ? ask.error : null;
  // Both refusals are 422: the problem's type tells a deployment without MATCH_SECRET from a subject without a birth date.
  const known = problem?.type === 'urn:kernteam:problem:not-configured' ? m.matchNotConfigured
    : problem?.status === 429 ? m.matchLimit : problem?.status === 422 ? m.matchNeedsBirthDate : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await ask.mutateAsync({ body: { dossierId, reason } });
    } catch { /* shown below */ }
  };
  const result = ask.data;
  return (
    <>
      <Button variant="secondary" onPress={() => { ask.reset(); setReason(''); setOpen(true); }}>{intl.formatMessage(m.matchAction)}</Button>
      <ModalDialog title={intl.formatMessage(m.matchAction)} isOpen={open} onOpenChange={setOpen}>
        <Form onSubmit={submit} validationBehavior="aria" className="stack">
          <p className="small muted">{intl.formatMessage(m.matchHint)}</p>
          {known ? <p className="notice" role="alert">{intl.formatMessage(known)}</p> : <ProblemNotice error={ask.error} fields={['reason']} onReload={() => ask.reset()} />}
          <TextField label={intl.formatMessage(m.matchReason)} value={reason} onChange={setReason} multiline rows={2} isRequired maxLength={1_000} error={errors.reason} />
          {result && (
            <p className="notice" role="status">
              {result.result === 'HIT'
                ? intl.formatMessage(m.matchHit, { names: intl.formatList((result.livcs ?? []).map((l) => l.name), { type: 'conjunction' }) })
                : intl.formatMessage(m.matchNoHit)}
            </p>
          )}
          <div className="form-actions">
            <Button type="submit" isDisabled={ask.isPending || !!result}>{intl.formatMessage(m.matchAsk)}</Button>
            <Button variant="secondary" onPress={() => setOpen(false)}>{intl.formatMessage(m.cancel)}</Button>
          </div>
        </Form>
      </ModalDialog>
    </>
  );
}
