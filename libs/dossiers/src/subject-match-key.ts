import { createHmac } from 'node:crypto';

/**
 * One spelling per name, so the same person registered in two LIVCs gives the same key: Unicode NFKD with the
 * combining marks dropped (é → e, ç → c), lower case, and every run of spaces, hyphens and apostrophes (the joins of
 * double names: "Van den Berghe", "Vandenberghe", "Ben-Ali", "D'Hondt") removed. `ij` and `y` stay as written: they are
 * different spellings in Flemish names (Bruyne ≠ Bruijne), and merging them would make hits on other people.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s\-‐‑‒–—'’‘`´.]+/gu, '')
    .trim();
}

/** The secret from the environment, or null when the "known elsewhere" feature is not configured. */
export const matchSecret = (): string | null => {
  const s = process.env.MATCH_SECRET?.trim();
  return s ? s : null;
};

/**
 * HMAC-SHA-256(MATCH_SECRET, normalise(lastName) | normalise(firstName) | birthDate), hex. Null when the secret is not
 * set or the identity is too thin to match on (a name missing, no birth date): no key is better than a key that hits
 * on strangers.
 */
export function subjectMatchKey(
  secret: string | null,
  s: { firstName?: string | null; lastName?: string | null; birthDate?: string | null },
): string | null {
  if (!secret || !s.firstName || !s.lastName || !s.birthDate) return null;
  const last = normaliseName(s.lastName);
  const first = normaliseName(s.firstName);
  if (!last || !first) return null;
  return createHmac('sha256', secret).update(`${last}|${first}|${s.birthDate}`).digest('hex');
}
