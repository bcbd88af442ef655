import { useState } from 'react';
import { useIntl } from 'react-intl';
import { $api, api, call, useRefetch } from '../api/client';
import { fieldErrors } from '../api/problem';
import type { components } from '../api/schema';
import { useFormat } from '../i18n/format';
import { label, roleLabels } from '../i18n/labels';
import { useSession } from '../layout/access';
import { Button } from '../ui/Button';
import { ModalDialog } from '../ui/Dialog';
import { ErrorState, FormError, Loading } from '../ui/States';
import { TextField } from '../ui/TextField';
import { uiMessages } from '../ui/ui.messages';
import { adminMessages as am } from './admin.messages';
import { grantRequestMessages as m } from './grant-requests.messages';
import { OneTimeLink, type AccountLink } from './OneTimeLink';

type GrantRequest = components['schemas']['GrantRequestView'];

/**
 * "Wacht op goedkeuring": grants of watched roles and resets of such accounts that wait for a second person. Shown to
 * the admins (users page) and the chair (start page), who may decide any request but their own.
 */
export function PendingGrantRequests() {
  const intl = useIntl();
  const fmt = useFormat();
  const { session, ability } = useSession();
  const q = $api.useQuery('get', '/api/grant-requests', { params: { query: { state: 'PENDING' } } });
  const [deciding, setDeciding] = useState<{ request: GrantRequest; action: 'approve' | 'reject' } | null>(null);
  if (!ability.can('read', 'GrantRequest')) return null;
  const items = q.data ?? [];
  return (
    <section className="card work-list" aria-labelledby="grant-requests-title">
      <h2 id="grant-requests-title">
        {intl.formatMessage(m.title)}
        {q.data && <> <span className="count">({intl.formatNumber(items.length)})</span></>}
      </h2>
      {q.isPending ? <Loading /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : items.length === 0 ? (
        <p className="muted">{intl.formatMessage(m.none)}</p>
      ) : (
        <ul className="stack">
          {items.map((r) => {
            const what = describe(intl, r);
            const own = r.requestedBy === session.user.id || r.targetUserId === session.user.id;
            return (
              <li key={r.id}>
                <p><strong>{what}</strong></p>
                <p className="small muted">{intl.formatMessage(m.requestedBy, { name: r.requestedByName, date: fmt.dateTime(r.requestedAt) })}</p>
                {own ? <p className="small">{intl.formatMessage(m.ownRequest)}</p> : ability.can('update', 'GrantRequest') && (
                  <div className="row">
                    <Button size="small" onPress={() => setDeciding({ request: r, action: 'approve' })} aria-label={`${intl.formatMessage(m.approve)}: ${what}`}>
                      {intl.formatMessage(m.approve)}
                    </Button>
                    <Button size="small" variant="secondary" onPress={() => setDeciding({ request: r, action: 'reject' })} aria-label={`${intl.formatMessage(m.reject)}: ${what}`}>
                      {intl.formatMessage(m.reject)}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {deciding && <DecideDialog request={deciding.request} action={deciding.action} onClose={() => setDeciding(null)} />}
    </section>
  );
}

function describe(intl: ReturnType<typeof useIntl>, r: GrantRequest): string {
  const name = r.newUser ? `${r.targetName} (${intl.formatMessage(m.newUser)})` : r.targetName;
  const kind = r.kind === 'ROLE_GRANT' ? m.kindROLE_GRANT : r.kind === 'PASSWORD_RESET' ? m.kindPASSWORD_RESET : m.kindTOTP_RESET;
  return intl.formatMessage(kind, { name, role: label(intl, roleLabels, r.role) });
}

/** Approve (the change is made now; an invitation or reset link comes back once) or reject with a reason. */
function DecideDialog({ request, action, onClose }: { request: GrantRequest; action: 'approve' | 'reject'; onClose: () => void }) {
  const intl = useIntl();
  const refreshRequests = useRefetch('/api/grant-requests');
  const refreshUsers = useRefetch('/api/users');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ link?: AccountLink } | null>(null);
  const what = describe(intl, request);
  const submit = async () => {
    if (action === 'reject' && !reason.trim()) return setLocal(intl.formatMessage(uiMessages.required));
    setLocal(undefined);
    setBusy(true);
    setError(null);
    try {
      if (action === 'approve') {
        const r = await call(api.POST('/api/grant-requests/{id}/approve', { params: { path: { id: request.id } }, body: { version: request.version } }));
        setDone({ link: r.link });
      } else {
        await call(api.POST('/api/grant-requests/{id}/reject', { params: { path: { id: request.id } }, body: { version: request.version, reason: reason.trim() } }));
        onClose();
      }
      await Promise.all([refreshRequests(), refreshUsers()]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalDialog role="alertdialog" title={intl.formatMessage(done ? m.approvedTitle : action === 'approve' ? m.approve : m.rejectTitle)} isOpen
      onOpenChange={(o) => !o && !done?.link && onClose()}>
      {done ? (
        <>
          {done.link ? <OneTimeLink link={done.link} name={request.targetName} /> : <p role="status">{intl.formatMessage(m.approvedText)}</p>}
          <div className="form-actions"><Button onPress={onClose}>{intl.formatMessage(am.done)}</Button></div>
        </>
      ) : (
        <>
          <p>{what}</p>
          <FormError error={error} />
          {action === 'reject' && (
            <TextField label={intl.formatMessage(m.reason)} name="reason" value={reason} onChange={setReason} isRequired maxLength={500} autoFocus
              error={local ?? fieldErrors(error, ['reason']).reason} />
          )}
          <div className="form-actions">
            <Button onPress={submit} isDisabled={busy}>{intl.formatMessage(action === 'approve' ? m.approve : m.reject)}</Button>
            <Button variant="secondary" onPress={onClose}>{intl.formatMessage(uiMessages.cancel)}</Button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
