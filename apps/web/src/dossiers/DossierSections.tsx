import { FormEvent, ReactNode, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { fieldErrors } from '../api/problem';
import { useSession } from '../layout/access';
import { useFormat } from '../i18n/format';
import { genderLabels, label, optionsOf } from '../i18n/labels';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Choice';
import { DateField } from '../ui/DateField';
import { SelectField } from '../ui/SelectField';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { ProblemNotice } from '../ui/States';
import { Dossier, useRefreshDossier } from './dossierEdit';
import { dossierMessages as m } from './dossiers.messages';
import { usePartners, useSettings, useUsers } from '../api/referenceData';

/** A card that shows a part of the dossier and, for who may change it, opens its form in place. */
function EditCard({ title, editLabel, canEdit, children, form }: {
  title: string; editLabel: string; canEdit: boolean; children: ReactNode; form: (close: () => void) => ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const id = `card-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="card" aria-labelledby={id}>
      <div className="row spread">
        <h2 id={id}>{title}</h2>
        {canEdit && !editing && <Button variant="secondary" size="small" onPress={() => setEditing(true)}>{editLabel}</Button>}
      </div>
      {editing ? form(() => setEditing(false)) : children}
    </section>
  );
}

function FormButtons({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const intl = useIntl();
  return (
    <div className="form-actions">
      <Button type="submit" isDisabled={busy}>{intl.formatMessage(uiMessages.save)}</Button>
      <Button variant="secondary" onPress={onCancel}>{intl.formatMessage(uiMessages.cancel)}</Button>
    </div>
  );
}

/** PATCH /api/dossiers/:id with the dossier's current version (fresh after a reload). */
function usePatch(dossier: Dossier) {
  const refresh = useRefreshDossier();
  const patch = $api.useMutation('patch', '/api/dossiers/{id}');
  const send = async (body: Omit<Schemas['UpdateDossierDto'], 'version'>, done: () => void) => {
    try {
      await patch.mutateAsync({ params: { path: { id: dossier.id } }, body: { ...body, version: dossier.version } });
      await refresh();
      done();
    } catch {
      /* shown by the form */
    }
  };
  return { send, error: patch.error, busy: patch.isPending, refresh };
}
type Schemas = import('../session/session').Schemas;

const SUBJECT_FIELDS = ['subject.firstName', 'subject.lastName', 'subject.birthDate', 'subject.gender', 'subject.municipality'];

export function IdentitySection({ dossier }: { dossier: Dossier }) {
  const intl = useIntl();
  const fmt = useFormat();
  const { ability } = useSession();
  const s = dossier.subject;
  if (!s) return null; // identities only where the API sends them
  const editable = ability.can('update', 'Subject') && dossier.state !== 'GEANONIMISEERD';
  return (
    <EditCard title={intl.formatMessage(m.identity)} editLabel={intl.formatMessage(m.editIdentity)} canEdit={editable} form={(close) => <IdentityForm dossier={dossier} close={close} />}>
      <dl className="facts">
        <dt>{intl.formatMessage(m.firstName)}</dt><dd>{s.firstName ?? '—'}</dd>
        <dt>{intl.formatMessage(m.lastName)}</dt><dd>{s.lastName ?? '—'}</dd>
        <dt>{intl.formatMessage(m.birthDate)}</dt><dd>{fmt.date(s.birthDate)}</dd>
        <dt>{intl.formatMessage(m.gender)}</dt><dd>{label(intl, genderLabels, s.gender)}</dd>
        <dt>{intl.formatMessage(m.municipality)}</dt><dd>{s.municipality ?? '—'}</dd>
      </dl>
    </EditCard>
  );
}

function IdentityForm({ dossier, close }: { dossier: Dossier; close: () => void }) {
  const intl = useIntl();
  const s = dossier.subject!;
  const [f, setF] = useState({ firstName: s.firstName ?? '', lastName: s.lastName ?? '', birthDate: s.birthDate ?? '', gender: s.gender, municipality: s.municipality ?? '' });
  const set = <K extends keyof typeof f>(k: K) => (v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const { send, error, busy, refresh } = usePatch(dossier);
  const errors = fieldErrors(error, SUBJECT_FIELDS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send({
      subject: {
        firstName: f.firstName, lastName: f.lastName, birthDate: f.birthDate || null,
        gender: f.gender, municipality: f.municipality.trim() || null,
      },
    }, close);
  };
  return (
    <Form onSubmit={submit} validationBehavior="aria" className="stack">
      <ProblemNotice error={error} fields={SUBJECT_FIELDS} onReload={refresh} />
      <div className="grid-2">
        <TextField label={intl.formatMessage(m.firstName)} value={f.firstName} onChange={set('firstName')} isRequired maxLength={200} error={errors['subject.firstName']} />
        <TextField label={intl.formatMessage(m.lastName)} value={f.lastName} onChange={set('lastName')} isRequired maxLength={200} error={errors['subject.lastName']} />
        <DateField label={intl.formatMessage(m.birthDate)} value={f.birthDate} onChange={set('birthDate')} error={errors['subject.birthDate']} />
        <SelectField label={intl.formatMessage(m.gender)} value={f.gender} onChange={set('gender')} options={optionsOf(intl, genderLabels)} placeholder={intl.formatMessage(m.choose)} error={errors['subject.gender']} />
      </div>
      <TextField label={intl.formatMessage(m.municipality)} value={f.municipality} onChange={set('municipality')} maxLength={200} error={errors['subject.municipality']} />
      <FormButtons busy={busy} onCancel={close} />
    </Form>
  );
}

export function SummarySection({ dossier }: { dossier: Dossier }) {
  const intl = useIntl();
  const { ability } = useSession();
  const editable = ability.can('update', 'Dossier') && dossier.state !== 'GEANONIMISEERD';
  return (
    <EditCard title={intl.formatMessage(m.summary)} editLabel={intl.formatMessage(m.editSummary)} canEdit={editable} form={(close) => <SummaryForm dossier={dossier} close={close} />}>
      <p className="prewrap">{dossier.summary ?? '—'}</p>
    </EditCard>
  );
}

function SummaryForm({ dossier, close }: { dossier: Dossier; close: () => void }) {
  const intl = useIntl();
  const [summary, setSummary] = useState(dossier.summary ?? '');
  const { send, error, busy, refresh } = usePatch(dossier);
  const errors = fieldErrors(error, ['summary']);
  return (
    <Form onSubmit={(e) => { e.preventDefault(); void send({ summary }, close); }} validationBehavior="aria" className="stack">
      <ProblemNotice error={error} fields={['summary']} onReload={refresh} />
      <TextField label={intl.formatMessage(m.summary)} value={summary} onChange={setSummary} multiline rows={8} isRequired maxLength={20_000} error={errors.summary} />
      <FormButtons busy={busy} onCancel={close} />
    </Form>
  );
}

export function PartnersSection({ dossier }: { dossier: Dossier }) {
  const intl = useIntl();
  const { ability } = useSession();
  const partners = usePartners();
  const editable = ability.can('update', 'Dossier') && dossier.state !== 'GEANONIMISEERD';
  return (
    <EditCard title={intl.formatMessage(m.involvedPartners)} editLabel={intl.formatMessage(m.editPartners)} canEdit={editable} form={(close) => <PartnersForm dossier={dossier} close={close} />}>
      {dossier.involvedPartnerIds.length ? (
        <ul>{dossier.involvedPartnerIds.map((id) => <li key={id}>{partners.name(id)}</li>)}</ul>
      ) : <p className="muted">{intl.formatMessage(m.noPartners)}</p>}
    </EditCard>
  );
}

function PartnersForm({ dossier, close }: { dossier: Dossier; close: () => void }) {
  const intl = useIntl();
  const partners = usePartners();
  const refresh = useRefreshDossier();
  const [selected, setSelected] = useState<string[]>(dossier.involvedPartnerIds);
  const put = $api.useMutation('put', '/api/dossiers/{id}/partners');
  const errors = fieldErrors(put.error, ['partnerIds']);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await put.mutateAsync({ params: { path: { id: dossier.id } }, body: { version: dossier.version, partnerIds: selected } });
      await refresh();
      close();
    } catch { /* shown below */ }
  };
  // Inactive partners stay listed while involved, so saving never drops one silently.
  const shown = partners.list.filter((p) => p.active || selected.includes(p.id));
  return (
    <Form onSubmit={submit} className="stack">
      <ProblemNotice error={put.error} fields={['partnerIds']} onReload={refresh} />
      <fieldset>
        <legend className="label">{intl.formatMessage(m.involvedPartners)}</legend>
        {shown.map((p) => (
          <Checkbox key={p.id} isSelected={selected.includes(p.id)} onChange={(on) => setSelected((s) => (on ? [...s, p.id] : s.filter((x) => x !== p.id)))}>
            {p.name}
          </Checkbox>
        ))}
        {errors.partnerIds && <p className="error">{errors.partnerIds}</p>}
      </fieldset>
      <FormButtons busy={put.isPending} onCancel={close} />
    </Form>
  );
}

export function CasemanagerField({ dossier }: { dossier: Dossier }) {
  const intl = useIntl();
  const { ability } = useSession();
  const users = useUsers(ability.can('read', 'User'));
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<string | null>(dossier.casemanagerId);
  const { send, error, busy, refresh } = usePatch(dossier);
  const errors = fieldErrors(error, ['casemanagerId']);
  const name = users.name(dossier.casemanagerId) ?? (dossier.casemanagerId ? '—' : intl.formatMessage(m.noCasemanager));
  const editable = ability.can('update', 'Dossier') && ability.can('read', 'User') && dossier.state !== 'GEANONIMISEERD';
  if (!editing) {
    return (
      <>
        {name}{' '}
        {editable && <Button variant="quiet" size="small" onPress={() => { setValue(dossier.casemanagerId); setEditing(true); }}>{intl.formatMessage(m.assignCasemanager)}</Button>}
      </>
    );
  }
  return (
    <Form onSubmit={(e) => { e.preventDefault(); void send({ casemanagerId: value }, () => setEditing(false)); }} className="stack">
      <ProblemNotice error={error} fields={['casemanagerId']} onReload={refresh} />
      <SelectField label={intl.formatMessage(m.casemanager)} value={value} onChange={setValue} options={users.casemanagers.map((u) => ({ id: u.id, label: u.name }))}
        placeholder={intl.formatMessage(m.choose)} error={errors.casemanagerId} />
      <FormButtons busy={busy} onCancel={() => setEditing(false)} />
    </Form>
  );
}

/** A joint LIVC: the dossier's municipality (from the tenant's list), changed by whoever may change the dossier. */
export function MunicipalityField({ dossier }: { dossier: Dossier }) {
  const intl = useIntl();
  const { ability } = useSession();
  const municipalities = useSettings()?.municipalities ?? [];
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<string | null>(dossier.municipality);
  const { send, error, busy, refresh } = usePatch(dossier);
  const errors = fieldErrors(error, ['municipality']);
  const editable = ability.can('update', 'Dossier') && dossier.state !== 'GEANONIMISEERD' && municipalities.length > 0;
  if (!editing) {
    return (
      <>
        {dossier.municipality ?? '—'}{' '}
        {editable && <Button variant="quiet" size="small" onPress={() => { setValue(dossier.municipality); setEditing(true); }}>{intl.formatMessage(m.editMunicipality)}</Button>}
      </>
    );
  }
  return (
    <Form onSubmit={(e) => { e.preventDefault(); if (value) void send({ municipality: value }, () => setEditing(false)); }} className="stack">
      <ProblemNotice error={error} fields={['municipality']} onReload={refresh} />
      <SelectField label={intl.formatMessage(m.dossierMunicipality)} value={value} onChange={setValue} options={municipalities.map((x) => ({ id: x, label: x }))}
        placeholder={intl.formatMessage(m.choose)} isRequired error={errors.municipality} />
      <FormButtons busy={busy} onCancel={() => setEditing(false)} />
    </Form>
  );
}
