/** Where a notification leads (UI.md routes), from the record it is about; null when it names no page of its own. */
export type NotificationTarget =
  | { to: '/dossiers/$id' | '/meetings/$id' | '/agreements/$id' | '/feedback-sheets/$id' | '/transfers/$id'; params: { id: string } }
  | { to: '/audit' | '/'; params?: undefined };

export function notificationTarget(entityType: string | null, entityId: string | null): NotificationTarget | null {
  if (entityType === 'AuditEvent') return { to: '/audit' };
  // A grant request waits on the start page (the chair's; the admin's leads on to the users page, which lists it too).
  if (entityType === 'GrantRequest') return { to: '/' };
  if (!entityId) return null;
  switch (entityType) {
    case 'Dossier': return { to: '/dossiers/$id', params: { id: entityId } };
    case 'Meeting': return { to: '/meetings/$id', params: { id: entityId } };
    case 'Agreement': return { to: '/agreements/$id', params: { id: entityId } };
    case 'FeedbackSheet': return { to: '/feedback-sheets/$id', params: { id: entityId } };
    case 'Transfer': return { to: '/transfers/$id', params: { id: entityId } };
    default: return null;
  }
}
