import { useState } from 'react';
import { useIntl } from 'react-intl';
import { api, call } from '../api/client';
import { fieldErrors } from '../api/problem';
import { label, partnerTypeLabels } from '../i18n/labels';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Choice';
import { FormError } from '../ui/States';
import { checkInOrder, sameSet } from './meetings';
import { meetingsMessages as m } from './meetings.messages';
import { type Meeting, useMeetingRefresh } from './useMeetingActions';
import { type Partner, useSettings } from '../api/referenceData';

/**
 * Check-in per partner (OpenSlides' participant check-in, MARAC's present/apologies per agency): standing partners
 * first; saved with `PUT …/attendance`. `onDirty` tells the page when the ticks differ from what is saved, since the
 * session opens only on saved attendance.
 */
export function AttendanceCheckIn({ meeting, partners, onDirty }: { meeting: Meeting; partners: readonly Partner[]; onDirty: (dirty: boolean) => void }) {
  const intl = useIntl();
  const refresh = useMeetingRefresh();
  const [ticked, setTicked] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const current = ticked ?? meeting.presentPartnerIds;
  const dirty = ticked !== null && !sameSet(ticked, meeting.presentPartnerIds);
  // The LIVC's standing partners as the API resolves them (its own choice, else the default set by partner type).
  const ordered = checkInOrder(partners, useSettings()?.standingPartnerIds ?? [], intl.locale);

  const toggle = (id: string, on: boolean) => {
    const next = on ? [...current.filter((p) => p !== id), id] : current.filter((p) => p !== id);
    setTicked(next);
    onDirty(!sameSet(next, meeting.presentPartnerIds));
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(api.PUT('/api/meetings/{id}/attendance', { params: { path: { id: meeting.id } }, body: { presentPartnerIds: current } }));
      await refresh();
      setTicked(null);
      onDirty(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const errs = fieldErrors(error, []);

  return (
    <section aria-labelledby="checkin-h" className="card">
      <h2 id="checkin-h">{intl.formatMessage(m.checkIn)}</h2>
      <p className="muted small">{intl.formatMessage(m.checkInHint)}</p>
      <FormError error={error} formErrors={errs['']} />
      <fieldset>
        <legend>{intl.formatMessage(m.presentList)}</legend>
        <ul className="checkin">
          {ordered.map((p) => (
            <li key={p.id}>
              <Checkbox isSelected={current.includes(p.id)} onChange={(on) => toggle(p.id, on)}>
                {p.name} <span className="muted small">({label(intl, partnerTypeLabels, p.type)})</span>
              </Checkbox>
              {p.standing && <> <Badge tone="info" symbol={false}>{intl.formatMessage(m.standing)}</Badge></>}
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="form-actions">
        <Button onPress={() => void save()} isDisabled={busy || (ticked !== null && !dirty)}>{intl.formatMessage(m.saveAttendance)}</Button>
      </div>
      <p role="status" className={dirty ? 'hint' : 'muted small'}>
        {dirty ? intl.formatMessage(m.attendanceUnsaved)
          : meeting.presentPartnerIds.length > 0 ? intl.formatMessage(m.attendanceSaved, { count: meeting.presentPartnerIds.length }) : ''}
      </p>
    </section>
  );
}
