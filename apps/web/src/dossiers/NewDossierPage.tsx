import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { FormEvent, useDeferredValue, useState } from 'react';
import { Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api } from '../api/client';
import { fieldErrors } from '../api/problem';
import { Allowed, useSession } from '../layout/access';
import { todayInBrussels, useFormat } from '../i18n/format';
import { genderLabels, optionsOf, phenomenonLabels } from '../i18n/labels';
import { Button } from '../ui/Button';
import { DateField } from '../ui/DateField';
import { Page } from '../ui/Page';
import { SelectField } from '../ui/SelectField';
import { FormError } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { DossierStateBadge, subjectName } from './DossierStateBadge';
import { dossierMessages as m } from './dossiers.messages';
import { type Phenomenon, PHENOMENA } from './dossierSearch';
import { duplicateQuery, rankDuplicates } from './duplicates';
import { usePartners, useSettings } from '../api/referenceData';
import type { Schemas } from '../session/session';

type Gender = NonNullable<Schemas['SubjectDto']['gender']>;

const FIELDS = ['phenomenon', 'referringPartnerId', 'receivedOn', 'summary', 'municipality', 'subject.firstName', 'subject.lastName', 'subject.birthDate', 'subject.gender', 'subject.municipality'] as const;

export function NewDossierPage() {
  return (
    <Allowed action="create" subject="Dossier">
      <NewDossier />
    </Allowed>
  );
}

function NewDossier() {
  const intl = useIntl();
  const { session } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partners = usePartners();
  // A joint LIVC names the dossier's municipality (required when the tenant has more than one).
  const municipalities = useSettings()?.municipalities ?? [];
  const joint = municipalities.length > 1;
  // A member registers a signal for their own partner only (API.md); a casemanager names any referring partner.
  const ownPartner = session.user.role === 'member' ? session.user.partnerId : null;
  const today = todayInBrussels();
  const [form, setForm] = useState({
    phenomenon: null as Phenomenon | null, referringPartnerId: ownPartner, receivedOn: today, summary: '',
    firstName: '', lastName: '', birthDate: '', gender: null as Gender | null, municipality: '', dossierMunicipality: null as string | null,
  });
  const set = <K extends keyof typeof form>(k: K) => (v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const create = $api.useMutation('post', '/api/dossiers');
  // The rule the API applies too, checked first so the form says it before sending: nothing is received tomorrow.
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(create.error, FIELDS), ...localErrors };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (form.receivedOn > today) local.receivedOn = intl.formatMessage(m.receivedOnFuture);
    if (form.birthDate && form.birthDate > today) local['subject.birthDate'] = intl.formatMessage(m.birthDateFuture);
    // Required fields are named before sending, all at once (the API checks them again).
    const required = { phenomenon: form.phenomenon, referringPartnerId: form.referringPartnerId, receivedOn: form.receivedOn, summary: form.summary.trim(),
      'subject.firstName': form.firstName.trim(), 'subject.lastName': form.lastName.trim(), ...(joint ? { municipality: form.dossierMunicipality } : {}) };
    for (const [field, v] of Object.entries(required)) if (!v) local[field] = intl.formatMessage(uiMessages.required);
    setLocalErrors(local);
    if (Object.keys(local).length || !form.phenomenon) return;
    const body = {
      phenomenon: form.phenomenon,
      referringPartnerId: form.referringPartnerId ?? '',
      receivedOn: form.receivedOn,
      summary: form.summary,
      ...(form.dossierMunicipality ? { municipality: form.dossierMunicipality } : {}),
      subject: {
        firstName: form.firstName, lastName: form.lastName,
        ...(form.birthDate ? { birthDate: form.birthDate } : {}),
        ...(form.gender ? { gender: form.gender } : {}),
        ...(form.municipality.trim() ? { municipality: form.municipality } : {}),
      },
    };
    try {
      const d = await create.mutateAsync({ body });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/dossiers'] });
      await navigate({ to: '/dossiers/$id', params: { id: d.id } });
    } catch {
      /* shown next to the fields */
    }
  };

  return (
    <Page title={intl.formatMessage(m.registerTitle)} lead={intl.formatMessage(m.registerLead)}>
      <div className="grid-2">
        <Form onSubmit={submit} validationBehavior="aria" className="stack">
          {Object.keys(localErrors).length ? (
            <div className="form-error" role="alert">{intl.formatMessage(uiMessages.formHasErrors)}</div>
          ) : <FormError error={create.error} formErrors={errors['']} />}
          <fieldset className="card">
            <legend>{intl.formatMessage(m.subjectSection)}</legend>
            <div className="grid-2">
              <TextField label={intl.formatMessage(m.firstName)} name="subject.firstName" value={form.firstName} onChange={set('firstName')} isRequired maxLength={200} error={errors['subject.firstName']} autoComplete="off" />
              <TextField label={intl.formatMessage(m.lastName)} name="subject.lastName" value={form.lastName} onChange={set('lastName')} isRequired maxLength={200} error={errors['subject.lastName']} autoComplete="off" />
              <DateField label={intl.formatMessage(m.birthDate)} name="subject.birthDate" value={form.birthDate} onChange={set('birthDate')} max={today} error={errors['subject.birthDate']} />
              <SelectField label={intl.formatMessage(m.gender)} name="subject.gender" value={form.gender} onChange={set('gender')} options={optionsOf(intl, genderLabels)} placeholder={intl.formatMessage(m.choose)} error={errors['subject.gender']} />
            </div>
            <TextField label={intl.formatMessage(m.municipality)} name="subject.municipality" value={form.municipality} onChange={set('municipality')} maxLength={200} error={errors['subject.municipality']} />
          </fieldset>
          <fieldset className="card">
            <legend>{intl.formatMessage(m.signalSection)}</legend>
            <SelectField label={intl.formatMessage(m.phenomenon)} name="phenomenon" value={form.phenomenon} onChange={set('phenomenon')} options={optionsOf(intl, phenomenonLabels, PHENOMENA)} placeholder={intl.formatMessage(m.choose)} isRequired error={errors.phenomenon} />
            {ownPartner ? (
              <div className="field">
                <span className="label">{intl.formatMessage(m.referringPartner)}</span>
                <p>{partners.name(ownPartner)} <span className="muted small">— {intl.formatMessage(m.referringPartnerOwn)}</span></p>
                {errors.referringPartnerId && <p className="error">{errors.referringPartnerId}</p>}
              </div>
            ) : (
              <SelectField label={intl.formatMessage(m.referringPartner)} name="referringPartnerId" value={form.referringPartnerId} onChange={set('referringPartnerId')}
                options={partners.active.map((p) => ({ id: p.id, label: p.name }))} placeholder={intl.formatMessage(m.choose)} isRequired error={errors.referringPartnerId} />
            )}
            {municipalities.length > 0 && (
              <SelectField label={intl.formatMessage(m.dossierMunicipality)} name="municipality" value={form.dossierMunicipality} onChange={set('dossierMunicipality')}
                options={municipalities.map((x) => ({ id: x, label: x }))} placeholder={intl.formatMessage(m.choose)} isRequired={joint}
                description={intl.formatMessage(m.dossierMunicipalityHint)} error={errors.municipality} />
            )}
            <DateField label={intl.formatMessage(m.receivedOn)} name="receivedOn" value={form.receivedOn} onChange={set('receivedOn')} isRequired max={today} description={intl.formatMessage(m.receivedOnHint)} error={errors.receivedOn} />
            <TextField label={intl.formatMessage(m.summary)} name="summary" value={form.summary} onChange={set('summary')} multiline rows={6} isRequired maxLength={20_000} error={errors.summary} />
          </fieldset>
          <div className="form-actions">
            <Button type="submit" isDisabled={create.isPending}>{intl.formatMessage(m.register)}</Button>
          </div>
        </Form>
        <Duplicates firstName={form.firstName} lastName={form.lastName} birthDate={form.birthDate} />
      </div>
    </Page>
  );
}

