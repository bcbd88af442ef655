import type { Browser, Page } from '@playwright/test';
import { Client } from 'pg';
import { checkA11y, expect, signIn, test, type DemoUser } from './fixtures';

/** Another person, in a browser context of their own (their own session cookie). */
async function as(browser: Browser, who: DemoUser, work: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  await work(page);
  await context.close();
}

async function db<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: process.env.BROWSER_DATABASE_URL });
  await c.connect();
  try { return await work(c); } finally { await c.end(); }
}

test.describe('the DPO reads the audit trail', () => {
  test('filters by action and outcome in the URL, "back" restores them, and verifies the chain', async ({ page, browser }) => {
    // A refused attempt to look for: the evaluator asks the API for the dossier list, which is not for that role.
    await as(browser, 'evaluator', async (p) => { expect((await p.request.get('/api/dossiers')).status()).toBe(403); });

    await signIn(page, 'dpo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Start');
    // The start page checks the chain on arrival and lists the latest refusals.
    await expect(page.getByTestId('chain-result')).toContainText('De keten is intact');
    await expect(page.getByRole('region', { name: /Recente geweigerde pogingen/ })).toContainText('Preventieambtenaar');
    await checkA11y(page, 'auditor start');

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Audittrail' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audittrail');
    await checkA11y(page, 'audit trail');
    const filters = page.getByRole('search', { name: 'Filters van de audittrail' });
    await filters.getByLabel('Actie', { exact: true }).fill('GET /api/dossiers');
    await filters.getByLabel('Uitkomst').selectOption({ label: 'Geweigerd' });
    await filters.getByRole('button', { name: 'Filteren' }).click();
    await expect(page).toHaveURL(/action=GET(\+|%20)%2Fapi%2Fdossiers/);
    await expect(page).toHaveURL(/outcome=DENIED/);
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.nth(1)).toContainText('Preventieambtenaar');
    await expect(rows.nth(1)).toContainText('evaluator@demo.kernteam.be');
    await expect(rows.nth(1)).toContainText('Geweigerd');
    await expect(page.getByRole('table')).not.toContainText('Toegestaan');
    await checkA11y(page, 'audit trail, filtered');

    // Another filter (the actor, chosen among those in the trail), then back to the first one.
    await filters.getByLabel('Wie').selectOption({ label: 'Functionaris gegevensbescherming (dpo@demo.kernteam.be)' });
    await filters.getByLabel('Actie', { exact: true }).fill('');
    await filters.getByLabel('Uitkomst').selectOption({ label: 'Alle' });
    await filters.getByRole('button', { name: 'Filteren' }).click();
    await expect(page).toHaveURL(/actorId=/);
    await expect(rows.nth(1)).toContainText('Functionaris gegevensbescherming');
    await page.goBack();
    await expect(page).toHaveURL(/outcome=DENIED/);
    await expect(filters.getByLabel('Actie', { exact: true })).toHaveValue('GET /api/dossiers');
    await expect(filters.getByLabel('Uitkomst')).toHaveValue('DENIED');
    await expect(rows.nth(1)).toContainText('Preventieambtenaar');

    // The chain check on request: intact, with the number of rows checked.
    await page.getByRole('button', { name: 'Keten nu controleren' }).click();
    await expect(page.getByTestId('chain-result')).toContainText(/De keten is intact: \d+ rijen gecontroleerd/);
    await checkA11y(page, 'chain verified');
  });

  test('looks up who saw a dossier by its reference, and sees no content of it', async ({ page, browser }) => {
    let reference = '';
    let subject = '';
    await as(browser, 'casemanager', async (p) => {
      await p.goto('/dossiers?q=Demo%20Persoon');
      const link = p.getByRole('table').getByRole('link', { name: /^LIVC-/ }).first();
      reference = (await link.textContent())!.trim();
      await link.click();
      await expect(p.getByRole('heading', { level: 1 })).toContainText(reference);
      subject = (await p.getByText(/Demo Persoon/).first().textContent())!.trim();
    });
    expect(reference).toMatch(/^LIVC-\d{4}-\d{4}$/);
    expect(subject).toContain('Demo Persoon');

    await signIn(page, 'dpo', { to: '/audit/access-log' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wie zag dit dossier?');
    await checkA11y(page, 'access log, empty');
    // An unknown reference is said next to the field.
    const field = page.getByLabel('Referentie van het dossier');
    await field.fill('LIVC-1999-9999');
    await page.getByRole('button', { name: 'Opzoeken' }).click();
    await expect(page.getByText('Er is geen dossier met referentie LIVC-1999-9999.')).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');

    await field.fill(reference.toLowerCase());
    await page.getByRole('button', { name: 'Opzoeken' }).click();
    await expect(page).toHaveURL(new RegExp(`reference=${reference}`));
    await expect(page.getByRole('heading', { level: 2, name: `Toegang tot dossier ${reference}` })).toBeVisible();
    const read = page.getByRole('row').filter({ hasText: 'Dossier geraadpleegd' }).filter({ hasText: 'Casemanager' }).first();
    await expect(read).toContainText('Casemanagement (Samenleven en Welzijn)');
    await expect(read).toContainText('Toegestaan');
    // No summary, no subject name: the DPO sees who and when, never what.
    await expect(page.locator('main')).not.toContainText('Demo Persoon');
    await expect(page.locator('main')).not.toContainText('Fictief demodossier');
    await checkA11y(page, 'access log of a dossier');
  });

  test('in French: the start page and the trail', async ({ page }) => {
    await signIn(page, 'dpo', { lang: 'fr' });
    await expect(page.getByRole('heading', { name: 'Vérification de la chaîne' })).toBeVisible();
    await expect(page.getByTestId('chain-result')).toContainText('La chaîne est intacte');
    await page.getByRole('navigation').getByRole('link', { name: "Journal d'audit" }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Journal d'audit");
    await page.getByRole('search').getByLabel('Résultat').selectOption({ label: 'Refusé' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/outcome=DENIED/);
    await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('Refusé');
    await checkA11y(page, 'audit trail (fr)');
  });
});

test.describe('notifications in the header', () => {
  test('the unread count is on the button; opening one leads to its record and the count drops', async ({ page }) => {
    await signIn(page, 'ocmw');
    const button = page.getByRole('button', { name: /^Meldingen, / });
    await expect(button).toBeVisible();
    // Start from nothing unread, whatever the demo's own invitations did.
    if (!/geen ongelezen/.test((await button.getAttribute('aria-label')) ?? '')) {
      await button.click();
      await page.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
      await expect(button).toHaveAccessibleName('Meldingen, geen ongelezen');
      await page.keyboard.press('Escape');
    }
    await expect(button).toHaveAccessibleName('Meldingen, geen ongelezen');

    // A new invitation arrives (as the meeting job would write it) for the meeting the OCMW attended.
    const meetingId = await db(async (c) => {
      const { rows: [u] } = await c.query(`SELECT id, tenant_id FROM users WHERE email = 'ocmw@demo.kernteam.be'`);
      const { rows: [mt] } = await c.query(`SELECT id, scheduled_at FROM meetings WHERE tenant_id = $1 ORDER BY scheduled_at LIMIT 1`, [u.tenant_id]);
      await c.query(`INSERT INTO notifications (tenant_id, user_id, kind, entity_type, entity_id, data) VALUES ($1, $2, 'meeting.invitation', 'Meeting', $3, $4)`,
        [u.tenant_id, u.id, mt.id, JSON.stringify({ scheduledAt: new Date(mt.scheduled_at).toISOString(), location: 'Stadhuis, zaal 2' })]);
      return mt.id as string;
    });
    // The header refreshes when the window comes back into view (and every minute).
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    await expect(button).toHaveAccessibleName('Meldingen, 1 ongelezen');

    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Meldingen' });
    const link = dialog.getByRole('link', { name: /Uitnodiging voor het overleg van het kernteam/ }).first();
    await expect(link).toBeVisible();
    await checkA11y(page, 'notifications open');
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/meetings/${meetingId}$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(button).toHaveAccessibleName('Meldingen, geen ongelezen');
    await checkA11y(page, 'the meeting of the notification');
  });
});
