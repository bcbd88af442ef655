import { appCode, checkA11y, expect, logins, signIn, test } from './fixtures';

test.describe('two-step verification', () => {
  test('a user enrols TOTP on /profile, signs out, and signs in with password and a code of the app', async ({ page, request }) => {
    // An account of its own: enrolling a demo user would change how every other spec signs in.
    const admin = logins().admin;
    const token = (await (await request.post('/api/auth/login', { data: { email: admin.email, password: admin.password } })).json()).accessToken;
    const email = `tweestap.${Math.random().toString(36).slice(2, 8)}@demo.kernteam.be`;
    const password = 'Scheldekaai bij valavond 1913';
    const created = await request.post('/api/users', { headers: { Authorization: `Bearer ${token}` }, data: { email, name: 'Tweestap Tester', role: 'evaluator', password } });
    expect(created.status()).toBe(201);

    await page.goto('/profile');
    await page.waitForURL(/\/login/);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mijn profiel' })).toBeVisible();

    const section = page.getByRole('region', { name: 'Tweestapsverificatie' });
    await expect(section.getByText(/^Uit\./)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Aanmeldsessies' }).getByText('Deze sessie')).toBeVisible();
    await section.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
    await expect(section.getByRole('img', { name: /QR-code/ })).toBeVisible();
    await checkA11y(page, '/profile enrolment');
    // The key as the page shows it to type by hand; the test is the authenticator app.
    const key = (await section.locator('code').first().textContent())!.replace(/\s/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await section.getByLabel('Code uit de app').fill('000000');
    await section.getByRole('button', { name: 'Bevestigen en inschakelen' }).click();
    await expect(section.getByText('Deze code klopt niet', { exact: false })).toBeVisible();
    await section.getByLabel('Code uit de app').fill(appCode(key));
    await section.getByRole('button', { name: 'Bevestigen en inschakelen' }).click();
    await expect(section.getByRole('heading', { name: 'Uw herstelcodes' })).toBeVisible();
    await expect(section.getByRole('list', { name: 'Uw herstelcodes' }).getByRole('listitem')).toHaveCount(10);
    await checkA11y(page, '/profile recovery codes');
    await section.getByRole('button', { name: 'Ik heb ze bewaard' }).click();
    await expect(section.getByText(/^Aan sinds .*Nog 10 ongebruikte herstelcodes\./)).toBeVisible();

    await page.getByRole('button', { name: 'Afmelden', exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    const code = page.getByLabel('Code uit de app');
    await expect(code).toBeVisible();
    await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(page.getByRole('button', { name: 'Een herstelcode gebruiken' })).toBeVisible();
    await checkA11y(page, '/login second step');
    // The code of the enrolment was used; the next one of the app is accepted (one step ahead is within the window).
    await code.fill(appCode(key, 1));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await expect(page.getByRole('button', { name: 'Afmelden', exact: true })).toBeVisible();
  });

  test('the admin ends all sessions of a user and resets their second factor on /admin/users; the setting is on /admin/settings', async ({ page, request, browser }) => {
    const admin = logins().admin;
    const token = (await (await request.post('/api/auth/login', { data: { email: admin.email, password: admin.password } })).json()).accessToken;
    const name = `Sessietester ${Math.random().toString(36).slice(2, 6)}`;
    const email = `sessies.${Math.random().toString(36).slice(2, 8)}@demo.kernteam.be`;
    const password = 'Korenmarkt onder de regen 1999';
    expect((await request.post('/api/users', { headers: { Authorization: `Bearer ${token}` }, data: { email, name, role: 'evaluator', password } })).status()).toBe(201);
    // The user is signed in elsewhere.
    const theirs = await browser.newContext();
    const their = await theirs.newPage();
    await their.goto('/login');
    await their.getByLabel('E-mailadres').fill(email);
    await their.getByLabel('Wachtwoord').fill(password);
    await their.getByRole('button', { name: 'Aanmelden' }).click();
    await expect(their.getByRole('button', { name: 'Afmelden', exact: true })).toBeVisible();

    await signIn(page, 'admin', { to: '/admin/users' });
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.getByRole('button', { name: `Alle sessies beëindigen: ${name}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Alle sessies van ${name} beëindigen?` });
    await checkA11y(page, 'end all sessions dialog');
    await dialog.getByRole('button', { name: 'Alle sessies beëindigen' }).click();
    await expect(dialog.getByText(`Eén sessie van ${name} is beëindigd`, { exact: false })).toBeVisible();
    await dialog.getByRole('button', { name: 'Klaar' }).click();
    // Their next request is refused: the UI sends them to sign in.
    await their.goto('/profile');
    await their.waitForURL(/\/login/);
    await theirs.close();

    await row.getByRole('button', { name: `Tweestapsverificatie resetten: ${name}` }).click();
    const reset = page.getByRole('alertdialog', { name: `Tweestapsverificatie van ${name} resetten?` });
    await reset.getByRole('button', { name: 'Tweestapsverificatie resetten' }).click();
    await expect(reset.getByRole('alert')).toContainText('geen tweestapsverificatie');
    await reset.getByRole('button', { name: 'Annuleren' }).click();

    await page.goto('/admin/settings');
    const roles = page.getByRole('group', { name: 'Tweestapsverificatie verplicht voor' });
    await expect(roles.getByRole('checkbox')).toHaveCount(6);
    // The demo tenant requires it for no role (so the demo signs in with passwords only).
    for (const box of await roles.getByRole('checkbox').all()) await expect(box).not.toBeChecked();
    await checkA11y(page, '/admin/settings');
  });
});
