import { readFileSync } from 'node:fs';
import { checkA11y, expect, signIn, test } from './fixtures';

const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(new Date()));

/** The evaluator's yearly evaluation: a comment per indicator, the report PDF, and the figures per municipality. */
test.describe('the evaluation report and the joint LIVC', () => {
  test('the evaluator comments on an indicator, downloads the report PDF and sees the figures per municipality', async ({ page }) => {
    await signIn(page, 'evaluator');
    const plans = await (await page.request.get('/api/plans?pageSize=200')).json();
    const plan = plans.items.find((p: { title: string }) => p.title.includes('(demo)'));
    await page.goto(`/plans/${plan.id}?year=${year}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(plan.title);

    // A comment on the first indicator for the year, shown in the tree (unique text: specs share the demo data).
    const indicator = page.locator('li.kind-indicator').first();
    const title = (await indicator.locator('.plan-title').first().textContent())!.trim();
    await page.getByRole('button', { name: `Acties voor ${title}`, exact: true }).click();
    await page.getByRole('menuitem', { name: `Commentaar ${year}` }).click();
    const dialog = page.getByRole('dialog', { name: `Commentaar van de evaluator voor ${year}` });
    const text = `Evaluatie ${Date.now().toString(36)}: op schema.`;
    await dialog.getByLabel('Commentaar').fill(text);
    await checkA11y(page, 'comment dialog');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await expect(indicator).toContainText(text);

    const link = page.getByRole('link', { name: 'Evaluatierapport (PDF)' });
    await expect(link).toHaveAttribute('href', new RegExp(`/api/plans/${plan.id}/report\\.pdf\\?year=${year}`));
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 4).toString()).toBe('%PDF');
    await checkA11y(page, 'plan page with report button');

    // The demo LIVC serves Gent and Lindebeke: the indicators page splits the dossier figures per municipality.
    await page.goto(`/indicators?year=${year}`);
    const table = page.getByRole('region', { name: `Per gemeente in ${year}` });
    await expect(table.getByRole('columnheader', { name: 'Lindebeke' })).toBeVisible();
    const registered = await (await page.request.get(`/api/indicators?from=${year}-01-01&to=${year}-12-31&by=municipality`)).json();
    const lindebeke = registered.find((r: { key: string; municipality: string | null }) => r.key === 'DOSSIERS_REGISTERED' && r.municipality === 'Lindebeke');
    expect(lindebeke.numerator).toBeGreaterThan(0);
    const row = table.getByRole('row', { name: /^Geregistreerde dossiers/ });
    await expect(row.getByRole('cell').nth(1)).toHaveText(String(lindebeke.numerator));
    await checkA11y(page, 'indicators per municipality');

    // One municipality only, chosen in the URL like the API's filter.
    await page.getByLabel('Gemeente', { exact: true }).selectOption('Lindebeke');
    await expect(page).toHaveURL(/municipality=Lindebeke/);
    await expect(page.getByRole('status').filter({ hasText: 'Alleen de dossiers van Lindebeke' })).toBeVisible();
  });
});
