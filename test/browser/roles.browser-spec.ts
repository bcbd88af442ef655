import type { Page } from '@playwright/test';
import { checkA11y, expect, signIn, test, type DemoUser } from './fixtures';

/**
 * The menu per role (DESIGN.md §6): every entry the menu shows at run time opens a page that works for that role, and
 * the entries of pages the role may not use are not there. Pages are still being added, so the entries are read from
 * the menu itself; what must never be offered is listed per role.
 */
const NEVER: Record<DemoUser, string[]> = {
  casemanager: ['Audittrail', 'Gebruikers', 'Partners', 'Exports'],
  voorzitter: ['Audittrail', 'Gebruikers', 'Partners', 'Exports'],
  politie: ['Audittrail', 'Gebruikers', 'Partners', 'Exports', 'Plan', 'Indicatoren'],
  onderwijs: ['Audittrail', 'Gebruikers', 'Partners', 'Exports', 'Plan', 'Indicatoren'],
  ocmw: ['Audittrail', 'Gebruikers', 'Partners', 'Exports', 'Plan', 'Indicatoren'],
  evaluator: ['Dossiers', 'Vergaderingen', 'Afspraken', 'Audittrail', 'Gebruikers', 'Partners'],
  admin: ['Dossiers', 'Vergaderingen', 'Afspraken', 'Audittrail', 'Plan', 'Indicatoren', 'Exports'],
  dpo: ['Dossiers', 'Vergaderingen', 'Afspraken', 'Plan', 'Indicatoren', 'Exports', 'Gebruikers', 'Partners'],
};

/** Pages a role may not use, opened by their address (a bookmark, a link passed on): a clear "not for your role". */
const NOT_FOR: Partial<Record<DemoUser, string[]>> = {
  evaluator: ['/dossiers', '/dossiers/new', '/meetings', '/agreements', '/audit', '/dossiers/6f1c1d0e-0000-4000-8000-000000000000'],
  admin: ['/dossiers', '/meetings', '/audit', '/audit/access-log'],
  dpo: ['/dossiers', '/meetings', '/agreements', '/agreements/6f1c1d0e-0000-4000-8000-000000000000', '/meetings/6f1c1d0e-0000-4000-8000-000000000000/zitting'],
  politie: ['/audit', '/audit/access-log'],
  casemanager: ['/audit'],
};

const ROLES = Object.keys(NEVER) as DemoUser[];

/** The page shows its h1 and, once loaded, no refusal, no "not found" and no error. */
async function expectWorkingPage(page: Page, where: string) {
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1, where).toHaveCount(1);
  await expect(page.getByRole('main'), where).toHaveCount(1);
  await expect(page.getByText('Laden…'), `${where} finishes loading`).toHaveCount(0, { timeout: 15_000 });
  await expect(h1, where).not.toHaveText(/Geen toegang|Pagina niet gevonden/);
  await expect(page.getByText('Er ging iets mis'), `${where} shows no error`).toHaveCount(0);
}

test.describe('menus per role', () => {
  for (const who of ROLES) {
    test(`${who}: every menu entry opens a working page; the pages not for this role are not in the menu`, async ({ page }) => {
      await signIn(page, who);
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      await expect(nav.getByRole('link', { name: 'Start', exact: true })).toBeVisible();
      for (const name of NEVER[who]) await expect(nav.getByRole('link', { name, exact: true }), `${who} has no "${name}"`).toHaveCount(0);
      const entries = await nav.getByRole('link').evaluateAll((as) => as.map((a) => ({ name: a.textContent?.trim() ?? '', href: a.getAttribute('href') ?? '' })));
      // At least the start page; the rest is whatever this role's menu offers today.
      expect(entries.length).toBeGreaterThanOrEqual(1);
      for (const { name, href } of entries) {
        await nav.getByRole('link', { name, exact: true }).click();
        await expect(page).toHaveURL((u) => u.pathname === href.split('?')[0]);
        await expectWorkingPage(page, `${who} → ${name} (${href})`);
      }
      await checkA11y(page, `${who}: last menu page`);
    });
  }

  for (const [who, paths] of Object.entries(NOT_FOR) as [DemoUser, string[]][]) {
    test(`${who}: a page of another role, opened by its address, says it is not for this role`, async ({ page }) => {
      await signIn(page, who);
      for (const path of paths) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 }), path).toHaveText('Geen toegang');
        await expect(page.getByText('Deze pagina hoort niet bij uw rol.'), path).toBeVisible();
        await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }), path).toBeVisible();
        await expect(page.getByText('Er ging iets mis'), path).toHaveCount(0);
      }
      await expect(page).toHaveTitle(/Geen toegang/);
      await checkA11y(page, `${who}: not for this role`);
    });
  }
});
