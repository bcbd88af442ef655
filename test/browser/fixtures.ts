import { createHmac } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

export type DemoUser = 'admin' | 'voorzitter' | 'casemanager' | 'politie' | 'onderwijs' | 'ocmw' | 'evaluator' | 'dpo';
/** Also the casemanager of the demo's second LIVC (LIVC-R Demo-Oost), for transfers between LIVCs. */
export type AnyDemoUser = DemoUser | 'casemanager.oost';

export const logins = (): Record<AnyDemoUser, { email: string; password: string; role: string }> => JSON.parse(process.env.BROWSER_LOGINS ?? '{}');

/** Signs in through the sign-in page as a person would (labels of UI.md) and waits for the start page. */
export async function signIn(page: Page, who: AnyDemoUser, opts: { lang?: 'nl' | 'fr'; to?: string } = {}) {
  const l = logins()[who];
  const fr = opts.lang === 'fr';
  await page.goto(`${opts.to ?? '/'}${opts.lang ? `${(opts.to ?? '/').includes('?') ? '&' : '?'}lang=${opts.lang}` : ''}`);
  await page.waitForURL(/\/login/);
  await page.getByLabel(fr ? 'Adresse e-mail' : 'E-mailadres').fill(l.email);
  await page.getByLabel(fr ? 'Mot de passe' : 'Wachtwoord').fill(l.password);
  await page.getByRole('button', { name: fr ? 'Se connecter' : 'Aanmelden' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await expect(page.getByRole('button', { name: fr ? 'Se déconnecter' : 'Afmelden' })).toBeVisible();
}

/**
 * Waits until every block of the page has loaded: a block that is still loading grows when its data comes, which moves
 * the blocks below it, and a click aimed before that lands beside its target.
 */
export async function settled(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: /^(Laden…|Chargement…)$/ })).toHaveCount(0);
}

/** WCAG 2.2 AA as axe-core checks it: zero violations on the page as it is now. */
export async function checkA11y(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** What an authenticator app shows for a base32 key, `offsetSteps` 30-second steps from now (RFC 6238, SHA-1, 6 digits). */
export function appCode(key: string, offsetSteps = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of key.replace(/\s/g, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const secret = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + offsetSteps));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const o = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

export { expect };
export const test = base;
