import { checkA11y, expect, signIn, test } from './fixtures';

test.describe('the shell: sign-in, return to the deep link, language, session', () => {
  test('a deep link asks to sign in and then opens where it pointed; reload keeps the user signed in', async ({ page }) => {
    await page.goto('/dossiers?state=WEERHOUDEN');
    await expect(page).toHaveURL(/\/login\?redirect=/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden bij Kernteam');
    await checkA11y(page, 'login');
    await signIn(page, 'casemanager', { to: '/dossiers?state=WEERHOUDEN' });
    await expect(page).toHaveURL(/\/dossiers\?state=WEERHOUDEN/);
    await page.reload();
    await expect(page).toHaveURL(/\/dossiers\?state=WEERHOUDEN/);
    await expect(page.getByRole('button', { name: 'Afmelden' })).toBeVisible();
    // Nothing of the session is readable by scripts or kept in storage.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'kernteam.lang'))).toEqual([]);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
  });

  test('a wrong password says so next to the form and signs nobody in', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('E-mailadres').fill('casemanager@demo.kernteam.be');
    await page.getByLabel('Wachtwoord').fill('not-the-password');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await expect(page.getByRole('alert')).toContainText('horen niet bij elkaar');
    await expect(page).toHaveURL(/\/login/);
  });

  test('the language switch turns the UI to French, sets <html lang>, and stays after sign-out', async ({ page }) => {
    await signIn(page, 'voorzitter');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl-BE');
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr-BE');
    await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
    await checkA11y(page, 'start page (fr)');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se connecter à Kernteam');
    await expect(page.getByRole('button', { name: 'Nederlands' })).toBeVisible();
  });

  test('each role sees only the menu entries its rules allow', async ({ page }) => {
    await signIn(page, 'evaluator');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    // The evaluator's rules allow the plan, the indicators and the exports; never a dossier or the audit trail.
    await expect(nav.getByRole('link', { name: 'Indicatoren' })).toHaveCount(1);
    await expect(nav.getByRole('link', { name: 'Exports' })).toHaveCount(1);
    await expect(nav.getByRole('link', { name: 'Dossiers' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Audittrail' })).toHaveCount(0);
    await checkA11y(page, 'evaluator start');
  });

  test('the strict CSP holds: no page needs an inline script or style', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
    await signIn(page, 'casemanager');
    for (const path of ['/dossiers', '/dossiers/new', '/meetings', '/agreements', '/plans', '/indicators', '/profile']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.getByRole('button').first().hover();
    }
    expect(violations).toEqual([]);
  });
});
