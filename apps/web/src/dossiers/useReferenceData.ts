import { useMemo } from 'react';
import { $api } from '../api/client';
import type { Schemas } from '../session/session';

export type Partner = Schemas['PartnerView'];
export type User = Schemas['UserView'];

/** Partners of the tenant (every signed-in user may read them), with a lookup by id. */
export function usePartners() {
  const q = $api.useQuery('get', '/api/partners', {}, { staleTime: 60_000 });
  return useMemo(() => {
    const list = (q.data ?? []) as Partner[];
    const byId = new Map(list.map((p) => [p.id, p]));
    return { list, active: list.filter((p) => p.active), name: (id: string | null | undefined) => (id ? byId.get(id)?.name ?? '—' : '—'), isLoading: q.isLoading };
  }, [q.data, q.isLoading]);
}

/** Users of the tenant (names for the timeline, casemanagers to assign); only asked when the caller may read them. */
export function useUsers(enabled: boolean) {
  const q = $api.useQuery('get', '/api/users', { params: { query: { pageSize: 200 } } }, { enabled, staleTime: 60_000 });
  return useMemo(() => {
    const list = (q.data?.items ?? []) as User[];
    const byId = new Map(list.map((u) => [u.id, u]));
    return {
      list,
      casemanagers: list.filter((u) => u.role === 'casemanager' && u.active),
      name: (id: string | null | undefined) => (id ? byId.get(id)?.name ?? null : null),
    };
  }, [q.data]);
}
