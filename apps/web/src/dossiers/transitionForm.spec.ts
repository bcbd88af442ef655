import { emptyDraft, needsDialog, reasonRequired, transitionBody } from './transitionForm';

describe('dossier transitions from the UI', () => {
  it('asks a reason where the API needs one and sends screening at once', () => {
    expect(needsDialog('START_SCREENING')).toBe(false);
    expect(['RETAIN', 'REJECT', 'CLOSE', 'REOPEN'].every(needsDialog)).toBe(true);
    expect(reasonRequired('REJECT')).toBe(true);
    expect(reasonRequired('REOPEN')).toBe(true);
    expect(reasonRequired('RETAIN')).toBe(false);
  });

  it('sends the closure reason code as the reason of CLOSE, ignoring typed text', () => {
    expect(transitionBody('CLOSE', 5, { ...emptyDraft(), reason: 'x', closureReason: 'VERHUISD' })).toEqual({ event: 'CLOSE', version: 5, reason: 'VERHUISD' });
  });

  it('sends where a rejected signal was referred to: a partner or an outside service, only when chosen', () => {
    const d = { ...emptyDraft(), reason: ' Geen radicalisering ', referredPartnerId: 'p1', referredName: ' JAC ' };
    expect(transitionBody('REJECT', 2, { ...d, referral: 'partner' })).toEqual({ event: 'REJECT', version: 2, reason: 'Geen radicalisering', referredTo: { partnerId: 'p1' } });
    expect(transitionBody('REJECT', 2, { ...d, referral: 'outside' })).toEqual({ event: 'REJECT', version: 2, reason: 'Geen radicalisering', referredTo: { name: 'JAC' } });
    expect(transitionBody('REJECT', 2, { ...d, referral: 'none' })).toEqual({ event: 'REJECT', version: 2, reason: 'Geen radicalisering' });
    expect(transitionBody('RETAIN', 2, { ...d, referral: 'outside' })).toEqual({ event: 'RETAIN', version: 2, reason: 'Geen radicalisering' });
  });

  it('leaves an empty optional reason out', () => {
    expect(transitionBody('RETAIN', 3, emptyDraft())).toEqual({ event: 'RETAIN', version: 3 });
  });
});
