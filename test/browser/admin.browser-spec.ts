import { type Locator, type Page } from '@playwright/test';
import { checkA11y, expect, signIn, test } from './fixtures';

/** Picks an option of a react-aria select (inside `scope`) by its visible label. */
async function choose(page: Page, scope: Locator, field: string, option: string) {
  await scope.getByRole('button', { name: new RegExp(`${field}$`) }).click();
  await page.locator('.popover').getByRole('option', { name: option, exact: true }).click();
}

const unique = () => Math.random().toString(36).slice(2, 8);

test.describe('functional admin, invitations and my profile', () => {
  test('the admin invites a partner member; the new user chooses a password (in French), signs in, and changes it on /profile', async ({ page, browser, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, 'admin');
    // The admin's start page: counts and links to the admin pages.
    await expect(page.getByRole('heading', { level: 2, name: 'Gebruikers' })).toBeVisible();
    await expect(page.getByText(/\d+ gebruikers/)).toBeVisible();
    await checkA11y(page, 'admin start');

    await page.getByRole('link', { name: 'Gebruikers beheren' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Gebruikers' })).toBeVisible();
    await checkA11y(page, '/admin/users');

    const email = `nieuw.${unique()}@demo.kernteam.be`;
    await page.getByRole('button', { name: 'Nieuwe gebruiker' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-mailadres').fill(email);
    await dialog.getByLabel('Naam').fill('Nieuwe jeugdwerker');
    await choose(page, dialog, 'Rol', 'partnerlid');
    // A member needs a partner: creating without one is refused next to the field.
    await dialog.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await expect(dialog.getByText('Kies de partner voor deze rol.')).toBeVisible();
    await checkA11y(page, 'new user dialog');
    await choose(page, dialog, 'Partner', 'Onderwijs, Opvoeding en Jeugd');
    await expect(dialog.getByLabel(/Wachtwoord/)).toHaveCount(0); // the admin never types a password
    await dialog.getByRole('button', { name: 'Gebruiker aanmaken' }).click();

    const invitation = page.getByRole('alertdialog', { name: 'Gebruiker aangemaakt: uitnodiging' });
    await expect(invitation.getByText(/werkt één keer/)).toBeVisible();
    await invitation.getByRole('button', { name: 'Link kopiëren' }).click();
    await expect(invitation.getByText('De link is gekopieerd.')).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/password-reset\?token=[A-Za-z0-9_-]{43}$/);
    await checkA11y(page, 'invitation link');
    await invitation.getByRole('button', { name: 'Klaar' }).click();
    const row = page.getByRole('row', { name: /Nieuwe jeugdwerker/ });
    await expect(row.getByText('Uitnodiging nog niet gebruikt')).toBeVisible();

    // The new user, in a browser of their own, in French.
    const theirs = await browser.newContext();
    const user = await theirs.newPage();
    await user.goto(`${link}&lang=fr`);
    await expect(user.getByRole('heading', { level: 1, name: 'Nouveau mot de passe' })).toBeVisible();
    await expect(user).toHaveURL(/\/password-reset$/); // the token leaves the address bar (and the history)
    await checkA11y(user, '/password-reset (fr)');
    await user.getByLabel('Nouveau mot de passe', { exact: true }).fill('mon premier mot de passe');
    await user.getByLabel('Répéter le nouveau mot de passe').fill('mon premier mot de passe');
    await user.getByRole('button', { name: 'Définir le mot de passe' }).click();
    await expect(user).toHaveURL(/\/login/);
    await expect(user.getByText('Votre mot de passe est défini.')).toBeVisible();
    expect(await user.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toMatch(/token/i);
    await user.getByLabel('Adresse e-mail').fill(email);
    await user.getByLabel('Mot de passe').fill('mon premier mot de passe');
    await user.getByRole('button', { name: 'Se connecter' }).click();
    // A member's start page is what waits for them.
    await expect(user.getByRole('heading', { level: 1, name: 'À faire' })).toBeVisible();
    await expect(user.getByText(/Nieuwe jeugdwerker/).first()).toBeVisible();

    // A used link is refused, without saying why beyond "not valid (any more)".
    const again = await browser.newPage();
    await again.goto(`${link}&lang=fr`);
    await again.getByLabel('Nouveau mot de passe', { exact: true }).fill('un autre mot de passe');
    await again.getByLabel('Répéter le nouveau mot de passe').fill('un autre mot de passe');
    await again.getByRole('button', { name: 'Définir le mot de passe' }).click();
    await expect(again.getByRole('alert')).toContainText('ne fonctionne pas');
    await again.close();

    // My profile, from the header; change my own password there.
    await user.getByRole('link', { name: 'Mon profil' }).click();
    await expect(user.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
    await expect(user.getByText(email)).toBeVisible();
    await expect(user.getByText('Onderwijs, Opvoeding en Jeugd')).toBeVisible();
    await checkA11y(user, '/profile (fr)');
    await user.getByLabel('Mot de passe actuel').fill('pas le bon mot de passe');
    await user.getByLabel('Nouveau mot de passe', { exact: true }).fill('mon deuxième mot de passe');
    await user.getByLabel('Répéter le nouveau mot de passe').fill('mon deuxième mot de passe');
    await user.getByRole('button', { name: 'Modifier le mot de passe' }).click();
    const current = user.getByLabel('Mot de passe actuel');
    await expect(current).toHaveAttribute('aria-invalid', 'true');
    await expect(user.getByText("Ce n'est pas votre mot de passe actuel.")).toBeVisible();
    await current.fill('mon premier mot de passe');
    await user.getByLabel('Nouveau mot de passe', { exact: true }).fill('mon deuxième mot de passe');
    await user.getByLabel('Répéter le nouveau mot de passe').fill('mon deuxième mot de passe');
    await user.getByRole('button', { name: 'Modifier le mot de passe' }).click();
    await expect(user.getByText('Votre mot de passe a été modifié.')).toBeVisible();
    // This browser stays signed in; the new password is the one that works.
    await user.reload();
    await expect(user.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
    const login = await user.request.post('/api/auth/login', { data: { email, password: 'mon deuxième mot de passe' } });
    expect(login.status()).toBe(200);
    await theirs.close();

    // Back with the admin: the invitation is used.
    await page.reload();
    await expect(page.getByRole('row', { name: /Nieuwe jeugdwerker/ }).getByText('Uitnodiging nog niet gebruikt')).toHaveCount(0);
  });

  test('the admin filters users in the URL, resets a password with a one-time link, and manages partners', async ({ page }) => {
    await signIn(page, 'admin', { to: '/admin/users?role=member' });
    await expect(page.getByRole('heading', { level: 1, name: 'Gebruikers' })).toBeVisible();
    await expect(page.getByLabel('Rol')).toHaveValue('member');
    await expect(page.getByRole('row', { name: /Informatieambtenaar politie/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /Preventieambtenaar/ })).toHaveCount(0);

    // A user of this test's own, so no other spec's sign-in changes.
    await page.getByRole('button', { name: 'Nieuwe gebruiker' }).click();
    const dialog = page.getByRole('dialog');
    const name = `Reset ${unique()}`;
    await dialog.getByLabel('E-mailadres').fill(`${name.replace(' ', '.').toLowerCase()}@demo.kernteam.be`);
    await dialog.getByLabel('Naam').fill(name);
    await choose(page, dialog, 'Rol', 'casemanager');
    await dialog.getByRole('button', { name: /Partner$/ }).click();
    // Only the CASEMANAGEMENT partner is offered to a casemanager.
    await expect(page.locator('.popover').getByRole('option')).toHaveText(['Casemanagement (Samenleven en Welzijn)']);
    await page.locator('.popover').getByRole('option').first().click();
    await dialog.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Klaar' }).click();
    await page.getByLabel('Rol').selectOption('casemanager');
    await expect(page).toHaveURL(/role=casemanager/);

    await page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: /Wachtwoord opnieuw instellen/ }).click();
    const reset = page.getByRole('alertdialog');
    await expect(reset).toContainText('U ziet of kiest het wachtwoord nooit zelf.');
    await reset.getByRole('button', { name: 'Link aanmaken' }).click();
    await expect(reset.getByLabel('Eenmalige link')).toHaveValue(/\/password-reset\?token=/);
    await checkA11y(page, 'reset link');
    await reset.getByRole('button', { name: 'Klaar' }).click();

    // Edit: deactivate the account.
    await page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: /^Wijzigen/ }).click();
    const edit = page.getByRole('dialog');
    await edit.getByText('Account actief').click();
    await edit.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByLabel('Status').selectOption('false');
    await expect(page).toHaveURL(/active=false/);
    await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();

    // Partners: add one, rename it, deactivate it after confirming.
    await page.goto('/admin/partners');
    await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();
    await checkA11y(page, '/admin/partners');
    const partner = `Jeugdwelzijn ${unique()}`;
    await page.getByLabel('Naam').fill(partner);
    await choose(page, page.locator('form'), 'Soort partner', 'Andere');
    await page.getByRole('button', { name: 'Partner toevoegen' }).click();
    await expect(page.getByRole('status')).toContainText(`Partner ${partner} toegevoegd.`);
    await page.getByRole('row', { name: new RegExp(partner) }).getByRole('button', { name: /^Wijzigen/ }).click();
    const pd = page.getByRole('dialog');
    await pd.getByLabel('Naam').fill(`${partner} (Gent)`);
    await pd.getByRole('button', { name: 'Opslaan' }).click();
    const prow = page.getByRole('row', { name: new RegExp(`${partner} \\(Gent\\)`) });
    await prow.getByRole('button', { name: /^Deactiveren/ }).click();
    const confirm = page.getByRole('alertdialog');
    await expect(confirm).toContainText('verliezen meteen hun toegang');
    await checkA11y(page, 'deactivate partner');
    await confirm.getByRole('button', { name: 'Deactiveren' }).click();
    await expect(prow.getByText('Gedeactiveerd')).toBeVisible();
  });

  test('the admin chooses the standing members in the settings (and puts the default back)', async ({ page }) => {
    await signIn(page, 'admin', { to: '/admin/settings' });
    await expect(page.getByRole('heading', { level: 1, name: 'Instellingen van het LIVC' })).toBeVisible();
    await checkA11y(page, '/admin/settings');
    await page.getByRole('radio', { name: 'Zelf kiezen' }).check({ force: true });
    const ocmw = page.getByRole('checkbox', { name: 'OCMW' });
    await ocmw.check({ force: true });
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByRole('status')).toHaveText('Opgeslagen.');
    await page.reload();
    await expect(page.getByRole('radio', { name: 'Zelf kiezen' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'OCMW' })).toBeChecked();
    // Other specs rely on the default standing partners.
    await page.getByRole('radio', { name: /Standaard volgens soort partner/ }).check({ force: true });
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByRole('status')).toHaveText('Opgeslagen.');
    await page.reload();
    await expect(page.getByRole('radio', { name: /Standaard volgens soort partner/ })).toBeChecked();
  });
});
