import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { api, call } from '../api/client';
import { fieldErrors } from '../api/problem';
import { todayInBrussels } from '../i18n/format';
import { Button } from '../ui/Button';
import { DateField } from '../ui/DateField';
import { ModalDialog } from '../ui/Dialog';
import { FormError } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { brusselsInstant } from './meetings';
import { meetingsMessages as m } from './meetings.messages';

/** Plans a meeting at a Brussels date and time (and a place), then opens it to build the agenda. */
export function CreateMeetingDialog() {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('14:00');
  const [location, setLocation] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const problems: Record<string, string> = {};
    if (!date) problems.date = intl.formatMessage(uiMessages.required);
    const scheduledAt = date ? brusselsInstant(date, time) : null;
    if (date && !scheduledAt) problems.time = intl.formatMessage(m.timeInvalid);
    setLocal(problems);
    if (Object.keys(problems).length || !scheduledAt) return;
    setBusy(true);
    setError(null);
    try {
      const created = await call(api.POST('/api/meetings', { body: { scheduledAt, location: location.trim() || undefined } }));
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/meetings'] });
      setOpen(false);
      await navigate({ to: '/meetings/$id', params: { id: created.id } });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const api400 = fieldErrors(error, ['scheduledAt', 'location']);
  return (
    <>
      <Button onPress={() => setOpen(true)}>{intl.formatMessage(m.create)}</Button>
      <ModalDialog title={intl.formatMessage(m.createTitle)} isOpen={open} onOpenChange={setOpen}>
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
          <FormError error={error && !api400.scheduledAt && !api400.location ? error : null} formErrors={api400['']} />
          <DateField label={intl.formatMessage(m.date)} value={date} onChange={setDate} isRequired min={todayInBrussels()} error={local.date ?? api400.scheduledAt} />
          <TextField label={intl.formatMessage(m.time)} value={time} onChange={setTime} isRequired description={intl.formatMessage(m.timeHint)} error={local.time} />
          <TextField label={intl.formatMessage(m.location)} value={location} onChange={setLocation} maxLength={300} error={api400.location} />
          <div className="form-actions">
            <Button type="submit" isDisabled={busy}>{intl.formatMessage(m.create)}</Button>
            <Button variant="secondary" onPress={() => setOpen(false)}>{intl.formatMessage(uiMessages.cancel)}</Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
