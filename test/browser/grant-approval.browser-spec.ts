import { type Locator, type Page } from '@playwright/test';
import { checkA11y, expect, signIn, test } from './fixtures';

/** Picks an option of a react-aria select (inside `scope`) by its visible label. */
async function choose(page: Page, scope: Locator, field: string, option: string) {
  await scope.getByRole('button', { name: new RegExp(`${field}$`) }).click();
  await page.locator('.popover').getByRole('option', { name: option, exact: true }).click();
}

/** Turns the demo LIVC's second-approval setting on or off on /admin/settings, as the admin. */
async function setSecondApproval(page: Page, on: boolean) {
  await page.goto('/admin/settings');
  const box = page.getByRole('checkbox', { name: 'Toekenningen vragen de goedkeuring van een tweede persoon' });
  if ((await box.isChecked()) !== on) await box.click({ force: true });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').getByText('Opgeslagen.')).toBeVisible();
}

test.describe('second approval of grants', () => {
  test('the admin asks to add a partner member; nothing happens until the chair approves it from the start page', async ({ page, browser }) => {
    await signIn(page, 'admin');
    await setSecondApproval(page, true);
    try {
      await page.goto('/admin/users');
      const name = `Wachtend lid ${Math.random().toString(36).slice(2, 8)}`;
      await page.getByRole('button', { name: 'Nieuwe gebruiker' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('E-mailadres').fill(`wacht.${Math.random().toString(36).slice(2, 8)}@demo.kernteam.be`);
      await dialog.getByLabel('Naam').fill(name);
      await choose(page, dialog, 'Rol', 'partnerlid');
      await choose(page, dialog, 'Partner', 'Onderwijs, Opvoeding en Jeugd');
      await expect(dialog.getByText(/vraagt de goedkeuring van een tweede persoon/)).toBeVisible();
      await dialog.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
      // No invitation link: the pending state instead.
      const pending = page.getByRole('alertdialog', { name: 'Wacht op goedkeuring' });
      await expect(pending.getByText(/Er is nog niets gewijzigd/)).toBeVisible();
      await checkA11y(page, 'pending grant');
      await pending.getByRole('button', { name: 'Klaar' }).click();
      const section = page.getByRole('region', { name: /Wacht op goedkeuring/ });
      await expect(section.getByText(`Rol partnerlid toekennen aan ${name} (nieuwe gebruiker)`)).toBeVisible();
      // The requester cannot approve their own request.
      await expect(section.getByText(/Uw eigen aanvraag/).first()).toBeVisible();
      await expect(page.getByRole('row', { name: new RegExp(name) }).getByText('Gedeactiveerd')).toBeVisible();
      await checkA11y(page, '/admin/users with pending requests');

      // The chair, in a browser of their own, approves from the start page.
      const theirs = await browser.newContext();
      const chair = await theirs.newPage();
      await signIn(chair, 'voorzitter');
      const list = chair.getByRole('region', { name: /Wacht op goedkeuring/ });
      await expect(list.getByText(`Rol partnerlid toekennen aan ${name} (nieuwe gebruiker)`)).toBeVisible();
      await checkA11y(chair, 'chair start page with a pending request');
      await list.getByRole('button', { name: `Goedkeuren: Rol partnerlid toekennen aan ${name} (nieuwe gebruiker)` }).click();
      const confirm = chair.getByRole('alertdialog', { name: 'Goedkeuren' });
      await confirm.getByRole('button', { name: 'Goedkeuren' }).click();
      // The invitation is issued now, to the approver, once.
      const done = chair.getByRole('alertdialog', { name: 'Goedgekeurd' });
      await expect(done.getByText(/werkt één keer/)).toBeVisible();
      await checkA11y(chair, 'approved: invitation link');
      await done.getByRole('button', { name: 'Klaar' }).click();
      await expect(list.getByText(`Rol partnerlid toekennen aan ${name} (nieuwe gebruiker)`)).toHaveCount(0);
      await theirs.close();

      await page.reload();
      const row = page.getByRole('row', { name: new RegExp(name) });
      await expect(row).toContainText('Actief');
      await expect(row).not.toContainText('Gedeactiveerd');
    } finally {
      // Other specs expect the demo LIVC as seeded: grants without a second approval.
      await setSecondApproval(page, false);
    }
  });
});
