import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, signIn, test } from './fixtures';

/**
 * Not a test: refreshes docs/screenshots/ from the demo tenant (`SCREENSHOTS=1 npx playwright test screenshots`).
 * Skipped in the normal run.
 */
const OUT = resolve(__dirname, '../../docs/screenshots');
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh docs/screenshots');

test('screenshots of the casemanager start page, a dossier page and meeting mode', async ({ page }) => {
  mkdirSync(OUT, { recursive: true });
  await signIn(page, 'casemanager');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}/casemanager-start.png`, fullPage: true });

  await page.goto('/dossiers?state=IN_OPVOLGING');
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
