import type { Locator, Page } from '@playwright/test';
import { checkA11y, expect, signIn, test } from './fixtures';

/** A react-aria date field: its segments take digits in the locale's order (day, month, year for nl-BE and fr-BE). */
async function typeDate(field: Locator, isoDate: string) {
  const [y, m, d] = isoDate.split('-');
  await field.locator('[role="spinbutton"]').first().click();
  await field.page().keyboard.type(`${d}${m}${y}`);
}

const brusselsToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
const plusDays = (iso: string, n: number) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

async function stance(page: Page, partner: string | RegExp, choice: string) {
  await page.getByRole('radiogroup', { name: partner }).getByRole('radio', { name: choice, exact: true }).check({ force: true });
}

async function addAgreement(page: Page, n: number, description: string, partner: string, due: string, fr = false) {
  await page.getByRole('button', { name: fr ? 'Ajouter un accord' : 'Afspraak toevoegen' }).click();
  const group = page.getByRole('group', { name: fr ? `Accord ${n}` : `Afspraak ${n}` });
  await group.getByLabel(fr ? 'Description' : 'Omschrijving').fill(description);
  await group.getByRole('button', { name: fr ? /Partenaire responsable/ : /Verantwoordelijke partner/ }).click();
  await page.getByRole('option', { name: partner }).click();
  await typeDate(group.locator('.date-group'), due);
}

