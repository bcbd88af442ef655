import { useIntl } from 'react-intl';
import { Badge } from '../ui/Badge';
import { meetingsMessages as m } from './meetings.messages';

/**
 * "Gedeelde afspraken" as the server computed it for the saved item (DESIGN.md §5) — never recomputed here. While
 * the form differs from what is saved, it says "not saved yet" instead of guessing.
 */
export function SharedAgreementsBadge({ shared, outcome, dirty = false }: { shared: boolean; outcome: string | null; dirty?: boolean }) {
  const intl = useIntl();
  return (
    <span className="row shared-badge" aria-live="polite" title={intl.formatMessage(m.sharedHelp)}>
      {outcome === 'DISCUSSED' && (
        <Badge tone={shared ? 'ok' : 'warn'}>{intl.formatMessage(shared ? m.shared : m.notShared)}</Badge>
      )}
      {dirty && <Badge tone="info">{intl.formatMessage(m.notSaved)}</Badge>}
    </span>
  );
}
