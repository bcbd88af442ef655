import { notificationTarget } from './notificationTarget';

describe('notification links', () => {
  const id = '6f1c1d0e-0000-4000-8000-000000000000';
  it('leads to the record of UI.md it is about', () => {
    expect(notificationTarget('Meeting', id)).toEqual({ to: '/meetings/$id', params: { id } });
    expect(notificationTarget('Agreement', id)).toEqual({ to: '/agreements/$id', params: { id } });
    expect(notificationTarget('FeedbackSheet', id)).toEqual({ to: '/feedback-sheets/$id', params: { id } });
    expect(notificationTarget('Dossier', id)).toEqual({ to: '/dossiers/$id', params: { id } });
    // A transfer is told only to casemanagers of its two LIVCs, who may open it.
    expect(notificationTarget('Transfer', id)).toEqual({ to: '/transfers/$id', params: { id } });
    expect(notificationTarget('AuditEvent', null)).toEqual({ to: '/audit' });
    // A grant request waits in the "Wacht op goedkeuring" list of the admin's and the chair's start page.
    expect(notificationTarget('GrantRequest', id)).toEqual({ to: '/' });
  });
  it('leads nowhere for a record without a page', () => {
    expect(notificationTarget('Meeting', null)).toBeNull();
    expect(notificationTarget('Plan', id)).toBeNull();
    expect(notificationTarget(null, null)).toBeNull();
  });
});
