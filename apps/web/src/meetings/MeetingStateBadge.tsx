import { useIntl } from 'react-intl';
import { label, meetingStateLabels } from '../i18n/labels';
import { Badge, type Tone } from '../ui/Badge';

const TONE: Record<string, Tone> = {
  GEPLAND: 'neutral', AGENDA_VASTGELEGD: 'info', IN_ZITTING: 'warn', AFGEROND: 'ok', VERSLAG_GOEDGEKEURD: 'ok', GEANNULEERD: 'danger',
};

/** The meeting's state in words (with a symbol for the tone, never colour alone). */
export function MeetingStateBadge({ state }: { state: string }) {
  const intl = useIntl();
  return <Badge tone={TONE[state] ?? 'neutral'}>{label(intl, meetingStateLabels, state)}</Badge>;
}
