import { safeRedirect } from './redirect';

describe('safeRedirect (after sign-in the user returns to where the link pointed, on this site only)', () => {
  it('keeps a path of this site with its query', () => {
    expect(safeRedirect('/dossiers?state=WEERHOUDEN&q=LIVC')).toBe('/dossiers?state=WEERHOUDEN&q=LIVC');
    expect(safeRedirect('/meetings/5b7c/zitting')).toBe('/meetings/5b7c/zitting');
  });
  it('refuses other sites, schemes and the sign-in page itself', () => {
    for (const t of ['//evil.example/x', 'https://evil.example', 'javascript:alert(1)', '/\\evil.example', '/login?redirect=/x', '', undefined, null]) {
      expect(safeRedirect(t)).toBe('/');
    }
  });
});
