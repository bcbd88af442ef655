/**
 * Pure logic of the chair's meeting mode (no DOM, no React): the outcome form of one agenda item, whether it differs
 * from what the server saved, what still blocks closing the session, and when an arrow key means "next item".
 */

export type Outcome = 'DISCUSSED' | 'POSTPONED';
/** A present partner's stance on an item's agreements: agreed, a reservation (with a note), or not given yet. */
export type Stance = 'yes' | 'reservation' | 'pending';

export interface SavedAgreement { description: string | null; responsiblePartnerId: string; dueOn: string }
export interface SavedEndorsement { partnerId: string; endorsed: boolean; note: string | null }
export interface SavedItem {
  id: string;
  outcome: Outcome | null;
  summary: string | null;
  agreements: readonly SavedAgreement[];
  endorsements: readonly SavedEndorsement[];
}

export interface AgreementDraft { description: string; responsiblePartnerId: string; dueOn: string }
export interface ItemForm {
  outcome: Outcome | null;
  summary: string;
  agreements: AgreementDraft[];
  /** One entry per present partner, in attendance order. */
  endorsements: { partnerId: string; stance: Stance; note: string }[];
}

/** The form as the saved item fills it, with a stance for every present partner (missing ones "pending"). */
export function formFromItem(item: SavedItem, presentPartnerIds: readonly string[]): ItemForm {
  const byPartner = new Map(item.endorsements.map((e) => [e.partnerId, e]));
  return {
    outcome: item.outcome,
    summary: item.summary ?? '',
    agreements: item.agreements.map((a) => ({ description: a.description ?? '', responsiblePartnerId: a.responsiblePartnerId, dueOn: a.dueOn })),
    endorsements: presentPartnerIds.map((partnerId) => {
      const e = byPartner.get(partnerId);
      return { partnerId, stance: !e ? 'pending' : e.endorsed ? 'yes' : 'reservation', note: e?.note ?? '' };
    }),
  };
}

/** The `PUT …/outcome` body. A postponed item sends neither agreements nor endorsements (the API refuses them). */
export function outcomeBody(form: ItemForm): {
  outcome: Outcome; summary?: string;
  agreements: { description: string; responsiblePartnerId: string; dueOn: string }[];
  endorsements: { partnerId: string; endorsed: boolean; note?: string }[];
} {
  if (!form.outcome) throw new Error('an outcome is needed');
  const summary = form.summary.trim() || undefined;
  if (form.outcome === 'POSTPONED') return { outcome: 'POSTPONED', summary, agreements: [], endorsements: [] };
  return {
    outcome: 'DISCUSSED',
    summary,
    agreements: form.agreements.map((a) => ({ description: a.description.trim(), responsiblePartnerId: a.responsiblePartnerId, dueOn: a.dueOn })),
    endorsements: form.endorsements
      .filter((e) => e.stance !== 'pending')
      .map((e) => (e.stance === 'yes' ? { partnerId: e.partnerId, endorsed: true } : { partnerId: e.partnerId, endorsed: false, note: e.note.trim() })),
  };
}

/** What the server would store from a form, so two forms compare by meaning (a blank note on "akkoord" is no change). */
function normalise(form: ItemForm) {
  return {
    outcome: form.outcome,
    summary: form.summary.trim(),
    agreements: form.outcome === 'POSTPONED' ? [] : form.agreements.map((a) => [a.description.trim(), a.responsiblePartnerId, a.dueOn]),
    endorsements: form.outcome === 'POSTPONED' ? [] : form.endorsements
      .filter((e) => e.stance !== 'pending')
      .map((e) => [e.partnerId, e.stance, e.stance === 'reservation' ? e.note.trim() : ''])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  };
}

/** Two forms mean the same; the item editor is "dirty" while its form and the saved item's differ. */
export const sameForm = (a: ItemForm, b: ItemForm) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));

/** Problems the browser can name before sending (the API checks again and has the last word). */
export function formProblems(form: ItemForm, meetingDate: string): { field: string; code: 'required' | 'noteRequired' | 'dueBeforeMeeting' }[] {
  const out: { field: string; code: 'required' | 'noteRequired' | 'dueBeforeMeeting' }[] = [];
  if (!form.outcome) out.push({ field: 'outcome', code: 'required' });
  if (form.outcome !== 'DISCUSSED') return out;
  form.agreements.forEach((a, i) => {
    if (!a.description.trim()) out.push({ field: `agreements.${i}.description`, code: 'required' });
    if (!a.responsiblePartnerId) out.push({ field: `agreements.${i}.responsiblePartnerId`, code: 'required' });
    if (!a.dueOn) out.push({ field: `agreements.${i}.dueOn`, code: 'required' });
    else if (a.dueOn < meetingDate) out.push({ field: `agreements.${i}.dueOn`, code: 'dueBeforeMeeting' });
  });
  form.endorsements.forEach((e, i) => {
    if (e.stance === 'reservation' && !e.note.trim()) out.push({ field: `endorsements.${i}.note`, code: 'noteRequired' });
  });
  return out;
}

/** Items still without an outcome: CLOSE is refused until this is empty. */
export const missingOutcomes = <T extends { outcome: Outcome | null }>(agenda: readonly T[]) => agenda.filter((i) => !i.outcome);

/** An agreement from an earlier meeting still to be done: the open-actions review at the start of a session. */
export function openFromEarlier<T extends { state: string; meetingId: string; dueOn: string }>(agreements: readonly T[], meetingId: string): T[] {
  return agreements
    .filter((a) => (a.state === 'OPEN' || a.state === 'IN_UITVOERING') && a.meetingId !== meetingId)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

export interface KeyTarget { tagName: string; isContentEditable: boolean; role: string | null; insideWidget: boolean }

/**
 * ArrowLeft/ArrowRight move between items, unless the key belongs to what has focus: a text field, a select, or a
 * composite widget that uses arrows itself (radio group, list box, calendar, date segments). Modifier keys keep their
 * browser meaning.
 */
export function navigationFor(
  e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean },
  target: KeyTarget | null,
): 'next' | 'previous' | null {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return null;
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  if (target) {
    const tag = target.tagName.toUpperCase();
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return null;
    if (target.insideWidget) return null;
    if (target.role && ARROW_ROLES.has(target.role)) return null;
  }
  return e.key === 'ArrowRight' ? 'next' : 'previous';
}

/** Roles whose widgets move with arrow keys (WAI-ARIA practices). */
export const ARROW_ROLES = new Set(['radio', 'radiogroup', 'listbox', 'option', 'combobox', 'slider', 'spinbutton', 'grid', 'gridcell', 'menu', 'menuitem', 'tab', 'tablist', 'textbox', 'tree', 'treeitem']);
/** A CSS selector of those widgets, to test an element's ancestors. */
export const ARROW_WIDGETS = [...ARROW_ROLES].map((r) => `[role="${r}"]`).join(',');

/** `h:mm:ss` of a session's running time; negative spans (clock skew, a start in the future) show 0:00:00. */
export function elapsed(fromMs: number, nowMs: number): string {
  const s = Math.max(0, Math.floor((nowMs - fromMs) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

/** Index after a step, kept within the agenda. */
export const step = (index: number, dir: 'next' | 'previous', count: number) =>
  count === 0 ? 0 : Math.min(count - 1, Math.max(0, index + (dir === 'next' ? 1 : -1)));
