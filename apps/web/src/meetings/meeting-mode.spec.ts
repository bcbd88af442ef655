import {
  elapsed, formFromItem, formProblems, missingOutcomes, navigationFor, openFromEarlier, outcomeBody, sameForm, step, type SavedItem,
} from './meeting-mode';

const P1 = 'p1';
const P2 = 'p2';
const P3 = 'p3';
const saved: SavedItem = {
  id: 'i1',
  outcome: 'DISCUSSED',
  summary: 'Besproken.',
  agreements: [{ description: 'Huisbezoek', responsiblePartnerId: P2, dueOn: '2026-12-20' }],
  endorsements: [{ partnerId: P1, endorsed: true, note: null }, { partnerId: P2, endorsed: false, note: 'Eerst overleg' }],
};

describe('formFromItem', () => {
  it('gives every present partner a stance, "pending" when they have not endorsed', () => {
    const f = formFromItem(saved, [P1, P2, P3]);
    expect(f.endorsements).toEqual([
      { partnerId: P1, stance: 'yes', note: '' },
      { partnerId: P2, stance: 'reservation', note: 'Eerst overleg' },
      { partnerId: P3, stance: 'pending', note: '' },
    ]);
    expect(f.agreements).toEqual([{ description: 'Huisbezoek', responsiblePartnerId: P2, dueOn: '2026-12-20' }]);
  });
});

describe('outcomeBody (what PUT …/outcome receives)', () => {
  it('leaves out partners who have not given a stance and keeps the reservation note', () => {
    const body = outcomeBody(formFromItem(saved, [P1, P2, P3]));
    expect(body.endorsements).toEqual([{ partnerId: P1, endorsed: true }, { partnerId: P2, endorsed: false, note: 'Eerst overleg' }]);
  });

  it('sends no agreements or endorsements for a postponed item', () => {
    const f = { ...formFromItem(saved, [P1, P2]), outcome: 'POSTPONED' as const };
    expect(outcomeBody(f)).toEqual({ outcome: 'POSTPONED', summary: 'Besproken.', agreements: [], endorsements: [] });
  });
});

describe('sameForm (while the form differs from the saved item, the badge says "not saved yet")', () => {
  const isDirty = (f: ReturnType<typeof formFromItem>, item: SavedItem, present: string[]) => !sameForm(f, formFromItem(item, present));
  it('is false for the form as saved, true after a change of stance', () => {
    const f = formFromItem(saved, [P1, P2, P3]);
    expect(isDirty(f, saved, [P1, P2, P3])).toBe(false);
    f.endorsements[2] = { partnerId: P3, stance: 'yes', note: '' };
    expect(isDirty(f, saved, [P1, P2, P3])).toBe(true);
  });

  it('ignores whitespace and a note typed under "akkoord"', () => {
    const a = formFromItem(saved, [P1, P2]);
    const b = { ...a, summary: ' Besproken. ', endorsements: [{ partnerId: P1, stance: 'yes' as const, note: 'x' }, a.endorsements[1]] };
    expect(sameForm(a, b)).toBe(true);
  });

  it('sees a changed agreement', () => {
    const f = formFromItem(saved, [P1, P2]);
    f.agreements[0] = { ...f.agreements[0], dueOn: '2026-12-21' };
    expect(isDirty(f, saved, [P1, P2])).toBe(true);
  });
});

describe('formProblems', () => {
  it('asks for a note on a reservation and a due date not before the meeting', () => {
    const f = formFromItem({ ...saved, endorsements: [] }, [P1]);
    f.endorsements[0] = { partnerId: P1, stance: 'reservation', note: '  ' };
    f.agreements[0].dueOn = '2026-11-30';
    expect(formProblems(f, '2026-12-01')).toEqual([
      { field: 'agreements.0.dueOn', code: 'dueBeforeMeeting' },
      { field: 'endorsements.0.note', code: 'noteRequired' },
    ]);
  });

  it('needs an outcome, and nothing else for a postponed item', () => {
    const empty = formFromItem({ id: 'x', outcome: null, summary: null, agreements: [], endorsements: [] }, [P1]);
    expect(formProblems(empty, '2026-12-01')).toEqual([{ field: 'outcome', code: 'required' }]);
    expect(formProblems({ ...empty, outcome: 'POSTPONED' }, '2026-12-01')).toEqual([]);
  });
});

describe('missingOutcomes and openFromEarlier', () => {
  it('lists the items that still block closing', () => {
    expect(missingOutcomes([{ id: 'a', outcome: 'DISCUSSED' }, { id: 'b', outcome: null }, { id: 'c', outcome: 'POSTPONED' }]).map((i) => i.id)).toEqual(['b']);
  });

  it('keeps open and started agreements of other meetings, earliest due first', () => {
    const list = [
      { id: '1', state: 'OPEN', meetingId: 'm0', dueOn: '2026-12-10' },
      { id: '2', state: 'UITGEVOERD', meetingId: 'm0', dueOn: '2026-11-01' },
      { id: '3', state: 'IN_UITVOERING', meetingId: 'm0', dueOn: '2026-11-05' },
      { id: '4', state: 'OPEN', meetingId: 'this', dueOn: '2026-11-01' },
    ];
    expect(openFromEarlier(list, 'this').map((a) => a.id)).toEqual(['3', '1']);
  });
});

describe('navigationFor (arrow keys move between items, not while typing)', () => {
  const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) =>
    ({ key: k, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });
  const body = { tagName: 'BODY', isContentEditable: false, role: null, insideWidget: false };

  it('moves on the page itself and on a button', () => {
    expect(navigationFor(key('ArrowRight'), body)).toBe('next');
    expect(navigationFor(key('ArrowLeft'), { ...body, tagName: 'BUTTON' })).toBe('previous');
    expect(navigationFor(key('ArrowLeft'), null)).toBe('previous');
  });

  it('does nothing in a text field, a text area, a radio group or a date segment', () => {
    expect(navigationFor(key('ArrowRight'), { ...body, tagName: 'INPUT' })).toBeNull();
    expect(navigationFor(key('ArrowRight'), { ...body, tagName: 'textarea' })).toBeNull();
    expect(navigationFor(key('ArrowRight'), { ...body, tagName: 'LABEL', insideWidget: true })).toBeNull();
    expect(navigationFor(key('ArrowRight'), { ...body, tagName: 'DIV', role: 'spinbutton' })).toBeNull();
    expect(navigationFor(key('ArrowRight'), { ...body, tagName: 'DIV', isContentEditable: true })).toBeNull();
  });

  it('ignores other keys and modified arrows', () => {
    expect(navigationFor(key('ArrowDown'), body)).toBeNull();
    expect(navigationFor(key('ArrowRight', { altKey: true }), body)).toBeNull();
    expect(navigationFor(key('ArrowLeft', { shiftKey: true }), body)).toBeNull();
  });
});

describe('step and elapsed', () => {
  it('stays within the agenda', () => {
    expect(step(0, 'previous', 3)).toBe(0);
    expect(step(2, 'next', 3)).toBe(2);
    expect(step(1, 'next', 3)).toBe(2);
    expect(step(0, 'next', 0)).toBe(0);
  });

  it('formats the running time', () => {
    expect(elapsed(0, 3_723_000)).toBe('1:02:03');
    expect(elapsed(10_000, 0)).toBe('0:00:00');
  });
});
