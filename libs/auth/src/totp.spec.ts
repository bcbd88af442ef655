import { base32Decode, base32Encode, hotp, openSecret, sealSecret, totpCode, verifyTotp } from './totp';

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  // RFC 6238 appendix B: the ASCII secret "12345678901234567890"; the 8-digit values end in these 6 digits.
  const secret = Buffer.from('12345678901234567890');
  it.each([[59, '287082'], [1111111109, '081804'], [1111111111, '050471'], [1234567890, '005924'], [2000000000, '279037']])('at %i s gives %s', (t, code) => {
    expect(totpCode(secret, t * 1000)).toBe(code);
  });

  it('HOTP matches RFC 4226 appendix D', () => {
    expect([0, 1, 2, 9].map((c) => hotp(secret, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('accepts one step either side, never a step already used', () => {
    const at = 1_700_000_000_000;
    const before = totpCode(secret, at - 30_000);
    expect(verifyTotp(secret, before, null, at)).toBe(Math.floor(at / 30_000) - 1);
    expect(verifyTotp(secret, totpCode(secret, at - 60_000), null, at)).toBeNull();
    const step = verifyTotp(secret, totpCode(secret, at), null, at)!;
    expect(verifyTotp(secret, totpCode(secret, at), step, at)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', null, at)).toBeNull();
  });

  it('round-trips base32 and the sealed secret', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    const key = Buffer.alloc(32, 7);
    expect(openSecret(key, sealSecret(key, secret))).toEqual(secret);
  });
});
