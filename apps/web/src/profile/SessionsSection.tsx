import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { useFormat } from '../i18n/format';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { FormError, Loading } from '../ui/States';
import { securityMessages as m } from './security.messages';

/** "Aanmeldsessies": where I am signed in now; sign out one of them, or everywhere but here. */
export function SessionsSection() {
  const intl = useIntl();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const sessions = $api.useQuery('get', '/api/me/sessions');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await work());
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/me/sessions'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const endOne = (id: string) => act(async () => {
    await call(api.DELETE('/api/me/sessions/{id}', { params: { path: { id } } }));
    return intl.formatMessage(m.oneEnded);
  });
  const endOthers = () => act(async () => {
    const r = await call(api.POST('/api/me/sessions/revoke-others'));
    return intl.formatMessage(m.othersEnded, { n: r.endedSessions });
  });
  const rows = sessions.data ?? [];
  return (
    <section className="card" aria-labelledby="profile-sessions">
      <h2 id="profile-sessions">{intl.formatMessage(m.sessionsTitle)}</h2>
      <p className="muted small">{intl.formatMessage(m.sessionsIntro)}</p>
      {sessions.isLoading ? <Loading /> : (
        <div>
          <table className="data">
            <caption className="visually-hidden">{intl.formatMessage(m.sessionsCaption)}</caption>
            <thead>
              <tr>
                <th scope="col">{intl.formatMessage(m.browser)}</th>
                <th scope="col">{intl.formatMessage(m.address)}</th>
                <th scope="col">{intl.formatMessage(m.started)}</th>
                <th scope="col">{intl.formatMessage(m.lastSeen)}</th>
                <th scope="col">{intl.formatMessage(m.actions)}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>{s.userAgent ?? intl.formatMessage(m.unknownBrowser)} {s.current && <Badge>{intl.formatMessage(m.thisSession)}</Badge>}</td>
                  <td>{s.ip ?? '—'}</td>
                  <td>{fmt.dateTime(s.createdAt)}</td>
                  <td>{fmt.dateTime(s.lastSeenAt)}</td>
                  <td>
                    {!s.current && (
                      <Button variant="secondary" size="small" isDisabled={busy} onPress={() => endOne(s.id)}
                        aria-label={`${intl.formatMessage(m.signOutOne)}: ${s.userAgent ?? intl.formatMessage(m.unknownBrowser)}, ${fmt.dateTime(s.createdAt)}`}>
                        {intl.formatMessage(m.signOutOne)}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormError error={error} />
      <div className="form-actions">
        <Button variant="secondary" isDisabled={busy || rows.filter((s) => !s.current).length === 0} onPress={endOthers}>{intl.formatMessage(m.signOutOthers)}</Button>
      </div>
      {done && <p className="notice ok" role="status">{done}</p>}
    </section>
  );
}