/** Existing dossiers matching the name typed so far, so the same person's signal is not registered twice. */
function Duplicates({ firstName, lastName, birthDate }: { firstName: string; lastName: string; birthDate: string }) {
  const intl = useIntl();
  const fmt = useFormat();
  const q = useDeferredValue(duplicateQuery(firstName, lastName));
  const found = $api.useQuery('get', '/api/dossiers', { params: { query: { q: q ?? '', pageSize: 20, sort: '-updatedAt' } } }, { enabled: q !== null });
  const ranked = rankDuplicates(found.data?.items ?? [], birthDate);
  return (
    <aside className="card" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{intl.formatMessage(m.duplicatesTitle)}</h2>
      <div aria-live="polite">
        {q === null ? (
          <p className="muted">{intl.formatMessage(m.duplicatesHint)}</p>
        ) : found.data && ranked.length === 0 ? (
          <p>{intl.formatMessage(m.duplicatesNone)}</p>
        ) : found.data ? (
          <>
            <p className="notice warn">{intl.formatMessage(m.duplicatesFound, { count: found.data.total })}</p>
            <ul className="stack">
              {ranked.map(({ item: d, sameBirthDate }) => (
                <li key={d.id}>
                  <Link to="/dossiers/$id" params={{ id: d.id }} target="_blank">{d.reference}</Link>{' '}
                  {subjectName(d.subject)}
                  {d.subject?.birthDate && <> · {fmt.date(d.subject.birthDate)}</>}
                  {sameBirthDate && <> <strong>({intl.formatMessage(m.sameBirthDate)})</strong></>}{' '}
                  <DossierStateBadge state={d.state} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </aside>
  );
}
