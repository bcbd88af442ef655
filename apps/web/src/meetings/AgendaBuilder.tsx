import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { useFormat } from '../i18n/format';
import { dossierStateLabels, label, phenomenonLabels } from '../i18n/labels';
import { Button } from '../ui/Button';
import { ErrorState, FormError, Loading } from '../ui/States';
import { meetingsMessages as m } from './meetings.messages';
import { type Meeting, useMeetingRefresh } from './useMeetingActions';

/**
 * The backlog beside the agenda (OpenProject's agenda backlog): retained dossiers and dossiers in follow-up that are
 * on no agenda yet, each one button away from this meeting's agenda.
 */
export function AgendaBuilder({ meeting }: { meeting: Meeting }) {
  const intl = useIntl();
  const f = useFormat();
  const refresh = useMeetingRefresh();
  const retained = $api.useQuery('get', '/api/dossiers', { params: { query: { state: 'WEERHOUDEN', pageSize: 200 } } });
  const following = $api.useQuery('get', '/api/dossiers', { params: { query: { state: 'IN_OPVOLGING', pageSize: 200 } } });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const add = async (dossierId: string) => {
    setBusy(dossierId);
    setError(null);
    try {
      await call(api.POST('/api/meetings/{id}/agenda', { params: { path: { id: meeting.id } }, body: { dossierId } }));
      await refresh([dossierId]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const onAgenda = new Set(meeting.agenda.map((i) => i.dossierId));
  const backlog = [...(retained.data?.items ?? []), ...(following.data?.items ?? [])]
    .filter((d) => !onAgenda.has(d.id))
    .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
  const failed = retained.error ?? following.error;

  return (
    <section aria-labelledby="backlog-h" className="card">
      <h2 id="backlog-h">{intl.formatMessage(m.backlog)}</h2>
      <p className="muted small">{intl.formatMessage(m.backlogHint)}</p>
      <FormError error={error} />
      {retained.isPending || following.isPending ? <Loading /> : failed ? <ErrorState error={failed} /> : backlog.length === 0 ? (
        <p className="empty">{intl.formatMessage(m.backlogEmpty)}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{intl.formatMessage(m.colReference)}</th>
              <th scope="col">{intl.formatMessage(m.colPhenomenon)}</th>
              <th scope="col">{intl.formatMessage(m.colDossierState)}</th>
              <th scope="col">{intl.formatMessage(m.colReceived)}</th>
              <th scope="col"><span className="visually-hidden">{intl.formatMessage(m.colAction)}</span></th>
            </tr>
          </thead>
          <tbody>
            {backlog.map((d) => (
              <tr key={d.id}>
                <th scope="row"><Link to="/dossiers/$id" params={{ id: d.id }}>{d.reference}</Link></th>
                <td>{label(intl, phenomenonLabels, d.phenomenon)}</td>
                <td>{label(intl, dossierStateLabels, d.state)}</td>
                <td>{f.date(d.receivedOn)}</td>
                <td>
                  <Button size="small" variant="secondary" isDisabled={busy !== null} onPress={() => void add(d.id)}
                    aria-label={intl.formatMessage(m.addNamed, { reference: d.reference })}>
                    {intl.formatMessage(m.add)}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
