import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DemoUser, expect, signIn, test } from './fixtures';

/**
 * Not a test: refreshes docs/screenshots/ from the demo tenant (`SCREENSHOTS=1 npx playwright test screenshots`).
 * Skipped in the normal run.
 */
const OUT = resolve(__dirname, '../../docs/screenshots');
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh docs/screenshots');

test('screenshots of a dossier page and meeting mode', async ({ page }) => {
  mkdirSync(OUT, { recursive: true });
  await signIn(page, 'casemanager', { to: '/dossiers?state=IN_OPVOLGING' });
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.locator('.lifecycle svg')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}/dossier-page.png`, fullPage: true });

  await page.getByRole('button', { name: 'Afmelden' }).click();
  await signIn(page, 'voorzitter', { to: '/meetings' });
  await page.getByRole('table').getByRole('link').first().click();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}/meeting-page.png`, fullPage: true });
  await page.goto(`${new URL(page.url()).pathname}/zitting`);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}/meeting-mode.png`, fullPage: true });

  await page.goto('/?lang=fr');
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}/chair-start-fr.png`, fullPage: true });
});

/** Every demo role's start page, as a new user of that role sees it after signing in. */
const START_PAGES: readonly [DemoUser, string][] = [
  ['casemanager', 'casemanager-start'], ['voorzitter', 'chair-start'], ['politie', 'police-start'], ['onderwijs', 'school-start'],
  ['ocmw', 'ocmw-start'], ['evaluator', 'evaluator-start'], ['admin', 'admin-start'], ['dpo', 'auditor-start'],
];

for (const [who, file] of START_PAGES) {
  test(`screenshot of the ${who} start page`, async ({ page }) => {
    mkdirSync(OUT, { recursive: true });
    await signIn(page, who);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${OUT}/${file}.png`, fullPage: true });
  });
}

test('screenshots of the evaluator\'s plan and indicators and the auditor\'s trail', async ({ page }) => {
  await signIn(page, 'evaluator', { to: '/indicators' });
  await expect(page.locator('svg').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}/indicators.png`, fullPage: true });
  await page.goto('/plans');
  await page.getByRole('table').getByRole('link').first().click();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}/plan-tree.png`, fullPage: true });
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await signIn(page, 'dpo', { to: '/audit' });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}/audit-trail.png`, fullPage: true });
});
