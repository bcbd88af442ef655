import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { checkA11y, expect, signIn, test } from './fixtures';

const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(new Date()));
/** A share as the browser formats it (its ICU may space "50 %" differently from Node's). */
const pct = (page: Page, lang: string, v: number) =>
  page.evaluate(([l, n]) => new Intl.NumberFormat(l as string, { style: 'percent', maximumFractionDigits: 1 }).format(n as number), [lang, v] as const);

interface ReportIndicator { nodeId: string; title: string; definitionKey: string | null; value: number | null; met: boolean | null }

/** The demo plan and its live report, as the API gives them to the signed-in evaluator (the figures the UI must show). */
async function demoPlan(page: Page) {
  const plans = await (await page.request.get('/api/plans?pageSize=200')).json();
  const plan = plans.items.find((p: { title: string }) => p.title.includes('(demo)'));
  const report = await (await page.request.get(`/api/plans/${plan.id}/report?year=${year}`)).json();
  return { plan, indicators: report.indicators as ReportIndicator[] };
}

/** Collects CSP violations the page reports (ECharts must render under the product's CSP). */
function cspViolations(page: Page) {
  const seen: string[] = [];
  page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) seen.push(msg.text()); });
  return seen;
}

const indicatorItem = (page: Page, title: string) => page.locator('li.kind-indicator').filter({ hasText: title });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const actions = (page: Page, title: string) => page.getByRole('button', { name: `Acties voor ${title}`, exact: true });

