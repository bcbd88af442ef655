import { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../apps/worker/src/worker.factory';
import { bearer, createDossier, seedTenant, startApp, screen, TestApp, TestTenant, transition } from './support/app';

/** The application's own output, at its most verbose, never carries a subject's name or a dossier's free text. */
describe('logs hold no personal data', () => {
  const NAME = 'Zwartvogelaar';
  const FIRST = 'Quintijn';
  const TEXT = 'Ontmoette een ronselaar in het jeugdhuis';
  const captured: string[] = [];
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  let t: TestApp;
  let tenant: TestTenant;
  let worker: INestApplicationContext;
  const level = process.env.LOG_LEVEL;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'verbose';
    // Captured, not echoed: at verbose level the output would drown the test report.
    const capture = ((chunk: unknown) => {
      captured.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    process.stdout.write = capture;
    process.stderr.write = capture;
    t = await startApp();
    worker = await createWorker();
    tenant = await seedTenant(t, 'Logscan');
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
    process.env.LOG_LEVEL = level;
  });

  it('keeps names and free text out of every log line, also on errors and refusals', async () => {
    const cm = bearer(tenant.tokens.casemanager);
    const d = await createDossier(t, tenant, { summary: TEXT, subject: { firstName: FIRST, lastName: NAME, municipality: 'Gent' } });
    await t.http().get(`/api/dossiers/${d.id}`).set(cm).expect(200);
    await t.http().get(`/api/dossiers?q=${NAME}`).set(cm).expect(200);
    await t.http().post(`/api/dossiers/${d.id}/contributions`).set(cm).send({ text: TEXT, visibility: 'RESTRICTED' }).expect(201);
    await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 1).expect(200);
    await screen(t, tenant, d.id, [
      { question: 'RADICALISATION_LINK', answer: 'NO', note: `${TEXT} (screening)` }, { question: 'SECURITY_RISK', answer: 'NO' },
      { question: 'CARE_NEED', answer: 'YES' }, { question: 'OTHER_SERVICE', answer: 'YES' },
    ]);
    await transition(t, tenant.tokens.casemanager, d.id, 'REJECT', 2, `${TEXT} (reden)`).expect(200);
    // Refusals and bad input that carry the personal data in the request.
    await t.http().patch(`/api/dossiers/${d.id}`).set(cm).send({ version: 1, summary: TEXT, subject: { lastName: NAME } }).expect(409);
    await t.http().post('/api/dossiers').set(cm).send({ phenomenon: NAME, referringPartnerId: tenant.partners.Politie, receivedOn: TEXT, summary: TEXT, subject: { firstName: FIRST, lastName: NAME, gender: NAME } }).expect(400);
    await t.http().post('/api/dossiers').set(cm).set('Content-Type', 'application/json').send(`{"summary": "${TEXT}", "subject": {"lastName": "${NAME}"`).expect(400);
    await t.http().get(`/api/dossiers/${d.id}`).set(bearer(tenant.tokens.ocmw)).expect(404);
    await t.http().post('/api/auth/login').send({ email: `${NAME}@example.be`, password: TEXT }).expect(401);
    await new Promise((r) => setTimeout(r, 1_000)); // let the worker relay and process the outbox

    const all = captured.join('');
    expect(all.length).toBeGreaterThan(0);
    for (const secret of [NAME, FIRST, TEXT, 'Ontmoette']) expect(all).not.toContain(secret);
  });
});
