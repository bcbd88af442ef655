import { Client } from 'pg';
import { checkA11y, expect, signIn, test } from './fixtures';

/**
 * The casemanager's start page lists the e-mails whose retries ran out — recipient and kind of message only — with a
 * button to try one again. The failed delivery is written straight to the database: the browser product has no SMTP.
 */
test.describe('failed e-mail deliveries on the casemanager\'s start page', () => {
  test.describe.configure({ mode: 'serial' });
  let db: Client;
  let deliveryId: string;
  let recipient: string;

  test.beforeAll(async () => {
    db = new Client({ connectionString: process.env.BROWSER_DATABASE_URL });
    await db.connect();
    const { rows: [u] } = await db.query(`SELECT id, tenant_id, name FROM users WHERE role = 'member' AND active ORDER BY email LIMIT 1`);
    recipient = u.name;
    // Its automatic retry is far away, so only the button sends it again.
    const { rows: [d] } = await db.query(
      `INSERT INTO deliveries (tenant_id, user_id, kind, dedupe_key, entity_type, entity_id, state, attempts, last_error, last_attempt_at, next_retry_at)
       VALUES ($1, $2, 'meeting.invitation', 'browser:' || gen_random_uuid(), 'Meeting', gen_random_uuid(), 'FAILED', 6, 'smtp-451', now(), now() + interval '5 hours')
       RETURNING id`,
      [u.tenant_id, u.id],
    );
    deliveryId = d.id;
  });
  test.afterAll(async () => {
    await db.query(`DELETE FROM deliveries WHERE id = $1`, [deliveryId]);
    await db.end();
  });

  test('in French', async ({ page }) => {
    await signIn(page, 'casemanager', { lang: 'fr' });
    const section = page.getByRole('region', { name: /E-mails non envoyés/ });
    await expect(section.getByText(`Invitation à une réunion à ${recipient}`)).toBeVisible();
    await expect(section.getByRole('button', { name: `Réessayer maintenant : Invitation à une réunion à ${recipient}` })).toBeVisible();
  });

  test('shows who did not get which e-mail and tries it again on request', async ({ page }) => {
    await signIn(page, 'casemanager');
    const section = page.getByRole('region', { name: /E-mails die niet verstuurd raakten/ });
    await expect(section.getByText(`Uitnodiging voor een overleg aan ${recipient}`)).toBeVisible();
    await expect(section.getByText(/6 pogingen, volgende poging/)).toBeVisible();
    await checkA11y(page, 'start page with a failed delivery');

    await section.getByRole('button', { name: `Nu opnieuw proberen: Uitnodiging voor een overleg aan ${recipient}` }).click();
    await expect(section.getByText(`Uitnodiging voor een overleg aan ${recipient}`)).toHaveCount(0);
    const { rows: [after] } = await db.query(`SELECT state FROM deliveries WHERE id = $1`, [deliveryId]);
    expect(['PENDING', 'SKIPPED']).toContain(after.state); // queued again; without SMTP the worker then skips it
  });
});
