import { useIntl } from 'react-intl';
import { label } from '../i18n/labels';
import { Badge, type Tone } from '../ui/Badge';
import { exportStateLabels } from './exports.messages';

const TONE: Record<string, Tone> = { QUEUED: 'neutral', RUNNING: 'info', DONE: 'ok', FAILED: 'danger' };

export function ExportStateBadge({ state }: { state: string }) {
  const intl = useIntl();
  return <Badge tone={TONE[state] ?? 'neutral'}>{label(intl, exportStateLabels, state)}</Badge>;
}

/** An export still being made: its list is polled until it is done or failed. */
export const isPendingExport = (state: string) => state === 'QUEUED' || state === 'RUNNING';
