import { ariaSort, parseDossierSearch, toApiQuery, toggleSort, withFilter } from './dossierSearch';

const ID = '0b6c2a4e-1f3d-4c5b-9a8e-7d6f5e4c3b2a';

describe('dossier list search in the URL', () => {
  it('keeps the filters the API accepts under its own names', () => {
    expect(parseDossierSearch({ state: 'WEERHOUDEN', phenomenon: 'POLARISERING', casemanagerId: ID.toUpperCase(), involvedPartnerId: ID, q: '  Jansen ', sort: 'reference', page: '3', pageSize: '50' }))
      .toEqual({ state: 'WEERHOUDEN', phenomenon: 'POLARISERING', casemanagerId: ID, involvedPartnerId: ID, q: 'Jansen', sort: 'reference', page: 3, pageSize: 50 });
  });

  it('drops what the API would refuse, and defaults, so a hand-edited URL never makes the list fail', () => {
    expect(parseDossierSearch({ state: 'KLAAR', casemanagerId: 'me', sort: 'name', page: '0', pageSize: '7', q: '   ' })).toEqual({});
    expect(parseDossierSearch({ sort: '-updatedAt', page: 1, pageSize: 25 })).toEqual({});
    expect(parseDossierSearch({ page: '2.5', pageSize: '1000' })).toEqual({});
    expect(parseDossierSearch({ q: 2026 })).toEqual({ q: '2026' });
  });

  it('fills in the defaults for the API', () => {
    expect(toApiQuery({ state: 'AANGEMELD' })).toEqual({ state: 'AANGEMELD', sort: '-updatedAt', page: 1, pageSize: 25 });
  });

  it('goes back to page 1 when a filter changes, keeping the sort', () => {
    expect(withFilter({ state: 'AANGEMELD', page: 4, sort: 'reference' }, { state: undefined, q: 'LIVC' })).toEqual({ q: 'LIVC', sort: 'reference' });
  });

  it('sorts a column ascending first and flips it on the next click; aria-sort follows', () => {
    expect(toggleSort(undefined, 'reference')).toBe('reference');
    expect(toggleSort('reference', 'reference')).toBe('-reference');
    expect(toggleSort('-reference', 'reference')).toBe('reference');
    expect(toggleSort(undefined, 'updatedAt')).toBe('updatedAt'); // the default is -updatedAt
    expect(ariaSort(undefined, 'updatedAt')).toBe('descending');
    expect(ariaSort('state', 'state')).toBe('ascending');
    expect(ariaSort('state', 'reference')).toBe('none');
  });
});
