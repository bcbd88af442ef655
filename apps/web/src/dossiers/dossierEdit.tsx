import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Schemas } from '../session/session';

export type Dossier = Schemas['DossierView'];

/** Refetches everything shown about dossiers (the dossier, its timeline, contributions, agreements, lists). */
export function useRefreshDossier() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all(
      ['/api/dossiers/{id}', '/api/dossiers/{id}/history', '/api/dossiers/{id}/contributions', '/api/dossiers/{id}/screening', '/api/dossiers/{id}/awareness',
        '/api/agreements', '/api/dossiers'].map((path) =>
        queryClient.invalidateQueries({ queryKey: ['get', path] }),
      ),
    );
  }, [queryClient]);
}
