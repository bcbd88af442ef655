import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { Dialog, DialogTrigger, Heading, Popover } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import { useFormat } from '../i18n/format';
import { Button } from '../ui/Button';
import { ErrorState, Loading } from '../ui/States';
import { notificationsMessages as m } from './notifications.messages';
import { type NotificationTarget, notificationTarget } from './notificationTarget';

const REFRESH_MS = 60_000;
const RECENT = 10;

/**
 * The header's notifications: the unread count on the button (in its accessible name too), the recent ones in a
 * popover, each leading to its record. Kept only in memory; refreshed every minute and when the window gets focus.
 */
export function NotificationsMenu() {
  const intl = useIntl();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const unread = $api.useQuery('get', '/api/notifications', { params: { query: { unread: 'true', pageSize: 1 } } },
    { refetchInterval: REFRESH_MS, refetchOnWindowFocus: true, staleTime: 0 });
  const recent = $api.useQuery('get', '/api/notifications', { params: { query: { pageSize: RECENT } } },
    { enabled: open, refetchOnWindowFocus: true, staleTime: 0 });
  const count = unread.data?.total ?? 0;
  const fr = intl.locale.startsWith('fr');

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/notifications'] });
  const markRead = async (id: string) => {
    await call(api.POST('/api/notifications/{id}/read', { params: { path: { id } } }));
    await refresh();
  };
  const markAll = async () => {
    await call(api.POST('/api/notifications/read-all'));
    await refresh();
  };

  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button variant="secondary" size="small" className="notifications-button" aria-label={intl.formatMessage(m.button, { count })}>
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" /><path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        <span aria-hidden="true">{intl.formatMessage(m.title)}</span>
        {count > 0 && <span className="count-badge" aria-hidden="true">{intl.formatNumber(count)}</span>}
      </Button>
      <Popover className="popover notifications-popover" placement="bottom end">
        <Dialog className="notifications-dialog" aria-labelledby="notifications-title">
          <div className="row">
            <Heading slot="title" id="notifications-title" level={2}>{intl.formatMessage(m.title)}</Heading>
            {count > 0 && <Button variant="quiet" size="small" onPress={() => void markAll()}>{intl.formatMessage(m.markAllRead)}</Button>}
          </div>
          {recent.isPending ? <Loading /> : recent.isError ? <ErrorState error={recent.error} /> : recent.data.items.length === 0 ? (
            <p className="muted">{intl.formatMessage(m.none)}</p>
          ) : (
            <ul className="notification-list">
              {recent.data.items.map((n) => {
                const target = notificationTarget(n.entityType, n.entityId);
                const text = fr ? n.message.fr : n.message.nl;
                const date = f.dateTime(n.createdAt);
                return (
                  <li key={n.id} className={n.read ? 'read' : 'unread'}>
                    {!n.read && <span className="visually-hidden">{intl.formatMessage(m.unread)}: </span>}
                    {target ? (
                      <RecordLink target={target} onFollow={() => { setOpen(false); if (!n.read) void markRead(n.id); }}>{text}</RecordLink>
                    ) : <span>{text}</span>}
                    <div className="row small">
                      <span className="muted">{date}</span>
                      {!n.read && (
                        <Button variant="quiet" size="small" aria-label={intl.formatMessage(m.markReadOf, { date })} onPress={() => void markRead(n.id)}>
                          {intl.formatMessage(m.markRead)}
                        </Button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}

function RecordLink({ target, onFollow, children }: { target: NotificationTarget; onFollow: () => void; children: ReactNode }) {
  return target.to === '/audit'
    ? <Link to="/audit" onClick={onFollow}>{children}</Link>
    : <Link to={target.to} params={target.params} onClick={onFollow}>{children}</Link>;
}
