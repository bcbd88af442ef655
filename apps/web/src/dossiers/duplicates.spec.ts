import { duplicateQuery, rankDuplicates } from './duplicates';

describe('search before registering', () => {
  it('searches by last name once two letters are typed, or by a lone first name', () => {
    expect(duplicateQuery('Jan', 'J')).toBeNull();
    expect(duplicateQuery('Jan', ' Peeters ')).toBe('Peeters');
    expect(duplicateQuery('Yasmina', '')).toBe('Yasmina');
    expect(duplicateQuery('', '')).toBeNull();
  });

  it('puts candidates with the same birth date first', () => {
    const a = { id: 'a', subject: { firstName: 'Jan', lastName: 'Peeters', birthDate: '2001-01-01' } };
    const b = { id: 'b', subject: { firstName: 'Jan', lastName: 'Peeters', birthDate: '2008-03-14' } };
    const c = { id: 'c' };
    expect(rankDuplicates([a, b, c], '2008-03-14').map((r) => [r.item.id, r.sameBirthDate])).toEqual([['b', true], ['a', false], ['c', false]]);
    expect(rankDuplicates([a, b], '').every((r) => !r.sameBirthDate)).toBe(true);
  });
});
