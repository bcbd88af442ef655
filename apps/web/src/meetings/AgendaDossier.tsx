import { Link } from '@tanstack/react-router';
import type { AgendaItem } from './useMeetingActions';

/**
 * An agenda item's dossier reference: a link only when the caller may open the dossier. A partner present at the
 * discussion sees the item without the dossier (`dossierVisible` false); a link would only lead to "not found".
 */
export function AgendaDossier({ item }: { item: Pick<AgendaItem, 'dossierId' | 'dossierReference' | 'dossierVisible'> }) {
  if (!item.dossierVisible) return <>{item.dossierReference}</>;
  return <Link to="/dossiers/$id" params={{ id: item.dossierId }}>{item.dossierReference}</Link>;
}
