import { FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { fieldErrors } from '../api/problem';
import { usePartners } from '../api/referenceData';
import { useFormat } from '../i18n/format';
import { label, transferStateLabels } from '../i18n/labels';
import { useSession } from '../layout/access';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Choice';
import { ModalDialog } from '../ui/Dialog';
import { SelectField } from '../ui/SelectField';
import { ErrorState, Loading, ProblemNotice } from '../ui/States';
import { TextField } from '../ui/TextField';
import type { Dossier } from '../dossiers/dossierEdit';
import { useRefreshDossier } from '../dossiers/dossierEdit';
import { transferMessages as m } from './transfers.messages';

export const transferTone = (state: string) => (state === 'AANVAARD' ? 'ok' : state === 'GEWEIGERD' ? 'danger' : state === 'VOORGESTELD' ? 'warn' : 'neutral');

/** The dossier's transfers (outgoing) and, while it can close, the proposal of a new one. Casemanagers only. */
export function DossierTransfer({ dossier }: { dossier: Dossier }) {
  const intl = useIntl();
  const fmt = useFormat();
  const { ability } = useSession();
  const [open, setOpen] = useState(false);
  const canPropose = ability.can('create', 'Transfer');
  const list = $api.useQuery('get', '/api/transfers', { params: { query: { direction: 'outgoing', dossierId: dossier.id, pageSize: 20 } } }, { enabled: ability.can('read', 'Transfer') });
  if (!ability.can('read', 'Transfer')) return null;
  const items = list.data?.items ?? [];
  const hasOpen = items.some((t) => t.state === 'VOORGESTELD');
  const closable = dossier.allowedEvents.includes('CLOSE');
  return (
    <section className="card" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{intl.formatMessage(m.section)}</h2>
      {list.isLoading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (items.length ? (
        <ul className="stack">
          {items.map((t) => (
            <li key={t.id}>
              <Badge tone={transferTone(t.state)}>{label(intl, transferStateLabels, t.state)}</Badge>{' '}
              {intl.formatMessage(m.toLivc, { name: t.to.name })} <span className="muted small">{fmt.dateTime(t.updatedAt)}</span>{' '}
              <Link to="/transfers/$id" params={{ id: t.id }}>{intl.formatMessage(m.open)}</Link>
            </li>
          ))}
        </ul>
      ) : <p className="muted">{intl.formatMessage(m.none)}</p>)}
      {canPropose && !hasOpen && dossier.state !== 'AFGESLOTEN' && dossier.state !== 'GEANONIMISEERD' && (
        closable ? (
          <>
            <p className="small muted">{intl.formatMessage(m.proposeHint)}</p>
            <Button variant="secondary" onPress={() => setOpen(true)}>{intl.formatMessage(m.propose)}</Button>
            <ModalDialog title={intl.formatMessage(m.propose)} isOpen={open} onOpenChange={setOpen}>
              <ProposeForm dossier={dossier} onDone={() => setOpen(false)} />
            </ModalDialog>
          </>
        ) : <p className="small muted">{intl.formatMessage(m.notClosable)}</p>
      )}
    </section>
  );
}

function ProposeForm({ dossier, onDone }: { dossier: Dossier; onDone: () => void }) {
  const intl = useIntl();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const refresh = useRefreshDossier();
  const partners = usePartners();
  const destinations = $api.useQuery('get', '/api/transfers/destinations');
  const contributions = $api.useQuery('get', '/api/dossiers/{id}/contributions', { params: { path: { id: dossier.id }, query: { pageSize: 200 } } });
  const [to, setTo] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const propose = $api.useMutation('post', '/api/transfers');
  const fields = ['toTenantId', 'summary', 'contributionIds'];
  const errors = fieldErrors(propose.error, fields);
  // The API refuses any other contribution; offering only these keeps the choice honest.
  const passable = (contributions.data?.items ?? []).filter((c) =>
    c.visibility === 'KERNTEAM' && c.text && partners.list.find((p) => p.id === c.authorPartnerId)?.type === 'CASEMANAGEMENT');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await propose.mutateAsync({ body: { dossierId: dossier.id, toTenantId: to ?? '', summary, contributionIds: chosen } });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/transfers'] });
      await refresh();
      onDone();
    } catch { /* shown in the form */ }
  };
  if (destinations.isLoading || contributions.isLoading) return <Loading />;
  if (destinations.error) return <ErrorState error={destinations.error} />;
  const options = (destinations.data ?? []).map((d) => ({ id: d.id, label: d.name }));
  return (
    <Form onSubmit={submit} validationBehavior="aria" className="stack">
      <ProblemNotice error={propose.error} fields={fields} onReload={refresh} />
      {options.length === 0 && <p>{intl.formatMessage(m.noDestinations)}</p>}
      <SelectField label={intl.formatMessage(m.destination)} options={options} value={to} onChange={setTo} isRequired error={errors.toTenantId} />
      <TextField label={intl.formatMessage(m.summary)} description={intl.formatMessage(m.summaryHint)} value={summary} onChange={setSummary} multiline rows={5}
        isRequired maxLength={20_000} error={errors.summary} />
      <fieldset className="stack">
        <legend>{intl.formatMessage(m.contributions)}</legend>
        <p className="small muted">{intl.formatMessage(m.contributionsHint)}</p>
        {passable.length === 0 && <p className="muted">{intl.formatMessage(m.noPassable)}</p>}
        {passable.map((c) => (
          <Checkbox key={c.id} isSelected={chosen.includes(c.id)} onChange={(on) => setChosen((xs) => (on ? [...xs, c.id] : xs.filter((x) => x !== c.id)))}>
            <span className="prewrap">{c.text}</span> <span className="muted small">({fmt.dateTime(c.createdAt)})</span>
          </Checkbox>
        ))}
        {errors.contributionIds && <p className="error" role="alert">{errors.contributionIds}</p>}
      </fieldset>
      <div className="notice small">
        <p>{intl.formatMessage(m.whatCrosses)}</p>
        <p>{intl.formatMessage(m.whatNever)}</p>
      </div>
      <div className="form-actions">
        <Button type="submit" isDisabled={propose.isPending || options.length === 0}>{intl.formatMessage(m.send)}</Button>
        <Button variant="secondary" onPress={onDone}>{intl.formatMessage(m.cancel)}</Button>
      </div>
    </Form>
  );
}
