import { request, type Locator, type Page } from '@playwright/test';
import { checkA11y, expect, logins, signIn, test } from './fixtures';

/** A react-aria date field: its segments take digits in the locale's order (day, month, year for nl-BE and fr-BE). */
async function typeDate(field: Locator, isoDate: string) {
  const [y, m, d] = isoDate.split('-');
  await field.locator('[role="spinbutton"]').first().click();
  await field.page().keyboard.type(`${d}${m}${y}`);
}
const brusselsToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());

async function answer(page: Page, question: string, choice: string) {
  await page.getByRole('radiogroup', { name: question }).getByRole('radio', { name: choice, exact: true }).check({ force: true });
}

/** A fresh signal of the police, registered through the API, so this spec depends on no other spec's data. */
async function newSignal(baseURL: string | undefined, screened = false) {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/auth/login', { data: { email: logins().casemanager.email, password: logins().casemanager.password } });
  const headers = { Authorization: `Bearer ${(await login.json()).accessToken}` };
  const partners: { id: string; type: string }[] = await (await api.get('/api/partners', { headers })).json();
  const created = await api.post('/api/dossiers', {
    headers,
    data: {
      phenomenon: 'RADICALISERING', referringPartnerId: partners.find((p) => p.type === 'POLITIE')!.id, receivedOn: brusselsToday(),
      summary: 'Fictief signaal voor de screeningtest.', municipality: 'Gent', subject: { firstName: 'Sam', lastName: `Screening${Date.now().toString(36)}` },
    },
  });
  expect(created.status()).toBe(201);
  const d = await created.json();
  if (screened) {
    expect((await api.post(`/api/dossiers/${d.id}/transitions`, { headers, data: { event: 'START_SCREENING', version: 1 } })).status()).toBe(200);
    const answers = [
      { question: 'RADICALISATION_LINK', answer: 'UNKNOWN', note: 'Navragen bij de school' }, { question: 'SECURITY_RISK', answer: 'NO' },
    ];
    expect((await api.put(`/api/dossiers/${d.id}/screening`, { headers, data: { version: 0, answers } })).status()).toBe(200);
  }
  await api.dispose();
  return d as { id: string; reference: string };
}

