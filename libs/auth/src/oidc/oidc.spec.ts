import { emailVerified, providerCheckedSecondFactor, safeRedirect } from './oidc.service';

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

describe('providerCheckedSecondFactor (an ID token that stands for the second factor)', () => {
  it.each([
    [['pwd', 'mfa'], true],
    [['mfa'], true],
    [['pwd', 'otp'], true],
    [['hwk', 'pin'], true],
    [['face', 'swk'], true],
    [['pwd'], false],
    [['pwd', 'kba'], false], // two things known: one factor
    [['otp', 'sms'], false], // two things held: one factor
    [['pwd', 'unknown-method'], false],
    ['mfa', false], // not an array: the claim is malformed
    [undefined, false],
  ])('%j → %s', (amr, expected) => expect(providerCheckedSecondFactor(amr)).toBe(expected));
});
