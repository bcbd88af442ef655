import { deliveryErrorCode, deliveryLink, deliveryMail, nextRetryDelayMs } from './delivery-mail';

describe('delivery e-mails', () => {
  it('are rendered from the row: an invitation carries date, place, link and a calendar REQUEST with the meeting\'s UID', () => {
    const mail = deliveryMail(
      { kind: 'meeting.invitation', entityType: 'Meeting', entityId: 'm-1', data: { scheduledAt: '2026-12-03T13:00:00.000Z', location: 'Stadhuis' } },
      'a@example.be', { publicUrl: 'https://k.example', sender: 'kernteam@k.example', now: new Date('2026-12-01T00:00:00Z') },
    );
    expect(mail.to).toBe('a@example.be');
    expect(mail.text).toContain('https://k.example/meetings/m-1');
    expect(mail.text).toContain('Stadhuis');
    expect(mail.calendar?.method).toBe('REQUEST');
    expect(mail.calendar?.content).toContain('UID:meeting-m-1@kernteam');
  });

  it('link to what they are about', () => {
    expect(deliveryLink('https://k', 'Agreement', 'a')).toBe('https://k/agreements/a');
    expect(deliveryLink('https://k', 'FeedbackSheet', 'f')).toBe('https://k/feedback-sheets/f');
    expect(deliveryLink('https://k', 'Transfer', 't')).toBe('https://k/transfers/t');
  });

  it('of a transfer proposal say only that one waits, with its link, in Dutch and French', () => {
    const mail = deliveryMail({ kind: 'transfer.proposed', entityType: 'Transfer', entityId: 't-1', data: {} }, 'cm@example.be',
      { publicUrl: 'https://k.example', sender: 'kernteam@k.example' });
    expect(mail.subject).toBe('Voorstel van overdracht van een dossier / Proposition de transfert d\'un dossier');
    expect(mail.text).toContain('Voorstel: https://k.example/transfers/t-1');
    expect(mail.text).toContain('Proposition : https://k.example/transfers/t-1');
    expect(mail.calendar).toBeUndefined();
  });

  it('are never made for in-app notices', () => {
    expect(() => deliveryMail({ kind: 'transfer.decided', entityType: 'Transfer', entityId: 't-1', data: { decision: 'ACCEPT' } }, 'cm@example.be',
      { publicUrl: 'https://k.example', sender: 'kernteam@k.example' })).toThrow(/no e-mail for notification kind transfer.decided/);
  });

  it('are retried automatically at growing intervals, at most 6 hours apart', () => {
    expect(nextRetryDelayMs(0)).toBe(5 * 60_000);
    expect(nextRetryDelayMs(1)).toBe(10 * 60_000);
    expect(nextRetryDelayMs(30)).toBe(6 * 60 * 60_000);
  });

  it('keep failures as codes, never the server\'s text (which can hold an address)', () => {
    expect(deliveryErrorCode(Object.assign(new Error('550 <x@y.be> unknown'), { responseCode: 550 }))).toBe('smtp-550');
    expect(deliveryErrorCode(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' }))).toBe('econnection');
    expect(deliveryErrorCode(new Error('x@y.be'))).toBe('error');
  });
});
