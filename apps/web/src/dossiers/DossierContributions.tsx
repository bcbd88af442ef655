import { FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { fieldErrors } from '../api/problem';
import { useSession } from '../layout/access';
import { useFormat } from '../i18n/format';
import { label, visibilityHelp, visibilityLabels } from '../i18n/labels';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Choice } from '../ui/Choice';
import { ErrorState, Loading, ProblemNotice } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { Dossier, useRefreshDossier } from './dossierEdit';
import { dossierMessages as m } from './dossiers.messages';
import { usePartners, useUsers } from '../api/referenceData';

type Visibility = 'KERNTEAM' | 'RESTRICTED';

/** Who may read a contribution, in words: the badge carries the label, its title and the help text say what it means. */
function VisibilityBadge({ visibility }: { visibility: string }) {
  const intl = useIntl();
  const help = label(intl, visibilityHelp, visibility);
  return (
    <span className="visibility">
      <Badge tone={visibility === 'RESTRICTED' ? 'warn' : 'info'}>{label(intl, visibilityLabels, visibility)}</Badge>
      <span className="muted small"> {help}</span>
    </span>
  );
}

export function DossierContributions({ dossier }: { dossier: Dossier }) {
  const intl = useIntl();
  const fmt = useFormat();
  const { ability } = useSession();
  const partners = usePartners();
  const users = useUsers(ability.can('read', 'User'));
  const list = $api.useQuery('get', '/api/dossiers/{id}/contributions', { params: { path: { id: dossier.id }, query: { pageSize: 200 } } });
  const canAdd = ability.can('create', 'Contribution') && dossier.state !== 'GEANONIMISEERD';
  return (
    <section className="card" aria-labelledby="contributions-title">
      <h2 id="contributions-title">{intl.formatMessage(m.contributions)}</h2>
      {list.isLoading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (list.data.items.length ? (
        <ol className="stack contributions">
          {list.data.items.map((c) => (
            <li key={c.id} className="contribution">
              <p className="prewrap">{c.text ?? '—'}</p>
              <p className="small muted">
                {intl.formatMessage(m.contributionBy, { author: [users.name(c.authorId), c.authorPartnerId && partners.name(c.authorPartnerId)].filter(Boolean).join(', ') || '—', when: fmt.dateTime(c.createdAt) })}
              </p>
              <VisibilityBadge visibility={c.visibility} />
            </li>
          ))}
        </ol>
      ) : <p className="muted">{intl.formatMessage(m.noContributions)}</p>)}
      {canAdd && <AddContribution dossierId={dossier.id} />}
    </section>
  );
}

function AddContribution({ dossierId }: { dossierId: string }) {
  const intl = useIntl();
  const refresh = useRefreshDossier();
  const [text, setText] = useState('');
  // No default: who may read it is a choice made each time, on purpose.
  const [visibility, setVisibility] = useState<Visibility | null>(null);
  const [missing, setMissing] = useState(false);
  const add = $api.useMutation('post', '/api/dossiers/{id}/contributions');
  const errors = fieldErrors(add.error, ['text', 'visibility']);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!visibility) { setMissing(true); return; }
    try {
      await add.mutateAsync({ params: { path: { id: dossierId } }, body: { text, visibility } });
      setText('');
      setVisibility(null);
      await refresh();
    } catch { /* shown next to the fields */ }
  };
  const options = (['KERNTEAM', 'RESTRICTED'] as const).map((v) => ({ id: v, label: label(intl, visibilityLabels, v), description: label(intl, visibilityHelp, v) }));
  return (
    <Form onSubmit={submit} validationBehavior="aria" className="stack add-contribution">
      <h3>{intl.formatMessage(m.addContribution)}</h3>
      <ProblemNotice error={add.error} fields={['text', 'visibility']} onReload={refresh} />
      <TextField label={intl.formatMessage(m.contributionText)} value={text} onChange={setText} multiline rows={4} isRequired maxLength={20_000} error={errors.text} />
      <Choice label={intl.formatMessage(m.visibility)} description={intl.formatMessage(m.visibilityHint)} value={visibility} onChange={(v) => { setVisibility(v); setMissing(false); }} options={options} isRequired
        error={errors.visibility ?? (missing ? intl.formatMessage(uiMessages.required) : undefined)} />
      <div className="form-actions">
        <Button type="submit" isDisabled={add.isPending}>{intl.formatMessage(m.addContribution)}</Button>
      </div>
    </Form>
  );
}
