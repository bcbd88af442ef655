import { useIntl } from 'react-intl';
import { fieldErrors } from '../api/problem';
import { agendaOutcomeLabels, optionsOf } from '../i18n/labels';
import { Button } from '../ui/Button';
import { Choice } from '../ui/Choice';
import { DateField } from '../ui/DateField';
import { SelectField } from '../ui/SelectField';
import { FormError } from '../ui/States';
import { TextField } from '../ui/TextField';
import type { ItemForm, Outcome, Stance } from './meeting-mode';
import { meetingsMessages as m } from './meetings.messages';

interface Props {
  form: ItemForm;
  onChange: (f: ItemForm) => void;
  onSave: () => void;
  onDiscard: () => void;
  dirty: boolean;
  busy: boolean;
  /** Problems found before sending, keyed by form field. */
  local: Record<string, string>;
  /** The API's refusal, with `endorsements.N` already mapped to the form's rows. */
  error: unknown;
  meetingDate: string;
  partnerName: (id: string) => string;
  presentPartnerIds: readonly string[];
  /** Whether a DISCUSSED item may still become POSTPONED (the API refuses it once discussed and saved). */
  savedOutcome: Outcome | null;
}

/** The chair's form for one item: outcome, summary, agreements and each present partner's stance. */
export function ItemOutcomeForm({ form, onChange, onSave, onDiscard, dirty, busy, local, error, meetingDate, partnerName, presentPartnerIds, savedOutcome }: Props) {
  const intl = useIntl();
  const api = fieldErrors(error);
  const err = (k: string) => local[k] ?? api[k];
  const shown = new Set(['outcome', 'summary', ...form.agreements.flatMap((_, i) => [`agreements.${i}.description`, `agreements.${i}.responsiblePartnerId`, `agreements.${i}.dueOn`]),
    ...form.endorsements.flatMap((_, i) => [`endorsements.${i}.note`, `endorsements.${i}.partnerId`])]);
  const other = Object.entries(api).filter(([k]) => !shown.has(k)).map(([, v]) => v).join(' ');
  const set = (patch: Partial<ItemForm>) => onChange({ ...form, ...patch });
  const setAgreement = (i: number, patch: Partial<ItemForm['agreements'][number]>) =>
    set({ agreements: form.agreements.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const setStance = (i: number, patch: Partial<ItemForm['endorsements'][number]>) =>
    set({ endorsements: form.endorsements.map((e, j) => (j === i ? { ...e, ...patch } : e)) });
  const outcomes = optionsOf<Outcome>(intl, agendaOutcomeLabels, savedOutcome === 'DISCUSSED' ? ['DISCUSSED'] : ['DISCUSSED', 'POSTPONED']);
  const stances: { id: Stance; label: string }[] = [
    { id: 'yes', label: intl.formatMessage(m.stanceYes) },
    { id: 'reservation', label: intl.formatMessage(m.stanceReservation) },
    { id: 'pending', label: intl.formatMessage(m.stancePending) },
  ];
  const presentOptions = presentPartnerIds.map((id) => ({ id, label: partnerName(id) }));

  return (
    <form onSubmit={(e) => { e.preventDefault(); onSave(); }} noValidate className="item-form">
      <FormError error={error && !Object.keys(api).length ? error : null} formErrors={other || undefined} />
      <Choice<Outcome> label={intl.formatMessage(m.outcome)} value={form.outcome} options={outcomes} onChange={(v) => set({ outcome: v })} isRequired error={err('outcome')} />
      <TextField label={intl.formatMessage(m.summary)} value={form.summary} onChange={(v) => set({ summary: v })} multiline rows={3} maxLength={20_000} error={err('summary')} />
      {form.outcome === 'DISCUSSED' && (
        <>
          <fieldset>
            <legend>{intl.formatMessage(m.agreements)}</legend>
            {form.agreements.length === 0 && <p className="empty">{intl.formatMessage(m.noAgreements)}</p>}
            {form.agreements.map((a, i) => (
              <fieldset key={i} className="agreement-draft">
                <legend>{intl.formatMessage(m.agreementN, { n: i + 1 })}</legend>
                <TextField label={intl.formatMessage(m.description)} value={a.description} onChange={(v) => setAgreement(i, { description: v })} isRequired maxLength={2_000} error={err(`agreements.${i}.description`)} />
                <div className="row">
                  <SelectField label={intl.formatMessage(m.responsiblePartner)} options={presentOptions} value={a.responsiblePartnerId || null}
                    onChange={(v) => setAgreement(i, { responsiblePartnerId: v ?? '' })} isRequired error={err(`agreements.${i}.responsiblePartnerId`)} />
                  <DateField label={intl.formatMessage(m.dueOn)} value={a.dueOn} onChange={(v) => setAgreement(i, { dueOn: v })} min={meetingDate} isRequired error={err(`agreements.${i}.dueOn`)} />
                </div>
                <Button variant="secondary" size="small" onPress={() => set({ agreements: form.agreements.filter((_, j) => j !== i) })}>
                  {intl.formatMessage(m.removeAgreement, { n: i + 1 })}
                </Button>
              </fieldset>
            ))}
            <Button variant="secondary" onPress={() => set({ agreements: [...form.agreements, { description: '', responsiblePartnerId: '', dueOn: '' }] })}>
              {intl.formatMessage(m.addAgreement)}
            </Button>
          </fieldset>
          <fieldset>
            <legend>{intl.formatMessage(m.endorsements)}</legend>
            {form.endorsements.map((e, i) => (
              <div key={e.partnerId} className="endorsement-row">
                <Choice<Stance> label={partnerName(e.partnerId)} value={e.stance} options={stances} onChange={(v) => setStance(i, { stance: v })} error={err(`endorsements.${i}.partnerId`)} />
                {e.stance === 'reservation' && (
                  <TextField label={intl.formatMessage(m.note, { name: partnerName(e.partnerId) })} value={e.note} onChange={(v) => setStance(i, { note: v })} isRequired multiline rows={2} maxLength={2_000} error={err(`endorsements.${i}.note`)} />
                )}
              </div>
            ))}
          </fieldset>
        </>
      )}
      <div className="form-actions">
        <Button type="submit" isDisabled={busy || !dirty}>{intl.formatMessage(m.saveItem)}</Button>
        {dirty && <Button variant="secondary" onPress={onDiscard}>{intl.formatMessage(m.discard)}</Button>}
        {!dirty && <span className="muted small"><span aria-hidden="true">✓ </span>{intl.formatMessage(m.savedView)}</span>}
      </div>
    </form>
  );
}
