import { checkA11y, expect, logins, test } from './fixtures';

// The product runs with DEMO_OIDC=true (global-setup): its demo identity provider is the demo tenant's "Demo-IdP".
// This spec only signs in and out; it changes no demo data.
test.describe('sign-in through the identity provider', () => {
  test('signs in at the provider, lands where it was asked, and signs out at the provider too', async ({ page }) => {
    const issuer = process.env.BROWSER_OIDC_ISSUER!;
    await page.goto('/dossiers');
    await page.waitForURL(/\/login/);
    const button = page.getByRole('link', { name: 'Aanmelden met Demo-IdP' });
    await expect(button).toBeVisible();
    await checkA11y(page, 'login with provider buttons');
    await button.click();
    // The provider's own (development) login form: a demo address and any password.
    await page.waitForURL((u) => u.href.startsWith(issuer));
    await page.locator('input[name=login]').fill(logins().casemanager.email);
    await page.locator('input[name=password]').fill('any password at all');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((u) => !u.href.startsWith(issuer) && u.pathname === '/dossiers');
    await expect(page.getByRole('button', { name: 'Afmelden' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    await page.getByRole('button', { name: 'Afmelden' }).click();
    // RP-initiated logout: the provider asks, then returns to the login page.
    await page.waitForURL((u) => u.href.startsWith(issuer));
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(/\/login/);
    await expect(page.getByRole('heading', { name: 'Aanmelden bij Kernteam' })).toBeVisible();
    // Signed out at Kernteam: a page of the app asks to sign in again.
    await page.goto('/dossiers');
    await page.waitForURL(/\/login/);
  });

  test('a person without a Kernteam account is refused with an explanation (fr-BE)', async ({ page }) => {
    const issuer = process.env.BROWSER_OIDC_ISSUER!;
    await page.goto('/login?lang=fr');
    await page.getByRole('link', { name: 'Se connecter avec Demo-IdP' }).click();
    await page.waitForURL((u) => u.href.startsWith(issuer));
    await page.locator('input[name=login]').fill('inconnu@elders.example');
    await page.locator('input[name=password]').fill('x');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL(/\/login\?reason=oidc-refused/);
    await expect(page.getByRole('alert')).toContainText('aucun compte Kernteam actif');
    await checkA11y(page, 'login after a refused provider sign-in');
  });
});
