import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useFormat } from '../i18n/format';
import { Button } from '../ui/Button';
import { adminMessages as m } from './admin.messages';

export interface AccountLink { url?: string; expiresAt: string; delivery: 'EMAIL' | 'SHOWN' }

/**
 * A one-time link (invitation or password reset) as the admin gets it, once: with a copy button and what to do with
 * it; or, when it was e-mailed, only that it was. The link lives in this component's state and nowhere else.
 */
export function OneTimeLink({ link, name }: { link: AccountLink; name: string }) {
  const intl = useIntl();
  const fmt = useFormat();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const expires = fmt.dateTime(link.expiresAt);
  if (!link.url) return <p className="notice ok" role="status">{intl.formatMessage(m.linkEmailed, { name, expires })}</p>;
  const url = link.url;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="stack one-time-link">
      <p>{intl.formatMessage(m.linkExplain, { name, expires })}</p>
      <div className="field">
        <label htmlFor="one-time-link">{intl.formatMessage(m.linkLabel)}</label>
        <input id="one-time-link" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div className="row">
        <Button variant="secondary" onPress={copy}>{intl.formatMessage(m.copy)}</Button>
        <span role="status">{copied && intl.formatMessage(copied === 'ok' ? m.copied : m.copyFailed)}</span>
      </div>
    </div>
  );
}
