import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../api/client';
import type { components } from '../api/schema';

/** An agenda item as the API sends it. */
export type AgendaItem = components['schemas']['AgendaItemView'];
export type Meeting = components['schemas']['MeetingView'];
export type MeetingEvent = components['schemas']['MeetingTransitionDto']['event'];

/**
 * Refetches the meeting (and what hangs off it) after a write, so every part of the page shows the saved state. An
 * agenda change or a meeting transition also moves the dossiers concerned (their state, their history): pass them.
 */
export function useMeetingRefresh() {
  const queryClient = useQueryClient();
  return async (dossierIds: readonly string[] = []) => {
    const keys: unknown[][] = [
      ['get', '/api/meetings/{id}'], ['get', '/api/meetings'], ['get', '/api/dossiers'], ['get', '/api/agreements'],
      ...dossierIds.flatMap((id) => [
        ['get', '/api/dossiers/{id}', { params: { path: { id } } }],
        ['get', '/api/dossiers/{id}/history', { params: { path: { id } } }],
      ]),
    ];
    await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  };
}

/**
 * Lifecycle events of a meeting, sent with the version last read. A refusal is kept for the page's `ProblemNotice`
 * (a stale version there offers a reload).
 */
export function useMeetingTransition(meeting: Meeting) {
  const refresh = useMeetingRefresh();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<MeetingEvent | null>(null);
  const run = async (event: MeetingEvent) => {
    setBusy(event);
    setError(null);
    try {
      await call(api.POST('/api/meetings/{id}/transitions', { params: { path: { id: meeting.id } }, body: { event, version: meeting.version } }));
      await refresh(meeting.agenda.map((i) => i.dossierId));
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { run, error, busy };
}
