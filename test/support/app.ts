import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/app.factory';
import { TenantsService } from '@kernteam/tenants';
import type { Role } from '@kernteam/users';
import type { PartnerType } from '@kernteam/partners';

export const PASSWORD = 'correct horse battery staple';

export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The real API (same factory as production) on the run's database. */
export async function startApp(): Promise<TestApp> {
  const app = await createApiApp();
  await app.init();
  return { app, http: () => request(app.getHttpServer()), close: () => app.close() };
}

export interface TestTenant {
  tenantId: string;
  name: string;
  partners: Record<string, string>;
  /** e-mail per login name */
  emails: Record<string, string>;
  tokens: Record<string, string>;
}

const PARTNERS: { name: string; type: PartnerType }[] = [
  { name: 'Burgemeester', type: 'BURGEMEESTER' },
  { name: 'Casemanagement', type: 'CASEMANAGEMENT' },
  { name: 'Politie', type: 'POLITIE' },
  { name: 'Parket', type: 'PARKET' },
  { name: 'OCMW', type: 'OCMW' },
  { name: 'Onderwijs', type: 'ONDERWIJS' },
];

/** Login names of the standard test tenant and what they are. */
const USERS: { key: string; role: Role; partner?: string }[] = [
  { key: 'admin', role: 'admin' },
  { key: 'chair', role: 'chair', partner: 'Burgemeester' },
  { key: 'casemanager', role: 'casemanager', partner: 'Casemanagement' },
  { key: 'police', role: 'member', partner: 'Politie' },
  { key: 'school', role: 'member', partner: 'Onderwijs' },
  { key: 'ocmw', role: 'member', partner: 'OCMW' },
  { key: 'evaluator', role: 'evaluator' },
  { key: 'auditor', role: 'auditor' },
];

/** A tenant of its own for a test file, with one user per role, all signed in. */
export async function seedTenant(t: TestApp, label: string): Promise<TestTenant> {
  const suffix = randomUUID().slice(0, 8);
  const name = `${label} ${suffix}`;
  const users = USERS.map((u) => ({ email: `${u.key}.${suffix}@test.kernteam.be`, name: `${u.key} ${suffix}`, role: u.role, partner: u.partner }));
  const { tenantId } = await t.app.get(TenantsService).seedTenant(name, PARTNERS, users, () => PASSWORD);
  const partners: Record<string, string> = {};
  const emails: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  USERS.forEach((u, i) => (emails[u.key] = users[i].email));
  for (const u of USERS) tokens[u.key] = await login(t, emails[u.key]);
  const list = await t.http().get('/api/partners').set('Authorization', `Bearer ${tokens.admin}`).expect(200);
  for (const p of list.body) partners[p.name] = p.id;
  return { tenantId, name, partners, emails, tokens };
}

export async function login(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const res = await t.http().post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login ${email} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A dossier registered by the casemanager, referred by the police, with a fictitious subject. */
export async function createDossier(t: TestApp, tenant: TestTenant, overrides: Record<string, unknown> = {}) {
  const res = await t.http().post('/api/dossiers').set(bearer(tenant.tokens.casemanager)).send({
    phenomenon: 'RADICALISERING',
    referringPartnerId: tenant.partners.Politie,
    receivedOn: '2026-10-01',
    summary: 'Signaal van de wijkagent over online contacten.',
    subject: { firstName: 'Testvoornaam', lastName: 'Testachternaam', birthDate: '2008-03-14', gender: 'M', municipality: 'Gent' },
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`create dossier → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The four screening answers RETAIN and REJECT need (issue 13): saved as the casemanager, on a dossier in SCREENING. */
export async function screen(t: TestApp, tenant: TestTenant, id: string, answers: { question: string; answer: string; note?: string }[] = [
  { question: 'RADICALISATION_LINK', answer: 'YES', note: 'Online contacten met een extremistische groep' },
  { question: 'SECURITY_RISK', answer: 'NO' }, { question: 'CARE_NEED', answer: 'YES' }, { question: 'OTHER_SERVICE', answer: 'NO' },
]) {
  const { version } = (await t.http().get(`/api/dossiers/${id}/screening`).set(bearer(tenant.tokens.casemanager)).expect(200)).body;
  return (await t.http().put(`/api/dossiers/${id}/screening`).set(bearer(tenant.tokens.casemanager)).send({ version, answers }).expect(200)).body;
}

export function transition(t: TestApp, token: string, id: string, event: string, version: number, reason?: string) {
  return t.http().post(`/api/dossiers/${id}/transitions`).set(bearer(token)).send({ event, version, ...(reason ? { reason } : {}) });
}
