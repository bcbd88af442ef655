import type { Browser, Page } from '@playwright/test';
import { checkA11y, expect, settled, signIn, test, type DemoUser } from './fixtures';

/**
 * The partner member's workspace and the feedback sheet flow, on the demo tenant. The demo meeting held a week ago
 * (present: Burgemeester, Casemanagement, Lokale Politie, Onderwijs, OCMW) discussed "Demo Persoon A" and agreed
 * "Opvolging door de wijkagent" for the police; no other spec uses that dossier's sheet or that agreement.
 */
test.describe.configure({ mode: 'serial' });

async function as(browser: Browser, who: DemoUser, to?: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who, { to });
  return page;
}

let sheetUrl = '';

test('a police member carries out their organisation\'s agreement from their start page', async ({ browser }) => {
  const page = await as(browser, 'politie');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Te doen');
  const todo = page.getByRole('region', { name: /Afspraken die uw organisatie uitvoert/ });
  const item = todo.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Opvolging door de wijkagent', exact: true }) });
  await expect(item).toBeVisible();
  await expect(page.getByRole('region', { name: 'Mijn dossiers' })).toBeVisible();
  await checkA11y(page, 'member start page');

  await item.getByRole('button', { name: 'Starten' }).click();
  await expect(item.getByText('In uitvoering')).toBeVisible();
  await item.getByRole('button', { name: 'Uitgevoerd', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await checkA11y(page, 'member start page (done dialog)');
  await dialog.getByRole('button', { name: 'Uitgevoerd', exact: true }).click();
  // Carried out: no longer waiting on the start page.
  await expect(todo.getByRole('link', { name: 'Opvolging door de wijkagent', exact: true })).toHaveCount(0);

  // A member registers a signal for their own partner only: it is shown, not chosen.
  await page.getByRole('link', { name: 'Signaal registreren' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Signaal registreren');
  await expect(page.getByText('U registreert dit signaal voor uw eigen organisatie.')).toBeVisible();
  await expect(page.getByText('Lokale Politie', { exact: false }).first()).toBeVisible();
  await expect(page.getByLabel('Aanmeldende partner')).toHaveCount(0);
  await checkA11y(page, 'register a signal (member)');
  await page.context().close();
});

test('the casemanager drafts and submits a feedback sheet about a discussed dossier; the police cannot see it yet', async ({ browser }) => {
  const page = await as(browser, 'casemanager', '/dossiers?q=Persoon%20A');
  await page.getByRole('link', { name: /^LIVC-/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Dossier LIVC-');
  const section = page.getByRole('region', { name: 'Terugkoppelingsfiches aan de politie' });
  await section.getByRole('button', { name: 'Terugkoppelingsfiche opstellen' }).click();
  // Another spec's meeting may have discussed this dossier too: then the demo meeting's discussion is the oldest.
  const discussions = section.getByRole('radio');
  if (await discussions.count()) await discussions.last().check({ force: true });
  await section.getByLabel('Inhoud').fill('Het kernteam volgt de situatie op met een gezamenlijke aanpak. Contactpersoon: de casemanager.');
  await section.getByRole('button', { name: 'Concept bewaren' }).click();
  await expect(section.getByText('Bevestig eerst dat de fiche geen beroepsgeheimen bevat.')).toBeVisible();
  await checkA11y(page, 'dossier page (draft a feedback sheet)');
  await section.getByText(/Ik bevestig dat deze fiche geen beroepsgeheimen bevat/).click();
  await section.getByRole('button', { name: 'Concept bewaren' }).click();

  await expect(page).toHaveURL(/\/feedback-sheets\/[0-9a-f-]{36}$/);
  sheetUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Terugkoppelingsfiche');
  await expect(page.getByText('Concept', { exact: true }).first()).toBeVisible();
  await checkA11y(page, 'feedback sheet (concept)');
  // Submitting asks the confirmation again on this page.
  await page.getByRole('button', { name: 'Indienen ter goedkeuring' }).click();
  await expect(page.getByText('Bevestig eerst dat de fiche geen beroepsgeheimen bevat.')).toBeVisible();
  await page.getByText(/Ik bevestig dat deze fiche geen beroepsgeheimen bevat/).click();
  await page.getByRole('button', { name: 'Indienen ter goedkeuring' }).click();
  await expect(page.getByText(/Wacht op de beslissing van 4 partners/)).toBeVisible();
  // The casemanager's own partner was present: it decides too.
  await page.getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(page.getByText('Uw beslissing is geregistreerd.')).toBeVisible();
  await checkA11y(page, 'feedback sheet (submitted)');
  await page.context().close();

  const police = await as(browser, 'politie', sheetUrl);
  await expect(police.getByText('Dit bestaat niet of u hebt er geen toegang toe.')).toBeVisible();
  await checkA11y(police, 'feedback sheet not visible to the police');
  await police.goto('/');
  await expect(police.getByRole('region', { name: /Goedgekeurde terugkoppelingsfiches/ }).getByRole('link')).toHaveCount(0);
  await police.context().close();
});

test('every approving partner decides: the chair by the e-mail link, the school and OCMW from their start page', async ({ browser }) => {
  const chair = await as(browser, 'voorzitter', sheetUrl);
  await expect(chair.getByRole('heading', { name: /Uw beslissing namens Burgemeester/ })).toBeVisible();
  await chair.getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(chair.getByText('Uw beslissing is geregistreerd.')).toBeVisible();
  await chair.context().close();

  for (const who of ['onderwijs', 'ocmw'] as const) {
    const page = await as(browser, who);
    await settled(page);
    const waiting = page.getByRole('region', { name: /Terugkoppelingsfiches die op uw beslissing wachten/ });
    await waiting.getByRole('link', { name: /Terugkoppelingsfiche ter goedkeuring/ }).first().click();
    await expect(page).toHaveURL(new RegExp(`${sheetUrl}$`));
    await checkA11y(page, `feedback sheet (${who} decides)`);
    await page.getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(page.getByText('Uw beslissing is geregistreerd.')).toBeVisible();
    if (who === 'ocmw') {
      await expect(page.getByText(/Goedgekeurd door alle partners die aan het overleg deelnamen/)).toBeVisible();
      await checkA11y(page, 'feedback sheet (approved)');
    }
    await page.context().close();
  }

  // Who decided, and when, for the casemanager: every partner approved, by name.
  const cm = await as(browser, 'casemanager', sheetUrl);
  const decisions = cm.getByRole('table');
  for (const p of ['Burgemeester', 'Casemanagement (Samenleven en Welzijn)', 'OCMW', 'Onderwijs, Opvoeding en Jeugd']) {
    await expect(decisions.getByRole('row', { name: new RegExp(p.replace(/[()]/g, '\\$&')) }).getByText('Goedgekeurd')).toBeVisible();
  }
  await expect(decisions.getByRole('cell', { name: 'Partner OCMW' })).toBeVisible();
  await cm.context().close();
});

test('the police member then sees the approved sheet on their start page, and was told in-app', async ({ browser }) => {
  const page = await as(browser, 'politie');
  await expect.poll(async () => {
    const res = await page.request.get('/api/notifications');
    const items = (await res.json()).items as { kind: string; entityId: string }[];
    return items.some((n) => n.kind === 'feedback.approved' && sheetUrl.endsWith(n.entityId));
  }, { timeout: 15_000 }).toBe(true);
  await settled(page);
  const approved = page.getByRole('region', { name: /Goedgekeurde terugkoppelingsfiches/ });
  await approved.getByRole('link', { name: /Goedgekeurde terugkoppelingsfiche van/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`${sheetUrl}$`));
  await expect(page.getByText(/Het kernteam volgt de situatie op met een gezamenlijke aanpak/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /Uw beslissing/ })).toHaveCount(0);
  await checkA11y(page, 'feedback sheet read by the police');
  await page.context().close();
});

test('an OCMW member shares a restricted contribution, which the police member does not see', async ({ browser }) => {
  const text = `Beperkte info OCMW ${Date.now()}`;
  const ocmw = await as(browser, 'ocmw');
  // "Mijn dossiers" on the start page leads to the list of the dossiers OCMW is involved in (Persoon C, which it referred).
  await ocmw.getByRole('region', { name: /Mijn dossiers/ }).getByRole('link', { name: /dossiers van mijn organisatie/ }).click();
  await expect(ocmw).toHaveURL(/\/dossiers\?involvedPartnerId=/);
  await checkA11y(ocmw, 'my dossiers (member)');
  await ocmw.goto('/dossiers?q=Persoon%20C');
  await ocmw.getByRole('link', { name: /^LIVC-/ }).first().click();
  await expect(ocmw.getByRole('heading', { level: 1 })).toContainText('Dossier LIVC-');
  await expect(ocmw.getByText('Persoon C').first()).toBeVisible();
  const dossierUrl = new URL(ocmw.url()).pathname;
  await ocmw.getByRole('textbox', { name: 'Bijdrage', exact: true }).fill(text);
  // The choice is explicit: nothing is selected until the member chooses, and each option says who reads it.
  await expect(ocmw.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(ocmw.getByRole('radio', { name: /Beperkt.*Alleen de casemanagers en de leden van uw eigen organisatie/ })).toHaveCount(1);
  await checkA11y(ocmw, 'dossier page (add a contribution)');
  await ocmw.getByRole('radiogroup', { name: 'Wie mag dit lezen?' }).getByRole('radio', { name: /^Beperkt/ }).check({ force: true });
  await ocmw.getByRole('button', { name: 'Bijdrage toevoegen' }).click();
  await expect(ocmw.getByText(text)).toBeVisible();

  await ocmw.context().close();
  const police = await as(browser, 'politie', dossierUrl);
  await expect(police.getByRole('heading', { level: 1 })).toContainText('Dossier LIVC-');
  await expect(police.getByRole('region', { name: 'Bijdragen' })).toBeVisible();
  await expect(police.getByText(text)).toHaveCount(0);
  await checkA11y(police, 'dossier page (police)');
  await police.context().close();
});

test('the member\'s start page in French', async ({ page }) => {
  await signIn(page, 'onderwijs', { lang: 'fr' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('À faire');
  await expect(page.getByRole('region', { name: /Accords que votre organisation exécute/ })).toBeVisible();
  await expect(page.getByRole('region', { name: /Mes dossiers/ })).toBeVisible();
  await checkA11y(page, 'member start page (fr)');
});
