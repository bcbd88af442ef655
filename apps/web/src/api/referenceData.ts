import { useMemo } from 'react';
import { $api } from './client';
import type { components } from './schema';

export type Partner = components['schemas']['PartnerView'];
export type User = components['schemas']['UserView'];

/**
 * The tenant's reference data, read once and shared by every page: one query (one cache key) per resource, each kept
 * fresh for as long as it changes rarely.
 */
const PARTNERS_STALE_MS = 60_000;
const USERS_STALE_MS = 60_000;
const SETTINGS_STALE_MS = 300_000;

/** Partners of the tenant (every signed-in user may read them), with a name lookup. */
export function usePartners() {
  const q = $api.useQuery('get', '/api/partners', {}, { staleTime: PARTNERS_STALE_MS });
  return useMemo(() => {
    const list = q.data ?? [];
    const byId = new Map(list.map((p) => [p.id, p]));
    return { list, active: list.filter((p) => p.active), name: (id: string | null | undefined) => (id ? byId.get(id)?.name ?? '—' : '—'), isLoading: q.isLoading };
  }, [q.data, q.isLoading]);
}

/** Users of the tenant (names for the timeline, casemanagers to assign); only asked when the caller may read them. */
export function useUsers(enabled: boolean) {
  const q = $api.useQuery('get', '/api/users', { params: { query: { pageSize: 200 } } }, { enabled, staleTime: USERS_STALE_MS });
  return useMemo(() => {
    const list = q.data?.items ?? [];
    const byId = new Map(list.map((u) => [u.id, u]));
    return {
      list,
      casemanagers: list.filter((u) => u.role === 'casemanager' && u.active),
      name: (id: string | null | undefined) => (id ? byId.get(id)?.name ?? null : null),
    };
  }, [q.data]);
}

/** The LIVC's settings (its theme, its standing partners as the API resolved them); undefined until read. */
export function useSettings() {
  return $api.useQuery('get', '/api/settings', {}, { staleTime: SETTINGS_STALE_MS }).data;
}
