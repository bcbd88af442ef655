import { emailVerified, safeRedirect } from './oidc.service';

describe('safeRedirect (where a provider sign-in may land)', () => {
  it.each([
    ['/dossiers?state=OPEN#x', '/dossiers?state=OPEN#x'],
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/a\nb', '/'],
    [undefined, '/'],
  ])('%s → %s', (given, expected) => expect(safeRedirect(given)).toBe(expected));
});

describe('emailVerified (first-time match by address)', () => {
  it('needs email_verified true, or Entra’s xms_edov when email_verified is absent', () => {
    expect(emailVerified({ email_verified: true })).toBe(true);
    expect(emailVerified({ email_verified: 'true' })).toBe(false);
    expect(emailVerified({ email_verified: false, xms_edov: true })).toBe(false);
    expect(emailVerified({ xms_edov: true })).toBe(true);
    expect(emailVerified({ preferred_username: 'a@b.be' })).toBe(false);
  });
});
