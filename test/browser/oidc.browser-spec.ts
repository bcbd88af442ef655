import { appCode, checkA11y, expect, logins, signIn, test } from './fixtures';

// The product runs with DEMO_OIDC=true (global-setup): its demo identity provider is the demo tenant's "Demo-IdP".
// This spec only signs in and out; it changes no demo data (the second-factor case makes an account of its own).
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

  test('a user with a second factor gives its code after the provider, on the sign-in page, and lands where it was asked', async ({ page, request }) => {
    const issuer = process.env.BROWSER_OIDC_ISSUER!;
    // An account of its own with TOTP enrolled: enrolling a demo user would change how every other spec signs in.
    const admin = logins().admin;
    const adminToken = (await (await request.post('/api/auth/login', { data: { email: admin.email, password: admin.password } })).json()).accessToken;
    const email = `idp.tweestap.${Math.random().toString(36).slice(2, 8)}@demo.kernteam.be`;
    const password = 'Korenmarkt onder de regen 1913';
    expect((await request.post('/api/users', { headers: { Authorization: `Bearer ${adminToken}` }, data: { email, name: 'IdP Tweestap', role: 'evaluator', password } })).status()).toBe(201);
    const token = (await (await request.post('/api/auth/login', { data: { email, password } })).json()).accessToken;
    const auth = { Authorization: `Bearer ${token}` };
    const { secret } = await (await request.post('/api/me/totp/enrol', { headers: auth })).json();
    expect((await request.post('/api/me/totp/confirm', { headers: auth, data: { code: appCode(secret) } })).status()).toBe(200);

    await page.goto('/profile');
    await page.waitForURL(/\/login/);
    await page.getByRole('link', { name: 'Aanmelden met Demo-IdP' }).click();
    await page.waitForURL((u) => u.href.startsWith(issuer));
    await page.locator('input[name=login]').fill(email);
    await page.locator('input[name=password]').fill('any password at all');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await expect(page.getByText('Uw identiteitsprovider heeft u aangemeld.', { exact: false })).toBeVisible();
    // The challenge came in the fragment and is out of the address bar now.
    expect(new URL(page.url()).hash).toBe('');
    await checkA11y(page, 'second step after a provider sign-in');
    await page.getByLabel('Code uit de app').fill(appCode(secret, 1));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.waitForURL((u) => u.pathname === '/profile');
    await expect(page.getByRole('heading', { level: 1, name: 'Mijn profiel' })).toBeVisible();
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

  test('the admin sees the providers (never a secret) and the API refuses a bad issuer next to its field', async ({ page }) => {
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Identiteitsproviders', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden via identiteitsprovider' })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: 'Demo-IdP' })).toBeVisible();
    await expect(page.getByText('/api/auth/oidc/callback')).toBeVisible();
    await checkA11y(page, 'identity providers admin');
    await page.getByLabel('Naam op de aanmeldknop').fill(`Extern ${Date.now()}`);
    await page.getByLabel('Issuer-URL').fill('http://idp.elders.example');
    await page.getByLabel('Client-ID').fill('kernteam');
    await page.getByLabel('Clientgeheim of private sleutel (JWK)').fill('geheim');
    await page.getByRole('button', { name: 'Identiteitsprovider toevoegen' }).click();
    await expect(page.getByLabel('Issuer-URL')).toHaveAttribute('aria-invalid', 'true');
  });

  test('other roles have no identity-provider page in their menu', async ({ page }) => {
    await signIn(page, 'casemanager');
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Identiteitsproviders' })).toHaveCount(0);
  });
});