test.describe('the casemanager screens a new signal with the form', () => {
  test('screening form, RETAIN only once complete with its summary in the dialog, then awareness and consent', async ({ page, baseURL }) => {
    const d = await newSignal(baseURL);
    await signIn(page, 'casemanager', { to: `/dossiers/${d.id}` });
    await expect(page.getByRole('heading', { level: 1 })).toContainText(d.reference);
    const screening = page.getByRole('region', { name: 'Screening', exact: true });
    await expect(screening).toContainText('De screening begint wanneer het signaal in screening gaat.');

    const lifecycle = page.getByRole('region', { name: 'Levensloop' });
    await lifecycle.getByRole('button', { name: 'Screening starten' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Het dossier is nu: Screening.' })).toBeVisible();

    // Before the form is complete, the RETAIN dialog says why it cannot go yet.
    await lifecycle.getByRole('button', { name: 'Weerhouden', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'Weerhouden', exact: true });
    await expect(dialog.getByRole('alert')).toContainText('De screening is niet volledig.');
    await expect(dialog.getByRole('button', { name: 'Weerhouden', exact: true })).toBeDisabled();
    await checkA11y(page, 'retain dialog, screening incomplete');
    await dialog.getByRole('button', { name: 'Annuleren' }).click();

    // The four questions of the LIVC, with a note on the first.
    await answer(page, 'Is er een link met radicalisering, extremisme of terrorisme?', 'Ja');
    await screening.getByLabel('Korte toelichting bij vraag 1 (niet verplicht)').fill('Deelt propaganda in een chatgroep');
    await answer(page, 'Is er een veiligheidsrisico waarvoor eerder politie of parket nodig is?', 'Nee');
    await answer(page, 'Is er een zorgnood?', 'Onbekend');
    await checkA11y(page, 'screening form');
    await screening.getByRole('button', { name: 'Screening bewaren' }).click();
    await expect(screening.getByRole('status')).toContainText('De screening is bewaard.');
    await expect(screening).toContainText('Nog niet volledig: 1 vraag zonder antwoord.');
    await answer(page, 'Is een andere dienst beter geplaatst?', 'Nee');
    await screening.getByRole('button', { name: 'Screening bewaren' }).click();
    await expect(screening).toContainText('Volledig: het signaal kan weerhouden worden of niet.');

    // Now the dialog shows the summary the decision is made on, and retains.
    await lifecycle.getByRole('button', { name: 'Weerhouden', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Weerhouden', exact: true });
    const summary = dialog.getByRole('region', { name: 'Samenvatting van de screening' });
    await expect(summary).toContainText('Is er een link met radicalisering, extremisme of terrorisme?');
    await expect(summary).toContainText('Deelt propaganda in een chatgroep');
    await checkA11y(page, 'retain dialog with the screening summary');
    await dialog.getByRole('button', { name: 'Weerhouden', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Het dossier is nu: Weerhouden.' })).toBeVisible();

    // Read-only afterwards; the saves and the decision are in the timeline.
    await expect(screening.getByRole('button', { name: 'Screening bewaren' })).toHaveCount(0);
    await expect(screening).toContainText('Onbekend');
    const timeline = page.getByRole('region', { name: 'Tijdlijn' });
    await expect(timeline.getByRole('row')).toHaveCount(6); // header + REGISTER, START_SCREENING, 2 × SAVE_SCREENING, RETAIN
    await expect(timeline.getByRole('row').nth(3)).toContainText('Screening bewaard');
    await expect(timeline.getByRole('row').nth(5)).toContainText('Screening → , Weerhouden');

    // Awareness and consent: informed today, then consent.
    const awareness = page.getByRole('region', { name: 'Bewustzijn en instemming' });
    await expect(awareness).toContainText('Nog niet vastgelegd');
    await awareness.getByRole('radio', { name: 'Op de hoogte gebracht', exact: true }).check({ force: true });
    await typeDate(awareness.getByRole('group', { name: 'Op de hoogte gebracht op' }), brusselsToday());
    await checkA11y(page, 'awareness step');
    await awareness.getByRole('button', { name: 'Vastleggen' }).click();
    await expect(awareness.getByRole('status')).toContainText('Vastgelegd.');
    await expect(awareness).toContainText('Ja, op de hoogte gebracht');
    await awareness.getByRole('radio', { name: 'Instemming vastleggen' }).check({ force: true });
    await awareness.getByRole('radio', { name: 'Ja, neemt vrijwillig deel' }).check({ force: true });
    await typeDate(awareness.getByRole('group', { name: 'Gevraagd op' }), brusselsToday());
    await awareness.getByRole('button', { name: 'Vastleggen' }).click();
    await expect(awareness.getByRole('row')).toHaveCount(3); // header + INFORM, RECORD_CONSENT
    await expect(awareness.getByRole('row').nth(2)).toContainText('Ja, neemt vrijwillig deel');
    await checkA11y(page, 'dossier page after screening and awareness');
  });

  test('in French, a member of the referring partner reads the screening but gets no form', async ({ page, baseURL }) => {
    // The police referred it, so its member sees the signal while it is screened.
    const d = await newSignal(baseURL, true);
    await signIn(page, 'politie', { lang: 'fr', to: `/dossiers/${d.id}` });
    const screening = page.getByRole('region', { name: 'Screening', exact: true });
    await expect(screening).toContainText('Y a-t-il un lien avec la radicalisation');
    await expect(screening).toContainText('Navragen bij de school');
    await expect(screening).toContainText('Pas de réponse');
    await expect(screening.getByRole('button')).toHaveCount(0);
    const awareness = page.getByRole('region', { name: 'Information et consentement' });
    await expect(awareness).toBeVisible();
    await expect(awareness.getByRole('button', { name: 'Enregistrer' })).toHaveCount(0);
    await checkA11y(page, 'dossier page of a member (fr)');
  });
});
