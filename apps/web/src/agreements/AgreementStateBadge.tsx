import { useIntl } from 'react-intl';
import { agreementStateLabels, label } from '../i18n/labels';
import { Badge, type Tone } from '../ui/Badge';
import { agreementsMessages as m } from './agreements.messages';

const TONE: Record<string, Tone> = { OPEN: 'neutral', IN_UITVOERING: 'info', UITGEVOERD: 'ok', NIET_UITGEVOERD: 'danger', VERVALLEN: 'neutral' };

export function AgreementStateBadge({ state, overdue }: { state: string; overdue?: boolean }) {
  const intl = useIntl();
  return (
    <span className="row">
      <Badge tone={TONE[state] ?? 'neutral'}>{label(intl, agreementStateLabels, state)}</Badge>
      {overdue && <Badge tone="danger">{intl.formatMessage(m.overdue)}</Badge>}
    </span>
  );
}
