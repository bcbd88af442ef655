import type { IntlShape } from 'react-intl';
import { useIntl } from 'react-intl';
import { Badge } from '../ui/Badge';
import { auditActionLabels, auditMessages as m } from './audit.messages';

export function AuditOutcome({ outcome }: { outcome: 'ALLOWED' | 'DENIED' }) {
  const intl = useIntl();
  return outcome === 'DENIED'
    ? <Badge tone="danger">{intl.formatMessage(m.denied)}</Badge>
    : <Badge tone="ok">{intl.formatMessage(m.allowed)}</Badge>;
}

/** An action by its name where the UI knows one, always with its code (the code is what the filter takes). */
export function AuditAction({ action }: { action: string }) {
  const intl = useIntl();
  const name = actionName(intl, action);
  return name ? <>{name} <code className="small muted">{action}</code></> : <code>{action}</code>;
}

export const actionName = (intl: IntlShape, action: string): string | null => {
  const d = (auditActionLabels as Record<string, (typeof auditActionLabels)[keyof typeof auditActionLabels]>)[action];
  return d ? intl.formatMessage(d) : null;
};
