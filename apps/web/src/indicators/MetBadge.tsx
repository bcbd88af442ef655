import { useIntl } from 'react-intl';
import { Badge } from '../ui/Badge';
import { indicatorsMessages as m } from './indicators.messages';

/** Whether a target is met, in words and a symbol (never colour alone). */
export function MetBadge({ met }: { met: boolean | null | undefined }) {
  const intl = useIntl();
  if (met == null) return <Badge>{intl.formatMessage(m.noJudgement)}</Badge>;
  return <Badge tone={met ? 'ok' : 'danger'}>{intl.formatMessage(met ? m.met : m.notMet)}</Badge>;
}
