import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * Follows a meeting live: `GET /api/meetings/:id/events` (server-sent events, the session cookie goes along) says
 * only that something changed; each event refetches the meeting, so every browser shows the saved state within a
 * second or two. EventSource reconnects by itself after a network drop.
 */
export function useMeetingEvents(meetingId: string): { connected: boolean } {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/meetings/${encodeURIComponent(meetingId)}/events`);
    const refetch = () => {
      void queryClient.invalidateQueries({ queryKey: ['get', '/api/meetings/{id}'] });
      void queryClient.invalidateQueries({ queryKey: ['get', '/api/meetings/{id}/minutes'] });
    };
    source.addEventListener('meeting', refetch);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => {
      source.removeEventListener('meeting', refetch);
      source.close();
    };
  }, [meetingId, queryClient]);
  return { connected };
}
