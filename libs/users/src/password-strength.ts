import { invalid } from '@kernteam/http';

/** zxcvbn's score (0–4) a new password must reach: 3 is "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;

/** The refusal a person reads next to the field, in both languages of the product. */
export const WEAK_PASSWORD_MESSAGE =
  'Dit wachtwoord is te zwak of te bekend: kies een langere zin of een mengeling die niet in een woordenboek staat en niet op uw naam of e-mailadres lijkt. / '
  + 'Ce mot de passe est trop faible ou trop connu : choisissez une phrase plus longue ou un mélange absent des dictionnaires et sans lien avec votre nom ou votre adresse e-mail.';

type Checker = { check(password: string, userInputs?: (string | number)[]): { score: number } };
let checker: Checker | undefined;

/**
 * zxcvbn-ts with the common, nl-BE, fr and en dictionaries, built on first use (about a second; the dictionaries stay
 * in memory afterwards) and never calling out: the check is offline.
 */
function strength(): Checker {
  if (!checker) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
    const fr = require('@zxcvbn-ts/language-fr') as typeof import('@zxcvbn-ts/language-fr');
    const nl = require('@zxcvbn-ts/language-nl-be') as typeof import('@zxcvbn-ts/language-nl-be');
    checker = new ZxcvbnFactory({
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary, ...nl.dictionary },
    }) as Checker;
  }
  return checker;
}

/** The words of the user's e-mail address, name and tenant name: a password built from them is easy to guess. */
const inputs = (context: (string | null | undefined)[]): string[] =>
  context.filter((c): c is string => !!c).flatMap((c) => [c, ...c.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter((w) => w.length >= 3);

export const isStrongPassword = (password: string, context: (string | null | undefined)[] = []): boolean =>
  strength().check(password, inputs(context)).score >= MIN_PASSWORD_SCORE;

/** Refuses a weak or common password with a 400 field error (nl and fr) on `field`; changes nothing. */
export function assertStrongPassword(password: string, field: string, context: (string | null | undefined)[]): void {
  if (!isStrongPassword(password, context)) throw invalid([{ field, message: WEAK_PASSWORD_MESSAGE }], 'The password is too weak.');
}
