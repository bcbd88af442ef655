import { normaliseName, subjectMatchKey } from './subject-match-key';

describe('normaliseName', () => {
  it('drops accents and case', () => {
    expect(normaliseName('Éloïse')).toBe('eloise');
    expect(normaliseName('FRANÇOIS')).toBe('francois');
    expect(normaliseName('Müller')).toBe('muller');
  });

  it('writes double names one way, whatever joins them', () => {
    const forms = ['Van den Berghe', 'Vandenberghe', 'van-den-berghe', 'Van  den   Berghe', 'VAN DEN BERGHE '];
    expect(new Set(forms.map(normaliseName))).toEqual(new Set(['vandenberghe']));
    expect(normaliseName("D'Hondt")).toBe(normaliseName('Dhondt'));
    expect(normaliseName('D’Hondt')).toBe('dhondt');
    expect(normaliseName('Ben-Ali')).toBe(normaliseName('Ben Ali'));
  });

  it('leaves ij and y alone (different Flemish spellings, different people)', () => {
    expect(normaliseName('De Bruijne')).toBe('debruijne');
    expect(normaliseName('De Bruyne')).toBe('debruyne');
    expect(normaliseName('Bruijn')).not.toBe(normaliseName('Bruyn'));
  });
});

describe('subjectMatchKey', () => {
  const p = { firstName: 'Élodie', lastName: 'Van den Berghe', birthDate: '2008-03-14' };

  it('is the same for spellings that normalise alike, and differs with the birth date or the secret', () => {
    const k = subjectMatchKey('s3cret', p);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(subjectMatchKey('s3cret', { firstName: 'elodie', lastName: 'VANDENBERGHE', birthDate: '2008-03-14' })).toBe(k);
    expect(subjectMatchKey('s3cret', { ...p, birthDate: '2008-03-15' })).not.toBe(k);
    expect(subjectMatchKey('other', p)).not.toBe(k);
  });

  it('does not swap first and last name', () => {
    expect(subjectMatchKey('s', { firstName: 'Thomas', lastName: 'Martin', birthDate: '2001-01-01' }))
      .not.toBe(subjectMatchKey('s', { firstName: 'Martin', lastName: 'Thomas', birthDate: '2001-01-01' }));
  });

  it('gives no key without a secret or with a thin identity', () => {
    expect(subjectMatchKey(null, p)).toBeNull();
    expect(subjectMatchKey('s', { ...p, birthDate: null })).toBeNull();
    expect(subjectMatchKey('s', { ...p, firstName: ' - ' })).toBeNull();
  });
});
