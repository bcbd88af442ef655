import { $api } from '../api/client';
import type { components } from '../api/schema';

export type Partner = components['schemas']['PartnerView'];

/** Every partner of the tenant (`GET /api/partners`, readable by every signed-in user), with a name lookup. */
export function usePartners() {
  const q = $api.useQuery('get', '/api/partners', {}, { staleTime: 60_000 });
  const list = q.data ?? [];
  const byId = new Map(list.map((p) => [p.id, p]));
  return { ...q, list, name: (id: string) => byId.get(id)?.name ?? '—' };
}
