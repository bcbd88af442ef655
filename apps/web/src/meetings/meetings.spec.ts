import { dayOf, TIME_ZONE } from '../i18n/dates';
import { brusselsInstant, checkInOrder, listPeriod, sameSet } from './meetings';

describe('brusselsInstant (a meeting is planned in Brussels time, whatever the browser zone)', () => {
  it('uses +01:00 in winter and +02:00 in summer', () => {
    expect(brusselsInstant('2026-12-03', '14:00')).toBe('2026-12-03T14:00:00+01:00');
    expect(brusselsInstant('2026-07-01', '9:30')).toBe('2026-07-01T09:30:00+02:00');
  });

  it('names the same instant as the wall clock in Brussels', () => {
    const iso = brusselsInstant('2026-03-29', '12:00')!;
    expect(new Intl.DateTimeFormat('nl-BE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(iso))).toBe('12:00');
    expect(dayOf(iso)).toBe('2026-03-29');
  });

  it('refuses a date or time that does not exist', () => {
    expect(brusselsInstant('2026-02-30', '10:00')).toBeNull();
    expect(brusselsInstant('2026-02-10', '25:00')).toBeNull();
    expect(brusselsInstant('', '10:00')).toBeNull();
    expect(brusselsInstant('2026-02-10', 'tien uur')).toBeNull();
  });
});

describe('checkInOrder', () => {
  const partners = [
    { id: 'o', name: 'OCMW', type: 'OCMW', active: true },
    { id: 'b', name: 'Burgemeester', type: 'BURGEMEESTER', active: true },
    { id: 'x', name: 'Oud', type: 'ONDERWIJS', active: false },
    { id: 'p', name: 'Politie', type: 'POLITIE', active: true },
    { id: 'a', name: 'Atheneum', type: 'ONDERWIJS', active: true },
  ];

  it('puts the standing partners the settings name first, then the others, and leaves inactive ones out', () => {
    expect(checkInOrder(partners, ['p', 'b'], 'nl-BE').map((p) => [p.id, p.standing])).toEqual([['b', true], ['p', true], ['a', false], ['o', false]]);
    expect(checkInOrder(partners, ['o'], 'nl-BE').map((p) => p.id)).toEqual(['o', 'a', 'b', 'p']);
    expect(checkInOrder(partners, [], 'nl-BE').every((p) => !p.standing)).toBe(true);
  });

  it("sorts names in the UI's language, accents included", () => {
    const named = [{ id: 'z', name: 'Zorgcentrum', type: 'OTHER', active: true }, { id: 'e', name: 'École communale', type: 'ONDERWIJS', active: true }];
    expect(checkInOrder(named, [], 'fr-BE').map((p) => p.id)).toEqual(['e', 'z']);
  });
});

describe('periods', () => {
  it('splits upcoming and past at today unless the URL says otherwise', () => {
    expect(listPeriod('upcoming', '2026-12-01')).toEqual({ from: '2026-12-01' });
    expect(listPeriod('past', '2026-12-01')).toEqual({ to: '2026-11-30' });
    expect(listPeriod('past', '2026-12-01', '2026-01-01')).toEqual({ from: '2026-01-01', to: undefined });
    expect(listPeriod('past', '2026-03-01')).toEqual({ to: '2026-02-28' });
    expect(sameSet(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameSet(['a'], ['a', 'b'])).toBe(false);
  });
});
