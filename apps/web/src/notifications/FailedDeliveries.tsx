import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call } from '../api/client';
import type { components } from '../api/schema';
import { useFormat } from '../i18n/format';
import { WorkList } from '../home/WorkList';
import { useSession } from '../layout/access';
import { Button } from '../ui/Button';
import { ErrorState } from '../ui/States';
import { deliveryMessages as m } from './deliveries.messages';

type Delivery = components['schemas']['DeliveryView'];

/**
 * E-mails whose retries ran out (the mail server refused them): who and what kind of message only, with a button to
 * try one again now. They are also retried automatically; the in-app notification reached the recipient regardless.
 */
export function FailedDeliveries() {
  const intl = useIntl();
  const { ability } = useSession();
  const failed = $api.useQuery('get', '/api/deliveries', { params: { query: { state: 'FAILED', pageSize: 20 } } }, { enabled: ability.can('read', 'Delivery') });
  if (!ability.can('read', 'Delivery')) return null;
  const items = failed.data?.items ?? [];
  const pending = failed.data?.counts.PENDING ?? 0;
  return (
    <WorkList id="home-deliveries" title={intl.formatMessage(m.failedTitle)} count={failed.data?.counts.FAILED} loading={failed.isLoading} error={failed.error}
      empty={intl.formatMessage(m.failedEmpty)}
      more={<>
        {items.length > 0 && <p className="small muted">{intl.formatMessage(m.failedLead)}</p>}
        {pending > 0 && <p className="small">{intl.formatMessage(m.pending, { count: pending })}</p>}
      </>}>
      {items.map((d) => <FailedDelivery key={d.id} delivery={d} />)}
    </WorkList>
  );
}

function FailedDelivery({ delivery: d }: { delivery: Delivery }) {
  const intl = useIntl();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const { ability } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const kindKey = `kind.${d.kind}` as keyof typeof m;
  const kind = intl.formatMessage(m[kindKey] ?? m['kind.meeting.invitation']);
  const retry = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/deliveries/{id}/retry', { params: { path: { id: d.id } } }));
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/deliveries'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li>
      {intl.formatMessage(m.failedItem, { kind, name: d.recipient.name })}{' '}
      <span className="muted small">
        ({d.nextRetryAt
          ? intl.formatMessage(m.failedMeta, { attempts: d.attempts, next: fmt.dateTime(d.nextRetryAt) })
          : intl.formatMessage(m.failedMetaNoNext, { attempts: d.attempts })})
      </span>{' '}
      {ability.can('update', 'Delivery') && (
        <Button variant="secondary" size="small" isDisabled={busy} onPress={() => void retry()} aria-label={intl.formatMessage(m.retryLabel, { kind, name: d.recipient.name })}>
          {intl.formatMessage(m.retry)}
        </Button>
      )}
      {!!error && <ErrorState error={error} />}
    </li>
  );
}
