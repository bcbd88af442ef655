import { useIntl } from 'react-intl';
import { dossierStateLabels, label } from '../i18n/labels';
import { Badge, type Tone } from '../ui/Badge';

const TONE: Record<string, Tone> = {
  AANGEMELD: 'info', SCREENING: 'info', WEERHOUDEN: 'warn', GEAGENDEERD: 'warn', IN_OPVOLGING: 'ok', NIET_WEERHOUDEN: 'neutral', AFGESLOTEN: 'neutral', GEANONIMISEERD: 'neutral',
};

/** A dossier state in words (the tone has a symbol too, never colour alone). */
export function DossierStateBadge({ state }: { state: string }) {
  const intl = useIntl();
  return <Badge tone={TONE[state] ?? 'neutral'}>{label(intl, dossierStateLabels, state)}</Badge>;
}

export const subjectName = (s: { firstName: string | null; lastName: string | null } | undefined) =>
  s ? [s.firstName, s.lastName].filter(Boolean).join(' ') : '';