test.describe('the chair holds a meeting in meeting mode while the casemanager follows it live', () => {
  test('plan, build the agenda, check in, open, record outcomes (a reservation, full endorsement), close, approve', async ({ page, browser }) => {
    const tomorrow = plusDays(brusselsToday(), 1);
    const due = plusDays(brusselsToday(), 30);

    await signIn(page, 'voorzitter', { to: '/meetings' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vergaderingen');
    await checkA11y(page, 'meetings list');

    // Plan a meeting for tomorrow.
    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nieuwe vergadering' });
    await typeDate(dialog.locator('.date-group'), tomorrow);
    await dialog.getByLabel('Uur').fill('10:00');
    await dialog.getByLabel('Plaats').fill('Stadhuis, zaal 3');
    await dialog.getByRole('button', { name: 'Vergadering plannen' }).click();
    await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
    const meetingUrl = new URL(page.url()).pathname;
    await expect(page.getByText('Gepland').first()).toBeVisible();

    // The backlog holds the demo's two dossiers in follow-up (and any retained one another test left); both go on the agenda.
    const backlog = page.getByRole('region', { name: 'Dossiers om te agenderen' });
    const adds = backlog.getByRole('row').filter({ hasText: 'In opvolging' }).getByRole('button', { name: /op de agenda zetten/ });
    await expect(adds).toHaveCount(2);
    await adds.first().click();
    await expect(adds).toHaveCount(1);
    await adds.first().click();
    await expect(adds).toHaveCount(0);
    const agenda = page.getByRole('region', { name: 'Agenda' });
    await expect(agenda.getByRole('button', { name: /van de agenda halen/ })).toHaveCount(2);
    await checkA11y(page, 'meeting page (planning)');

    await page.getByRole('button', { name: 'Agenda vastleggen' }).click();
    await expect(page.getByRole('dialog')).toContainText('uitnodiging');
    await page.getByRole('dialog').getByRole('button', { name: 'Agenda vastleggen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'uitnodigingen worden verstuurd' })).toBeVisible();

    // The casemanager follows the meeting page in a second browser.
    const cmContext = await browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
    const cm = await cmContext.newPage();
    await signIn(cm, 'casemanager', { to: meetingUrl });
    await expect(cm).toHaveURL(new RegExp(`${meetingUrl}$`));

    // Meeting mode: check-in gates the opening.
    await page.getByRole('link', { name: 'Zitting starten' }).click();
    await expect(page).toHaveURL(/\/zitting/);
    await expect(page.getByRole('region', { name: /Gedeeld beroepsgeheim/ })).toContainText('blijft geheim');
    await expect(page.getByRole('region', { name: 'Openstaande afspraken uit vorige vergaderingen' })).toContainText('Huisbezoek door de casemanager');
    const open = page.getByRole('button', { name: 'Zitting openen' });
    await expect(open).toBeDisabled();
    for (const name of [/^Burgemeester/, /^Casemanagement/, /^Lokale Politie/, /^OCMW/]) {
      await page.getByRole('checkbox', { name }).check({ force: true });
    }
    await expect(open).toBeDisabled();
    await page.getByRole('button', { name: 'Aanwezigheden opslaan' }).click();
    await expect(page.getByText('4 partners aanwezig, opgeslagen.')).toBeVisible();
    await checkA11y(page, 'meeting mode (check-in)');
    await open.click();
    await expect(page.getByText('Punt 1 / 2')).toBeVisible();
    await checkA11y(page, 'meeting mode (session)');

    // Item 1: discussed, one agreement, the OCMW makes a reservation.
    await page.getByRole('radiogroup', { name: 'Uitkomst' }).getByRole('radio', { name: 'Besproken' }).check({ force: true });
    await page.getByLabel('Samenvatting').fill('Aanpak besproken.');
    await addAgreement(page, 1, 'Gesprek met de school', 'Lokale Politie', due);
    await stance(page, /^Burgemeester$/, 'Akkoord');
    await stance(page, /^Casemanagement/, 'Akkoord');
    await stance(page, /^Lokale Politie$/, 'Akkoord');
    await stance(page, /^OCMW$/, 'Voorbehoud');
    await page.getByLabel('Toelichting bij het voorbehoud van OCMW').fill('Eerst eigen dossier afstemmen.');
    await expect(page.getByText('Nog niet opgeslagen')).toBeVisible();
    await checkA11y(page, 'meeting mode (item form)');
    await page.getByRole('button', { name: 'Uitkomst opslaan' }).click();
    await expect(page.getByText('Geen gedeelde afspraken')).toBeVisible();
    await expect(page.getByText('Nog niet opgeslagen')).toHaveCount(0);

    // …and the casemanager sees it appear without a reload.
    await expect(cm.getByText('Geen gedeelde afspraken')).toBeVisible({ timeout: 5_000 });
    await expect(cm.getByText('Eerst eigen dossier afstemmen.')).toBeVisible();

    // CLOSE is blocked while item 2 has no outcome; the missing list links to it.
    await expect(page.getByRole('button', { name: 'Zitting afronden' })).toBeDisabled();
    // ArrowRight (focus is on the save button, not in a field) moves to the next item.
    await page.getByRole('button', { name: 'Uitkomst opslaan' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByText('Punt 2 / 2')).toBeVisible();

    // Item 2: discussed, one agreement, everyone agrees.
    await page.getByRole('radiogroup', { name: 'Uitkomst' }).getByRole('radio', { name: 'Besproken' }).check({ force: true });
    await addAgreement(page, 1, 'Huisbezoek', 'Casemanagement (Samenleven en Welzijn)', due);
    for (const p of [/^Burgemeester$/, /^Casemanagement/, /^Lokale Politie$/, /^OCMW$/]) await stance(page, p, 'Akkoord');
    await page.getByRole('button', { name: 'Uitkomst opslaan' }).click();
    await expect(page.getByText(/^\W*Gedeelde afspraken$/)).toBeVisible();
    await expect(cm.getByText(/^\W*Gedeelde afspraken$/)).toBeVisible({ timeout: 5_000 });

    await expect(page.getByText('Elk punt heeft een uitkomst.')).toBeVisible();
    await page.getByRole('button', { name: 'Zitting afronden' }).click();
    await expect(page.getByText('De zitting is afgerond.')).toBeVisible();
    await page.getByRole('button', { name: 'Verslag goedkeuren' }).click();
    await expect(page.getByText(/Verslag goedgekeurd op/)).toBeVisible();
    await checkA11y(page, 'meeting mode (closed)');

    await expect(cm.getByText(/Verslag goedgekeurd op/)).toBeVisible({ timeout: 5_000 });
    await expect(cm.getByRole('link', { name: 'Verslag downloaden (PDF)' })).toBeVisible();
    await checkA11y(cm, 'meeting page (record)');

    // The agreements made: listed with filters in the URL, one started and carried out.
    await cm.goto('/agreements?state=OPEN');
    await expect(cm.getByRole('heading', { level: 1 })).toHaveText('Afspraken');
    await checkA11y(cm, 'agreements list');
    await cm.getByRole('link', { name: 'Huisbezoek', exact: true }).click();
    await expect(cm).toHaveURL(/\/agreements\/[0-9a-f-]{36}$/);
    await cm.getByRole('button', { name: 'Starten' }).click();
    await expect(cm.getByText('In uitvoering').first()).toBeVisible();
    await cm.getByRole('button', { name: 'Uitgevoerd', exact: true }).click();
    await expect(cm.getByRole('dialog')).toBeVisible();
    await checkA11y(cm, 'agreement page (complete dialog)');
    await cm.getByRole('dialog').getByRole('button', { name: 'Uitgevoerd', exact: true }).click();
    await expect(cm.getByText('Uitgevoerd op')).toBeVisible();
    await checkA11y(cm, 'agreement page');
    await cmContext.close();
  });

  test('meeting mode in French: check-in, a postponed and a discussed item, close', async ({ page }) => {
    const due = plusDays(brusselsToday(), 30);
    await signIn(page, 'voorzitter', { to: '/meetings', lang: 'fr' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réunions');
    // The demo's next meeting (in two weeks, with two dossiers on its agenda).
    await page.getByRole('row', { name: /Stadhuis, zaal 2/ }).getByRole('link').click();
    await page.getByRole('button', { name: "Arrêter l'ordre du jour" }).click();
    await page.getByRole('dialog').getByRole('button', { name: "Arrêter l'ordre du jour" }).click();
    await page.getByRole('link', { name: 'Démarrer la séance' }).click();
    await expect(page.getByRole('region', { name: /Secret professionnel partagé/ })).toContainText('reste secret');
    await expect(page.getByRole('button', { name: 'Ouvrir la séance' })).toBeDisabled();
    for (const name of [/^Burgemeester/, /^Casemanagement/, /^Lokale Politie/]) await page.getByRole('checkbox', { name }).check({ force: true });
    await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
    await expect(page.getByText('3 partenaires présents, enregistré.')).toBeVisible();
    await checkA11y(page, 'mode séance (présences)');
    await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await expect(page.getByText('Point 1 / 2')).toBeVisible();

    await page.getByRole('radiogroup', { name: 'Résultat' }).getByRole('radio', { name: 'Reporté' }).check({ force: true });
    await page.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await expect(page.getByText('Résultat enregistré.')).toBeVisible();
    await page.getByRole('button', { name: 'Point suivant' }).click();
    await expect(page.getByText('Point 2 / 2')).toBeVisible();
    await page.getByRole('radiogroup', { name: 'Résultat' }).getByRole('radio', { name: 'Discuté' }).check({ force: true });
    await addAgreement(page, 1, 'Suivi par la police', 'Lokale Politie', due, true);
    for (const p of [/^Burgemeester$/, /^Casemanagement/]) await stance(page, p, "D'accord");
    await stance(page, /^Lokale Politie$/, 'Pas encore');
    await checkA11y(page, 'mode séance (point)');
    await page.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await expect(page.getByText("Pas d'accords partagés")).toBeVisible();
    await page.getByRole('button', { name: 'Clôturer la séance' }).click();
    await expect(page.getByText('La séance est clôturée.')).toBeVisible();
    await checkA11y(page, 'mode séance (clôturée)');
  });
});
