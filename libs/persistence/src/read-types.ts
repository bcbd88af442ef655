import { types } from 'pg';

/**
 * How the product's connections turn PostgreSQL's text into values: node-postgres' own parsers, except two that every
 * list pays per row, replaced by exact ones that skip the general case (issue 12: the dossier list spent about 5 % of
 * its server time in the general uuid[] parser and 3 % in the timestamp one). Anything outside the fast path (another
 * time zone format, a year before 1000, BC, infinity, a multi-dimensional or bounded array) goes to node-postgres'
 * parser, so the values are the same as before in every case; `read-types.spec.ts` checks that against it.
 */
const TIMESTAMPTZ = 1184;
const UUID_ARRAY = 2951;

// node-postgres' typings list only some type ids; its registry has them all.
const generalParser = types.getTypeParser as (oid: number, format: 'text' | 'binary') => (text: string) => unknown;
const generalInstant = generalParser(TIMESTAMPTZ, 'text') as (text: string) => Date | number | null;
const generalUuidArray = generalParser(UUID_ARRAY, 'text') as (text: string) => (string | null)[];

const digit = (text: string, i: number) => text.charCodeAt(i) - 48;
const two = (text: string, i: number) => digit(text, i) * 10 + digit(text, i + 1);
const isDigit = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** The positions of the digits of `YYYY-MM-DD HH:MM:SS`. */
const DIGITS = [1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/**
 * `timestamptz` as PostgreSQL writes it with DateStyle ISO: `2026-11-02 10:11:12.123456+01` (fraction optional, 1 to 6
 * digits; offset `±HH`, `±HH:MM` or `±HH:MM:SS`). The milliseconds are truncated, as node-postgres does.
 */
export function parseInstant(text: string): Date | number | null {
  const fixed = text.length >= 22 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 32
    && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58 && isDigit(text, 0) && digit(text, 0) > 0;
  if (!fixed) return generalInstant(text);
  for (let k = 0; k < DIGITS.length; k++) if (!isDigit(text, DIGITS[k])) return generalInstant(text);
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === 46) {
    i++;
    let scale = 100;
    const start = i;
    while (i < text.length && isDigit(text, i)) {
      if (scale >= 1) ms += digit(text, i) * scale;
      scale /= 10;
      i++;
    }
    if (i === start || i - start > 6) return generalInstant(text);
  }
  const sign = text.charCodeAt(i) === 43 ? 1 : text.charCodeAt(i) === 45 ? -1 : 0;
  if (!sign || !isDigit(text, i + 1) || !isDigit(text, i + 2)) return generalInstant(text);
  let offset = two(text, i + 1) * 3600;
  i += 3;
  // Then `:MM` and `:SS`, each optional.
  for (let factor = 60; i < text.length && factor >= 1; factor /= 60) {
    if (text.charCodeAt(i) !== 58 || !isDigit(text, i + 1) || !isDigit(text, i + 2)) return generalInstant(text);
    offset += two(text, i + 1) * factor;
    i += 3;
  }
  if (i !== text.length) return generalInstant(text);
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + two(text, 2);
  const utc = Date.UTC(year, two(text, 5) - 1, two(text, 8), two(text, 11), two(text, 14), two(text, 17), ms);
  return new Date(utc - sign * offset * 1000);
}

/** `uuid[]`: `{…,…}`, elements never quoted (a UUID has no character that needs it), `NULL` for a null element. */
export function parseUuidArray(text: string): (string | null)[] {
  if (text === '{}') return [];
  if (text.charCodeAt(0) !== 123 || text.charCodeAt(text.length - 1) !== 125 || text.indexOf('{', 1) !== -1 || text.includes('"')) {
    return generalUuidArray(text);
  }
  const items: (string | null)[] = text.slice(1, -1).split(',');
  for (let k = 0; k < items.length; k++) if (items[k] === 'NULL') items[k] = null;
  return items;
}

const FAST: Record<number, (text: string) => unknown> = { [TIMESTAMPTZ]: parseInstant, [UUID_ARRAY]: parseUuidArray };

/** The `types` option of the product's pool (node-postgres `CustomTypesConfig`). */
export const READ_TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    (format === 'binary' ? undefined : FAST[oid]) ?? generalParser(oid, format ?? 'text'),
};
