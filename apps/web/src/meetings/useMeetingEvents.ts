import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Follows a meeting live: `GET /api/meetings/:id/events` (server-sent events, the session cookie goes along) says
 * only that something changed; each event refetches this meeting, so every browser shows the saved state within a
 * second or two. EventSource reconnects by itself after a network drop.
 */
export function useMeetingEvents(meetingId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/meetings/${encodeURIComponent(meetingId)}/events`);
    const refetch = () => void queryClient.invalidateQueries({ queryKey: ['get', '/api/meetings/{id}', { params: { path: { id: meetingId } } }] });
    source.addEventListener('meeting', refetch);
    return () => {
      source.removeEventListener('meeting', refetch);
      source.close();
    };
  }, [meetingId, queryClient]);
}
