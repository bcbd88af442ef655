import { request, type Page } from '@playwright/test';
import { checkA11y, expect, logins, signIn, test } from './fixtures';

/** Picks an option of a react-aria select by its visible label. */
async function choose(page: Page, field: string, option: string) {
  await page.getByRole('button', { name: new RegExp(`${field}$`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The casemanager's workspace: start page, register a signal, screen and retain it, the filtered list, a stale edit. */
test.describe('the casemanager registers, screens and follows a signal', () => {
  test('register (a field error first), screen, retain, filter by URL, back restores the filter; a stale edit offers a reload', async ({ page, baseURL }) => {
    const lastName = `Testpersoon${Date.now().toString(36)}`;
    await signIn(page, 'casemanager');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn werk');
    await expect(page.getByRole('heading', { name: /Signalen die wachten op screening/ })).toBeVisible();
    await checkA11y(page, 'start page');

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Dossiers' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossiers');
    await checkA11y(page, 'dossier list');
    await page.getByRole('link', { name: 'Signaal registreren' }).click();
    await expect(page).toHaveURL(/\/dossiers\/new$/);

    // The search before registering: the name typed shows what exists already.
    await page.getByLabel('Voornaam').fill('Robin');
    await page.getByLabel('Achternaam').fill(lastName);
    await expect(page.getByText('Geen bestaand dossier gevonden met deze naam.')).toBeVisible();
    await choose(page, 'Fenomeen', 'Polarisering');
    await choose(page, 'Aanmeldende partner', 'Lokale Politie');
    // The demo LIVC is a joint one: the dossier names its municipality.
    await choose(page, 'Gemeente van het dossier', 'Lindebeke');
    await page.getByLabel('Samenvatting van het signaal').fill('Signaal van de wijkagent over berichten op sociale media.');
    // A received date in the future is refused next to its field.
    const year = page.getByRole('spinbutton', { name: 'jaar, Ontvangen op' });
    await year.focus();
    await page.keyboard.press('ArrowUp');
    await checkA11y(page, 'register a signal');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await expect(page.getByText('De ontvangstdatum mag niet na vandaag liggen.')).toBeVisible();
    await expect(year).toHaveAttribute('aria-invalid', 'true');
    await year.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('button', { name: 'Registreren' }).click();

    await expect(page).toHaveURL(/\/dossiers\/[0-9a-f-]{36}$/);
    const dossierUrl = page.url();
    const id = dossierUrl.split('/').pop()!;
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Dossier LIVC-');
    const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Dossier ', '').trim();
    await expect(page.getByText(`Robin ${lastName}`).first()).toBeVisible();
    await checkA11y(page, 'dossier page');

    // Screen and retain it: screening goes at once, retaining asks an optional reason in a dialog.
    const lifecycle = page.getByRole('region', { name: 'Levensloop' });
    await lifecycle.getByRole('button', { name: 'Screening starten' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Het dossier is nu: Screening.' })).toBeVisible();
    // Retaining is decided on the screening form: its four questions first.
    const screening = page.getByRole('region', { name: 'Screening', exact: true });
    for (const [question, choice] of [['Is er een link met radicalisering, extremisme of terrorisme?', 'Ja'], ['Is er een veiligheidsrisico waarvoor eerder politie of parket nodig is?', 'Nee'],
      ['Is er een zorgnood?', 'Ja'], ['Is een andere dienst beter geplaatst?', 'Nee']]) {
      await screening.getByRole('radiogroup', { name: question }).getByRole('radio', { name: choice, exact: true }).check({ force: true });
    }
    await screening.getByRole('button', { name: 'Screening bewaren' }).click();
    await expect(screening.getByRole('status')).toContainText('De screening is bewaard.');
    await lifecycle.getByRole('button', { name: 'Weerhouden', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Weerhouden', exact: true });
    await dialog.getByLabel('Reden (niet verplicht)').fill('Zorgwekkende signalen, kernteam nodig');
    await checkA11y(page, 'retain dialog');
    await dialog.getByRole('button', { name: 'Weerhouden', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Het dossier is nu: Weerhouden.' })).toBeVisible();
    const timeline = page.getByRole('region', { name: 'Tijdlijn' });
    await expect(timeline.getByRole('row')).toHaveCount(5); // header + REGISTER, START_SCREENING, SAVE_SCREENING, RETAIN
    await expect(timeline.getByRole('row').nth(4)).toContainText('Screening → , Weerhouden');

    // The filtered list lives in the URL; back restores it.
    await page.goto(`/dossiers?state=WEERHOUDEN&q=${lastName}`);
    await expect(page.getByLabel('Status')).toHaveValue('WEERHOUDEN');
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('Weerhouden');
    await page.getByRole('button', { name: 'Referentie', exact: true }).click();
    await expect(page).toHaveURL(/sort=reference/);
    await expect(page.getByRole('columnheader', { name: 'Referentie' })).toHaveAttribute('aria-sort', 'ascending');
    await rows.nth(1).getByRole('link').click();
    await expect(page).toHaveURL(dossierUrl);
    await page.goBack();
    await expect(page).toHaveURL(/state=WEERHOUDEN/);
    await expect(page).toHaveURL(new RegExp(`q=${lastName}`));
    await expect(page.getByLabel('Status')).toHaveValue('WEERHOUDEN');
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
    await checkA11y(page, 'filtered list');

    // A stale edit: another session changes the dossier between loading and saving.
    await page.goto(dossierUrl);
    const summary = page.getByRole('region', { name: 'Samenvatting van het signaal' });
    await summary.getByRole('button', { name: 'Samenvatting wijzigen' }).click();
    const typed = 'Bijgewerkte samenvatting die niet verloren mag gaan.';
    await summary.getByLabel('Samenvatting van het signaal').fill(typed);
    const other = await request.newContext({ baseURL });
    const login = await other.post('/api/auth/login', { data: { email: logins().casemanager.email, password: logins().casemanager.password } });
    const token = (await login.json()).accessToken;
    const current = await (await other.get(`/api/dossiers/${id}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    const changed = await other.patch(`/api/dossiers/${id}`, { headers: { Authorization: `Bearer ${token}` }, data: { version: current.version, phenomenon: 'EXTREMISME' } });
    expect(changed.status()).toBe(200);
    await other.dispose();
    await summary.getByRole('button', { name: 'Opslaan' }).click();
    await expect(summary.getByRole('alert')).toContainText('Iemand anders heeft dit intussen gewijzigd.');
    await checkA11y(page, 'stale edit');
    await summary.getByRole('button', { name: 'Nieuwste versie laden' }).click();
    await expect(summary.getByRole('status')).toContainText('De nieuwste versie is geladen');
    await expect(page.getByRole('region', { name: 'Gegevens' })).toContainText('Extremisme');
    await expect(summary.getByLabel('Samenvatting van het signaal')).toHaveValue(typed);
    await summary.getByRole('button', { name: 'Opslaan' }).click();
    await expect(summary).toContainText(typed);
    await expect(summary.getByRole('button', { name: 'Samenvatting wijzigen' })).toBeVisible();

    // Registering the same person again: the search before registering shows the existing dossier, with a link.
    await page.goto('/dossiers/new');
    await page.getByLabel('Achternaam').fill(lastName);
    await expect(page.getByText('1 bestaand dossier gevonden.', { exact: false })).toBeVisible();
    await expect(page.getByRole('complementary').getByRole('link', { name: reference })).toHaveAttribute('href', new RegExp(`/dossiers/${id}$`));
  });

  test('the workspace in French', async ({ page }) => {
    await signIn(page, 'casemanager', { lang: 'fr' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon travail');
    await checkA11y(page, 'start page (fr)');
    await page.goto('/dossiers?state=WEERHOUDEN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossiers');
    await expect(page.getByLabel('Statut')).toHaveValue('WEERHOUDEN');
    await checkA11y(page, 'dossier list (fr)');
    const first = page.getByRole('table').getByRole('row').nth(1).getByRole('link');
    if (await first.count()) {
      await first.click();
      await expect(page.getByRole('region', { name: 'Cycle de vie' })).toBeVisible();
      await checkA11y(page, 'dossier page (fr)');
    }
    await page.goto('/dossiers/new');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enregistrer un signalement');
    await checkA11y(page, 'register (fr)');
  });

  test('the chair and other roles get a start page with only what they may open', async ({ page }) => {
    await signIn(page, 'voorzitter');
    await expect(page.getByRole('heading', { name: 'Volgende vergaderingen' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /Verslagen goed te keuren/ })).toBeVisible();
    await checkA11y(page, 'chair start');
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await signIn(page, 'evaluator');
    // The evaluator's own start page: figures and the plan, never a link into a dossier.
    const main = page.getByRole('main');
    await expect(main.getByRole('link', { name: /plan/i }).first()).toBeVisible();
    await expect(main.locator('a[href^="/dossiers"]')).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Dossiers' })).toHaveCount(0);
    await checkA11y(page, 'evaluator start');
  });
});