test.describe('the evaluator', () => {
  test('reads the plan with live figures and edits it: add, rename, reorder, move, a manual value, delete with confirmation', async ({ page }) => {
    const csp = cspViolations(page);
    await signIn(page, 'evaluator');
    await expect(page.getByRole('heading', { name: `Indicatoren van het plan in ${year}` })).toBeVisible();
    await checkA11y(page, 'evaluator start page');
    const { plan, indicators } = await demoPlan(page);
    const shared = indicators.find((i) => i.definitionKey === 'SHARED_AGREEMENTS')!;
    // The demo meeting discussed two dossiers, one with agreements all partners endorsed.
    expect(shared.value).not.toBeNull();

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Plan' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plannen');
    await checkA11y(page, 'plan list');
    await page.getByRole('link', { name: plan.title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(plan.title);
    const item = indicatorItem(page, shared.title);
    await expect(item).toContainText(`Waarde: ${await pct(page, 'nl-BE', shared.value!)}`);
    await expect(item).toContainText(`Doel: minstens ${await pct(page, 'nl-BE', 0.8)}`);
    await expect(item).toContainText(shared.met ? 'Gehaald' : 'Niet gehaald');
    await expect(page.getByRole('status').filter({ hasText: 'Actuele cijfers' })).toBeVisible();
    // A node with children is a disclosure: it folds and unfolds.
    const phenomenon = page.getByRole('button', { name: /sociale overlast/ }).first();
    await expect(phenomenon).toHaveAttribute('aria-expanded', 'true');
    await phenomenon.click();
    await expect(item).toBeHidden();
    await phenomenon.click();
    await expect(item).toBeVisible();
    await checkA11y(page, 'plan tree');

    // Add two phenomena of our own (the demo nodes stay as they are), one strategic objective under the first.
    const a = `Testfenomeen A ${Date.now().toString(36)}`;
    const b = `Testfenomeen B ${Date.now().toString(36)}`;
    for (const title of [a, b]) {
      await page.getByRole('button', { name: 'Fenomeen toevoegen' }).click();
      const dialog = page.getByRole('dialog', { name: 'Fenomeen toevoegen' });
      await dialog.getByLabel('Titel').fill(title);
      if (title === a) await checkA11y(page, 'add node dialog');
      await dialog.getByRole('button', { name: 'Opslaan' }).click();
      await expect(dialog).toBeHidden();
      await expect(actions(page, title)).toBeVisible();
    }
    await actions(page, a).click();
    await page.getByRole('menuitem', { name: 'Strategische doelstelling toevoegen' }).click();
    await page.getByRole('dialog').getByLabel('Titel').fill('Test-SD');
    await page.getByRole('dialog').getByRole('button', { name: 'Opslaan' }).click();
    await expect(actions(page, 'Test-SD')).toBeVisible();

    // Rename B, then put it above A with the keyboard-reachable menu.
    const b2 = `${b} (hernoemd)`;
    await actions(page, b).click();
    await page.getByRole('menuitem', { name: 'Wijzigen' }).click();
    await page.getByRole('dialog').getByLabel('Titel').fill(b2);
    await page.getByRole('dialog').getByRole('button', { name: 'Opslaan' }).click();
    await expect(actions(page, b2)).toBeVisible();
    // By keyboard; the closing dialog hands focus back to its trigger, and an Enter in that moment can be lost.
    await expect(async () => {
      await actions(page, b2).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('menuitem', { name: 'Omhoog' })).toBeVisible({ timeout: 2_000 });
    }).toPass();
    await page.getByRole('menuitem', { name: 'Omhoog' }).click();
    const tops = page.locator('ul.plan-tree > li.kind-phenomenon > .plan-node-row');
    await expect(tops.filter({ hasText: 'Testfenomeen' })).toHaveText([new RegExp(escape(b2)), new RegExp(a)]);

    // Move the strategic objective under B.
    await actions(page, 'Test-SD').click();
    await page.getByRole('menuitem', { name: 'Verplaatsen naar…' }).click();
    const move = page.getByRole('dialog', { name: 'Test-SD verplaatsen' });
    await move.getByLabel('Nieuwe plaats: onder').selectOption({ label: b2 });
    await move.getByRole('button', { name: 'Verplaatsen' }).click();
    await expect(page.locator('li.kind-phenomenon').filter({ hasText: b2 }).getByText('Test-SD')).toBeVisible();

    // A value entered by hand, with its evidence, judged against its target.
    const manual = indicators.find((i) => i.definitionKey === null)!;
    await actions(page, manual.title).click();
    await page.getByRole('menuitem', { name: 'Waarde invullen' }).click();
    const value = page.getByRole('dialog', { name: `Waarde voor ${year}` });
    await value.getByLabel('Waarde', { exact: true }).fill('6');
    await value.getByLabel('Bron of bewijs').fill('Verslagen van de werkgroep');
    await value.getByRole('button', { name: 'Opslaan' }).click();
    await expect(indicatorItem(page, manual.title)).toContainText('Waarde: 6');
    await expect(indicatorItem(page, manual.title)).toContainText('Gehaald');
    await expect(indicatorItem(page, manual.title)).toContainText('Bron: Verslagen van de werkgroep');

    // Delete B (with the objective under it): an alert dialog asks first; cancelling keeps it.
    await actions(page, b2).click();
    await page.getByRole('menuitem', { name: 'Verwijderen' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Fenomeen verwijderen?' });
    await expect(confirm).toContainText('2 onderdelen');
    await checkA11y(page, 'delete confirmation');
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await expect(actions(page, b2)).toBeVisible();
    await actions(page, b2).click();
    await page.getByRole('menuitem', { name: 'Verwijderen' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Definitief verwijderen' }).click();
    await expect(actions(page, b2)).toBeHidden();
    await expect(actions(page, 'Test-SD')).toBeHidden();
    await actions(page, a).click();
    await page.getByRole('menuitem', { name: 'Verwijderen' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Definitief verwijderen' }).click();
    await expect(actions(page, a)).toBeHidden();

    // This year has not ended: closing it is not offered yet.
    await expect(page.getByText(`${year} loopt nog: afsluiten kan vanaf 1 januari ${year + 1}.`)).toBeVisible();
    expect(csp).toEqual([]);
  });

  test('sees a chart of an indicator and a table with the same numbers, without a CSP violation', async ({ page }) => {
    const csp = cspViolations(page);
    await signIn(page, 'evaluator');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Indicatoren' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Indicatoren');
    const chart = page.getByRole('region', { name: /Aandeel besproken dossiers met gedeelde afspraken: per kwartaal/ });
    await expect(chart.locator('.chart svg')).toBeVisible();
    await expect(chart.getByRole('img', { name: /Grafiek/ })).toBeVisible();
    // The table of the chart: one row per quarter begun, the value the API computes for that quarter.
    const table = chart.getByRole('table', { name: /per kwartaal/ });
    const quarters = Math.floor(new Date().getMonth() / 3) + 1;
    await expect(table.locator('tbody tr')).toHaveCount(quarters);
    const q = quarters;
    const from = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
    const to = `${year}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`;
    const api = await (await page.request.get(`/api/indicators?from=${from}&to=${to}`)).json();
    const shared = api.find((r: { key: string }) => r.key === 'SHARED_AGREEMENTS');
    const row = table.getByRole('row', { name: new RegExp(`^K${q}`) });
    const shown = shared.value === null ? '—' : await pct(page, 'nl-BE', shared.value);
    await expect(row.getByRole('cell').first()).toHaveText(shown);
    await expect(row.getByRole('cell').last()).toHaveText(await pct(page, 'nl-BE', 0.8));
    await expect(chart.locator('.chart-summary')).toContainText(`K${q} ${shown}`);
    // Participations per partner: the same counts as the year's breakdown.
    const yearApi = await (await page.request.get(`/api/indicators?from=${year}-01-01&to=${year}-12-31`)).json();
    const cells = yearApi.find((r: { key: string }) => r.key === 'PARTICIPATIONS').breakdown as { name: string; count: number }[];
    const part = page.getByRole('table', { name: /Deelnames aan kernteamvergaderingen per partner/ });
    for (const c of cells) await expect(part.getByRole('row', { name: new RegExp(`^${escape(c.name)} `) }).getByRole('cell')).toHaveText(String(c.count));
    await expect(page.getByRole('table', { name: /Afgesloten dossiers per reden/ })).toBeVisible();
    await checkA11y(page, 'indicators');
    // Another indicator, in the URL.
    await page.getByLabel('Indicator', { exact: true }).selectOption({ label: 'Gehouden kernteamvergaderingen' });
    await expect(page).toHaveURL(/indicator=MEETINGS_HELD/);
    await expect(page.getByRole('region', { name: /Gehouden kernteamvergaderingen: per kwartaal/ }).locator('.chart svg')).toBeVisible();
    expect(csp).toEqual([]);
  });

  test('requests an XLSX export and downloads it', async ({ page }) => {
    await signIn(page, 'evaluator');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Exports' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exports');
    await checkA11y(page, 'exports');
    await page.getByLabel('Van maand').fill(`${year}-01`);
    await page.getByLabel('Tot en met maand').fill(`${year}-01`);
    await page.getByRole('radio', { name: 'Excel (XLSX)' }).check({ force: true });
    await page.getByRole('button', { name: 'Export aanvragen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'De export is aangevraagd' })).toBeVisible();
    // The list polls until the worker has made it.
    const link = page.getByRole('link', { name: /^Downloaden: .*\.xlsx$/ }).first();
    await expect(link).toBeVisible({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    await checkA11y(page, 'exports with a finished export');
  });

  test('works in French: the plan tree, the indicators, the exports', async ({ page }) => {
    await signIn(page, 'evaluator', { lang: 'fr' });
    await expect(page.getByRole('heading', { name: `Indicateurs du plan en ${year}` })).toBeVisible();
    const { plan, indicators } = await demoPlan(page);
    const shared = indicators.find((i) => i.definitionKey === 'SHARED_AGREEMENTS')!;
    await page.getByRole('link', { name: `Vers le plan : ${plan.title}` }).click();
    await expect(page.getByRole('heading', { name: 'Structure du plan' })).toBeVisible();
    await expect(indicatorItem(page, shared.title)).toContainText(`Valeur : ${await pct(page, 'fr-BE', shared.value!)}`);
    await expect(indicatorItem(page, shared.title)).toContainText(shared.met ? 'Atteint' : 'Non atteint');
    await checkA11y(page, 'plan (fr)');
    await page.getByRole('navigation').getByRole('link', { name: 'Indicateurs' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Indicateurs');
    await expect(page.getByRole('table', { name: /par trimestre/ }).first()).toBeVisible();
    await checkA11y(page, 'indicators (fr)');
    await page.getByRole('navigation').getByRole('link', { name: 'Exports' }).click();
    await expect(page.getByRole('heading', { name: 'Demander un export' })).toBeVisible();
    await expect(page.getByLabel('Du mois')).toBeVisible();
    await checkA11y(page, 'exports (fr)');
  });

  test('the chair reads the plan and the indicators but changes nothing and has no exports', async ({ page }) => {
    await signIn(page, 'voorzitter');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await expect(nav.getByRole('link', { name: 'Indicatoren' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Exports' })).toHaveCount(0);
    await nav.getByRole('link', { name: 'Plan' }).click();
    await expect(page.getByRole('button', { name: 'Nieuw plan' })).toHaveCount(0);
    await page.getByRole('link', { name: /\(demo\)/ }).click();
    await expect(page.getByRole('heading', { name: 'Structuur van het plan' })).toBeVisible();
    await expect(page.locator('li.kind-indicator').first()).toContainText('Waarde:');
    await expect(page.getByRole('button', { name: /^Acties voor/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Fenomeen toevoegen' })).toHaveCount(0);
  });
});
