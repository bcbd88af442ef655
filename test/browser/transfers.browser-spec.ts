import type { Page } from '@playwright/test';
import { type AnyDemoUser, checkA11y, expect, logins, signIn, test } from './fixtures';

/** Picks an option of a react-aria select by its visible label. */
async function choose(page: Page, field: string, option: string) {
  await page.getByRole('button', { name: new RegExp(field) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The API as a demo user, to set up what this spec needs without depending on other specs' data. */
async function apiAs(who: AnyDemoUser) {
  const base = process.env.BROWSER_BASE_URL!;
  const l = logins()[who];
  const { accessToken } = await (await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: l.email, password: l.password }),
  })).json();
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method, headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return res.json();
  };
}

test.describe('a dossier moves to another LIVC', () => {
  test('Gent asks whether the person is known elsewhere, proposes a transfer; Demo-Oost accepts it', async ({ browser }) => {
    const stamp = Date.now().toString(36);
    const person = { firstName: 'Verhuis', lastName: `Browser ${stamp}`, birthDate: '2006-02-03', municipality: 'Gent' };
    const gent = await apiAs('casemanager');
    const oost = await apiAs('casemanager.oost');
    const partners: { id: string; type: string }[] = await gent('GET', '/api/partners');
    const police = partners.find((p) => p.type === 'POLITIE')!.id;
    const d = await gent('POST', '/api/dossiers', { phenomenon: 'RADICALISERING', referringPartnerId: police, receivedOn: '2026-10-01', summary: 'Signaal voor de overdrachtstest.', municipality: 'Gent', subject: person });
    await gent('POST', `/api/dossiers/${d.id}/transitions`, { event: 'START_SCREENING', version: 1 });
    // RETAIN needs the four screening answers.
    await gent('PUT', `/api/dossiers/${d.id}/screening`, { version: 0, answers: [
      { question: 'RADICALISATION_LINK', answer: 'YES' }, { question: 'SECURITY_RISK', answer: 'NO' }, { question: 'CARE_NEED', answer: 'YES' }, { question: 'OTHER_SERVICE', answer: 'NO' },
    ] });
    await gent('POST', `/api/dossiers/${d.id}/transitions`, { event: 'RETAIN', version: 2 });
    await gent('POST', `/api/dossiers/${d.id}/contributions`, { visibility: 'KERNTEAM', text: `Stand van zaken ${stamp}` });
    // The same person is known in Demo-Oost.
    const oostPartners: { id: string; type: string }[] = await oost('GET', '/api/partners');
    await oost('POST', '/api/dossiers', {
      phenomenon: 'RADICALISERING', referringPartnerId: oostPartners.find((p) => p.type === 'POLITIE')!.id, receivedOn: '2026-09-01', summary: 'Elders gekend.', subject: person,
    });

    const sender = await (await browser.newContext()).newPage();
    await signIn(sender, 'casemanager', { to: `/dossiers/${d.id}` });
    await sender.getByRole('button', { name: 'Is deze persoon elders gekend?' }).click();
    const ask = sender.getByRole('dialog', { name: 'Is deze persoon elders gekend?' });
    await ask.getByLabel(/Waarom vraagt u dit/).fill('Betrokkene verhuist; eerdere opvolging nagaan.');
    await ask.getByRole('button', { name: 'Vragen' }).click();
    await expect(ask.getByRole('status')).toHaveText('Gekend in: LIVC-R Demo-Oost. Neem contact op met het casemanagement daar.');
    await checkA11y(sender, 'known elsewhere: hit');
    await ask.getByRole('button', { name: 'Annuleren' }).click();

    await sender.getByRole('button', { name: 'Overdragen aan een andere LIVC' }).click();
    const dialog = sender.getByRole('dialog', { name: 'Overdragen aan een andere LIVC' });
    await expect(dialog.getByText(/Wat nooit meegaat/)).toBeVisible();
    await choose(sender, 'Naar LIVC', 'LIVC-R Demo-Oost');
    await dialog.getByLabel(/Samenvatting voor de ontvangende LIVC/).fill('Gezin verhuist naar Oostdorp; opvolging loopt goed.');
    await dialog.getByText(`Stand van zaken ${stamp}`).click();
    await checkA11y(sender, 'transfer dialog');
    await dialog.getByRole('button', { name: 'Overdracht voorstellen' }).click();
    const section = sender.getByRole('region', { name: 'Overdracht aan een andere LIVC' });
    await expect(section.getByText('Voorgesteld')).toBeVisible();
    await expect(section.getByText('naar LIVC-R Demo-Oost')).toBeVisible();

    const receiver = await (await browser.newContext()).newPage();
    await signIn(receiver, 'casemanager.oost');
    const incoming = receiver.getByRole('region', { name: /Voorgestelde overdrachten/ });
    await incoming.getByRole('link', { name: /Dossier van Demo LIVC-R Gent/ }).first().click();
    await expect(receiver.getByRole('heading', { level: 1, name: 'Overdracht van Demo LIVC-R Gent' })).toBeVisible();
    await expect(receiver.getByText(`Stand van zaken ${stamp}`)).toBeVisible();
    await expect(receiver.getByText(`Verhuis Browser ${stamp}`)).toBeVisible();
    await checkA11y(receiver, 'incoming transfer');
    await receiver.getByRole('button', { name: 'Aanvaarden en dossier openen' }).click();
    await expect(receiver.getByText('De inhoud van het voorstel is gewist nu erover beslist is.')).toBeVisible();
    // The course of the transfer: each step once, named by the state it reached, with who took it.
    const steps = receiver.getByRole('region', { name: 'Verloop' }).getByRole('listitem');
    await expect(steps).toHaveCount(2);
    await expect(steps.nth(0)).toHaveText(/^Voorgesteld door de verzendende LIVC, /);
    await expect(steps.nth(1)).toHaveText(/^Aanvaard door de ontvangende LIVC, /);
    await receiver.getByRole('link', { name: 'Ons dossier' }).click();
    await expect(receiver.getByRole('heading', { level: 1 })).toContainText('LIVC-');
    await expect(receiver.getByText('Gezin verhuist naar Oostdorp; opvolging loopt goed.')).toBeVisible();

    // The sender sees the outcome, in French too; its dossier is closed as handed over.
    await sender.reload();
    await expect(sender.getByRole('region', { name: 'Overdracht aan een andere LIVC' }).getByText('Aanvaard')).toBeVisible();
    const fr = await (await browser.newContext()).newPage();
    await signIn(fr, 'casemanager', { lang: 'fr', to: `/dossiers/${d.id}` });
    await expect(fr.getByRole('region', { name: 'Transfert à une autre CSIL' }).getByText('Accepté')).toBeVisible();
    await expect(fr.getByText('Transféré').first()).toBeVisible();
    await checkA11y(fr, 'dossier transferred (fr)');
  });
});
