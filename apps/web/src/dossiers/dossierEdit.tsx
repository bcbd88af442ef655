import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { fieldErrors, isStaleVersion } from '../api/problem';
import type { Schemas } from '../session/session';
import { Button } from '../ui/Button';
import { FormError } from '../ui/States';
import { dossierMessages as m } from './dossiers.messages';

export type Dossier = Schemas['DossierView'];

/** Refetches everything shown about dossiers (the dossier, its timeline, contributions, agreements, lists). */
export function useRefreshDossier() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all(
      ['/api/dossiers/{id}', '/api/dossiers/{id}/history', '/api/dossiers/{id}/contributions', '/api/agreements', '/api/dossiers'].map((path) =>
        queryClient.invalidateQueries({ queryKey: ['get', path] }),
      ),
    );
  }, [queryClient]);
}

/**
 * The error of a form or dialog on the dossier page. A 409 stale version (someone else changed the dossier) says so
 * and offers to load the newest version; the form stays open with what was typed and sends the fresh `version` when
 * submitted again. Any other problem is shown as the form's error (field errors are shown by the fields).
 */
export function DossierFormError({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const intl = useIntl();
  const refresh = useRefreshDossier();
  const [reloaded, setReloaded] = useState(false);
  useEffect(() => setReloaded(false), [error]);
  if (isStaleVersion(error)) {
    return reloaded ? (
      <p className="notice info" role="status">{intl.formatMessage(m.reloaded)}</p>
    ) : (
      <div className="notice warn" role="alert">
        <strong>{intl.formatMessage(m.staleTitle)}</strong>
        <p>{intl.formatMessage(m.staleText)}</p>
        <Button variant="secondary" onPress={async () => { await refresh(); setReloaded(true); }}>{intl.formatMessage(m.reload)}</Button>
      </div>
    );
  }
  return <FormError error={error} formErrors={fieldErrors(error, fields)['']} />;
}
