import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { onSessionActivity } from '../api/client';
import { sessionQuery } from '../session/session';
import { Button } from '../ui/Button';
import { ModalDialog } from '../ui/Dialog';
import { layoutMessages as m } from './layout.messages';
import { warningDelay } from './idle';

/**
 * The server ends a session after SESSION_IDLE_MINUTES without requests. A minute before, this asks whether to stay
 * signed in; staying is one request that counts as activity. At the end the user is signed out here too, so the
 * screen does not keep showing dossier data.
 */
export function IdleWarning({ initialExpiresAt, onExpired }: { idleSeconds: number; initialExpiresAt: string; onExpired: () => void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [expiresAt, setExpiresAt] = useState(initialExpiresAt);
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => onSessionActivity((e) => { setExpiresAt(e); setOpen(false); }), []);

  useEffect(() => {
    const { warnIn, expireIn } = warningDelay(expiresAt, Date.now());
    const w = window.setTimeout(() => setOpen(true), warnIn);
    const x = window.setTimeout(onExpired, expireIn);
    return () => { window.clearTimeout(w); window.clearTimeout(x); };
  }, [expiresAt, onExpired]);

  useEffect(() => {
    if (!open) return;
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, [open]);

  const stay = async () => {
    await queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 });
    setOpen(false);
  };
  const seconds = Math.max(0, Math.round((Date.parse(expiresAt) - now) / 1000));
  return (
    <ModalDialog title={intl.formatMessage(m.idleTitle)} isOpen={open} onOpenChange={setOpen} role="alertdialog">
      <p aria-live="polite">{intl.formatMessage(m.idleText, { seconds })}</p>
      <div className="form-actions">
        <Button onPress={stay} autoFocus>{intl.formatMessage(m.idleStay)}</Button>
        <Button variant="secondary" onPress={onExpired}>{intl.formatMessage(m.signOut)}</Button>
      </div>
    </ModalDialog>
  );
}
