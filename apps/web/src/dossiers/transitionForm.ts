/** What the dialog of a dossier event asks (API.md, Dossiers): which events need one and what they send. */
export type DossierEvent = 'START_SCREENING' | 'RETAIN' | 'REJECT' | 'CLOSE' | 'REOPEN';
export type ReferralKind = 'none' | 'partner' | 'outside';

export interface TransitionDraft {
  reason: string;
  closureReason: string | null;
  referral: ReferralKind;
  referredPartnerId: string | null;
  referredName: string;
}

export const emptyDraft = (): TransitionDraft => ({ reason: '', closureReason: null, referral: 'none', referredPartnerId: null, referredName: '' });

/** START_SCREENING is sent at once; the others open a dialog (RETAIN for its optional reason). */
export const needsDialog = (event: string) => event !== 'START_SCREENING';

/** The reason is required for REJECT and REOPEN, a closure reason code for CLOSE, optional for RETAIN. */
export const reasonRequired = (event: string) => event === 'REJECT' || event === 'REOPEN';

export function transitionBody(event: DossierEvent, version: number, d: TransitionDraft) {
  const body: { event: DossierEvent; version: number; reason?: string; referredTo?: { partnerId: string } | { name: string } } = { event, version };
  if (event === 'CLOSE') {
    if (d.closureReason) body.reason = d.closureReason;
  } else if (event !== 'START_SCREENING' && d.reason.trim()) {
    body.reason = d.reason.trim();
  }
  if (event === 'REJECT') {
    if (d.referral === 'partner' && d.referredPartnerId) body.referredTo = { partnerId: d.referredPartnerId };
    if (d.referral === 'outside' && d.referredName.trim()) body.referredTo = { name: d.referredName.trim() };
  }
  return body;
}
