import { TenantDb } from '@kernteam/persistence';
import { bearer, createDossier, login, PASSWORD, screen, seedTenant, startApp, TestApp, TestTenant, transition } from './support/app';
import { addToAgenda, getMeeting, holdMeeting, inDays, meetingEvent, planMeeting, setAttendance } from './support/meetings';
import { discoverRoutes } from './support/routes';
import { openEventStream, signInBrowser, withCsrf } from './support/browser';

/**
 * DESIGN.md §6 route by route: every route the application serves × every role (a member both involved in the
 * dossier and not involved), with the status a user gets. A route without a row here fails the test.
 */
type Who = 'anonymous' | 'admin' | 'chair' | 'casemanager' | 'memberInvolved' | 'memberNotInvolved' | 'evaluator' | 'auditor';
const WHO: Who[] = ['anonymous', 'admin', 'chair', 'casemanager', 'memberInvolved', 'memberNotInvolved', 'evaluator', 'auditor'];
/** The login of each matrix role in the test tenant: the police is involved in the fixture dossiers, the OCMW is not. */
const LOGIN: Record<Exclude<Who, 'anonymous'>, string> = {
  admin: 'admin', chair: 'chair', casemanager: 'casemanager', memberInvolved: 'police', memberNotInvolved: 'ocmw', evaluator: 'evaluator', auditor: 'auditor',
};

interface Ctx { t: TestApp; tenant: TestTenant; who: Who; partnerId: string | null }
interface Req { path: string; body?: unknown }
interface Row {
  build: (c: Ctx) => Promise<Req>;
  expect: Partial<Record<Who, number>> & { others: number };
  /** Sent with a browser session (cookie and CSRF header) instead of the Bearer token. */
  via?: 'cookie';
  /** An event stream: the status is read from its head, then the stream is closed. */
  stream?: true;
}

/** Status per role, anonymous always 401 unless the route is public. */
const only = (allowed: Partial<Record<Who, number>>, others = 403) => ({ ...allowed, others });

/** A dossier the police referred and is involved in, retained (visible to involved members), fresh per request. */
async function retained(c: Ctx) {
  const d = await createDossier(c.t, c.tenant);
  await transition(c.t, c.tenant.tokens.casemanager, d.id, 'START_SCREENING', 1).expect(200);
  await screen(c.t, c.tenant, d.id);
  await transition(c.t, c.tenant.tokens.casemanager, d.id, 'RETAIN', 2).expect(200);
  return { ...d, version: 3 };
}

/** A second LIVC that accepts transfers, seeded once for the transfer rows. */
let destination: Promise<TestTenant> | undefined;
async function destinationOf(c: Ctx) {
  destination ??= seedTenant(c.t, 'Matrix bestemming').then(async (d) => {
    await c.t.app.get(TenantDb).system((em) => em.query(`UPDATE tenants SET accepts_transfers = true WHERE id = $1`, [d.tenantId]));
    return d;
  });
  return destination;
}

/** An open transfer proposal of a retained police dossier to the destination LIVC. */
async function proposedTransfer(c: Ctx) {
  const [d, to] = await Promise.all([retained(c), destinationOf(c)]);
  const res = await c.t.http().post('/api/transfers').set(bearer(c.tenant.tokens.casemanager))
    .send({ dossierId: d.id, toTenantId: to.tenantId, summary: 'Matrix', contributionIds: [] }).expect(201);
  return res.body.id as string;
}

/** A planned meeting with a police dossier on its agenda: the police is expected there, the OCMW is not. */
async function plannedMeeting(c: Ctx) {
  const d = await retained(c);
  const m = await planMeeting(c.t, c.tenant);
  const item = (await addToAgenda(c.t, c.tenant, m.id, d.id).expect(201)).body.id as string;
  return { id: m.id as string, item, version: 2 };
}

/** The same meeting in session, the police present. */
async function meetingInSession(c: Ctx) {
  const m = await plannedMeeting(c);
  await meetingEvent(c.t, c.tenant, m.id, 'FINALIZE_AGENDA').expect(200);
  await setAttendance(c.t, c.tenant, m.id, ['Politie']).expect(200);
  await meetingEvent(c.t, c.tenant, m.id, 'OPEN').expect(200);
  return m;
}

/** A closed meeting that discussed a police dossier, agreeing on an action of the police. */
async function discussed(c: Ctx, present = ['Politie']) {
  const d = await retained(c);
  const agreements = [{ description: 'Matrix', responsiblePartnerId: c.tenant.partners.Politie, dueOn: inDays(7) }];
  const held = await holdMeeting(c.t, c.tenant, { dossierIds: [d.id], present, outcomes: { [d.id]: { outcome: 'DISCUSSED', agreements } } });
  const meeting = await getMeeting(c.t, c.tenant, held.meeting.id);
  return { dossierId: d.id as string, meetingId: held.meeting.id, itemId: held.items[d.id], agreementId: meeting.agenda[0].agreements[0].id as string };
}

/** A feedback sheet in CONCEPT about a discussion where the mayor, the casemanagement and the police took part. */
async function feedbackSheet(c: Ctx, submitted = false) {
  const x = await discussed(c, ['Burgemeester', 'Casemanagement', 'Politie']);
  const sheet = await c.t.http().post(`/api/dossiers/${x.dossierId}/feedback-sheets`).set(bearer(c.tenant.tokens.casemanager))
    .send({ agendaItemId: x.itemId, content: 'Matrix', noSecretsConfirmed: true }).expect(201);
  if (submitted) {
    await c.t.http().post(`/api/feedback-sheets/${sheet.body.id}/transitions`).set(bearer(c.tenant.tokens.casemanager)).send({ event: 'SUBMIT', version: 1 }).expect(200);
  }
  return sheet.body.id as string;
}

/** An SVPP plan of the evaluator, 2025–2026, down to one indicator entered by hand; fresh per request. */
async function plan(c: Ctx) {
  const ev = bearer(c.tenant.tokens.evaluator);
  const created = (await c.t.http().post('/api/plans').set(ev).send({ title: 'Matrix', periodFrom: '2025-01-01', periodTo: '2026-12-31' }).expect(201)).body;
  let parentId: string | undefined;
  for (const kind of ['PHENOMENON', 'STRATEGIC_OBJECTIVE', 'OPERATIONAL_OBJECTIVE', 'EXPECTED_RESULT', 'INDICATOR']) {
    parentId = (await c.t.http().post(`/api/plans/${created.id}/nodes`).set(ev).send({ kind, title: kind, ...(parentId ? { parentId } : {}) }).expect(201)).body.id;
  }
  return { id: created.id as string, version: created.version as number, indicatorId: parentId! };
}

/** An export the evaluator requested (no worker runs here: it stays QUEUED). */
async function queuedExport(c: Ctx) {
  return (await c.t.http().post('/api/exports').set(bearer(c.tenant.tokens.evaluator)).send({ from: '2025-01-01', to: '2025-12-31', format: 'json' }).expect(202)).body.id as string;
}

const dossierRead = only({ casemanager: 200, chair: 200, memberInvolved: 200, memberNotInvolved: 404 });
/** Meetings: chair and casemanager manage them; the expected police member reads (403 to change), the OCMW sees nothing. */
const meetingRead = only({ chair: 200, casemanager: 200, memberInvolved: 200, memberNotInvolved: 404 });
const meetingWrite = (ok: number) => only({ chair: ok, casemanager: ok, memberInvolved: 403, memberNotInvolved: 404 });
const dossierWrite = only({ casemanager: 200, memberNotInvolved: 404 });
/** Plan and indicators: the evaluator manages the plan, chair and casemanager read (DESIGN.md §6); exports are the evaluator's. */
const planRead = only({ evaluator: 200, chair: 200, casemanager: 200 });
const indicatorRead = planRead;

/** An identity provider of the tenant, made by its admin (nothing contacts the issuer until someone signs in). */
/** A second admin of the matrix tenant, signed in once: the requester of the grant requests the others decide. */
let requester: Promise<string> | undefined;
/** A pending grant request (an evaluator to be made auditor), asked by that second admin with the setting on for a moment. */
async function grantRequest(c: Ctx) {
  requester ??= c.t.http().post('/api/users').set(bearer(c.tenant.tokens.admin))
    .send({ email: `requester.${Math.random().toString(36).slice(2)}@test.kernteam.be`, name: 'Matrix requester', role: 'admin', password: PASSWORD })
    .expect(201).then((r) => login(c.t, r.body.email));
  const token = await requester;
  const db = c.t.app.get(TenantDb);
  const u = await c.t.http().post('/api/users').set(bearer(c.tenant.tokens.admin))
    .send({ email: `grant.${c.who}.${Math.random().toString(36).slice(2)}@test.kernteam.be`, name: 'Matrix', role: 'evaluator', password: 'long enough password' }).expect(201);
  await db.system((em) => em.query(`UPDATE tenants SET grants_need_second_approval = true WHERE id = $1`, [c.tenant.tenantId]));
  try {
    return (await c.t.http().patch(`/api/users/${u.body.id}`).set(bearer(token)).send({ role: 'auditor' }).expect(202)).body.grantRequest.id as string;
  } finally {
    await db.system((em) => em.query(`UPDATE tenants SET grants_need_second_approval = false WHERE id = $1`, [c.tenant.tenantId]));
  }
}

const idpBody = (c: Ctx) => ({ displayName: `IdP ${c.who} ${Math.random()}`, issuer: 'https://idp.example.be/realms/livc', clientId: 'kernteam', clientAuth: 'client_secret_basic', secret: 's3cret' });
async function idp(c: Ctx) {
  return (await c.t.http().post('/api/identity-providers').set(bearer(c.tenant.tokens.admin)).send(idpBody(c)).expect(201)).body.id as string;
}

const MATRIX: Record<string, Row> = {
  'GET /health': { build: async () => ({ path: '/health' }), expect: { anonymous: 200, others: 200 } },
  'POST /api/auth/login': {
    build: async (c) => ({ path: '/api/auth/login', body: { email: c.who === 'anonymous' ? 'nobody@x.be' : c.tenant.emails[LOGIN[c.who]], password: PASSWORD } }),
    expect: { anonymous: 401, others: 200 },
  },
  'POST /api/auth/session': {
    build: async (c) => ({ path: '/api/auth/session', body: { email: c.who === 'anonymous' ? 'nobody@x.be' : c.tenant.emails[LOGIN[c.who]], password: PASSWORD } }),
    expect: { anonymous: 401, others: 200 },
  },
  // Public second sign-in step: an unknown challenge is the one refusal.
  'POST /api/auth/login/totp': { build: async () => ({ path: '/api/auth/login/totp', body: { challenge: 'x'.repeat(43), code: '123456' } }), expect: { anonymous: 401, others: 401 } },
  'POST /api/auth/session/totp': { build: async () => ({ path: '/api/auth/session/totp', body: { challenge: 'x'.repeat(43), code: '123456' } }), expect: { anonymous: 401, others: 401 } },
  'GET /api/me/sessions': { build: async () => ({ path: '/api/me/sessions' }), expect: { others: 200 } },
  'DELETE /api/me/sessions/:id': { build: async () => ({ path: '/api/me/sessions/00000000-0000-4000-8000-000000000000' }), expect: { others: 404 } },
  // With a bearer token every browser session of the caller is "another" one; the matrix's cookie rows sign in afresh.
  'POST /api/me/sessions/revoke-others': { build: async () => ({ path: '/api/me/sessions/revoke-others' }), expect: { others: 200 } },
  'GET /api/me/totp': { build: async () => ({ path: '/api/me/totp' }), expect: { others: 200 } },
  'POST /api/me/totp/enrol': { build: async () => ({ path: '/api/me/totp/enrol' }), expect: { others: 200 } },
  // After the enrol row: a wrong code for the pending secret changes nothing (400).
  'POST /api/me/totp/confirm': { build: async () => ({ path: '/api/me/totp/confirm', body: { code: '000000' } }), expect: { others: 400 } },
  'POST /api/me/totp/disable': { build: async () => ({ path: '/api/me/totp/disable', body: { currentPassword: PASSWORD, code: '000000' } }), expect: { others: 422 } },
  'GET /api/auth/session': { build: async () => ({ path: '/api/auth/session' }), via: 'cookie', expect: { others: 200 } },
  'DELETE /api/auth/session': { build: async () => ({ path: '/api/auth/session' }), via: 'cookie', expect: { others: 204 } },
  'GET /api/me': { build: async () => ({ path: '/api/me' }), expect: { others: 200 } },
  'GET /api/me/abilities': { build: async () => ({ path: '/api/me/abilities' }), expect: { others: 200 } },
  'PATCH /api/me': { build: async () => ({ path: '/api/me', body: { language: 'nl-BE' } }), expect: { others: 200 } },
  // Every signed-in role may change its own password; a too-short new one is refused before anything changes (a real
  // change would invalidate the tokens the rest of the matrix signs with; test/password-reset.e2e-spec.ts does that).
  'POST /api/me/password': { build: async () => ({ path: '/api/me/password', body: { currentPassword: PASSWORD, newPassword: 'short' } }), expect: { others: 400 } },
  // Public; an unknown token is the one refusal.
  'POST /api/auth/password-reset': {
    build: async () => ({ path: '/api/auth/password-reset', body: { token: 'x'.repeat(43), password: 'long enough password' } }), expect: { anonymous: 400, others: 400 },
  },
  // OpenID Connect sign-in: public; a start for no provider and a callback without a sign-in in progress go back to the login page.
  'GET /api/auth/oidc/providers': { build: async (c) => ({ path: `/api/auth/oidc/providers?tenant=${c.tenant.tenantId}` }), expect: { anonymous: 200, others: 200 } },
  'GET /api/auth/oidc/:providerId/start': { build: async () => ({ path: '/api/auth/oidc/00000000-0000-4000-8000-000000000000/start' }), expect: { anonymous: 302, others: 302 } },
  'GET /api/auth/oidc/callback': { build: async () => ({ path: '/api/auth/oidc/callback?code=x&state=y' }), expect: { anonymous: 302, others: 302 } },
  'POST /api/auth/oidc/logout': { build: async () => ({ path: '/api/auth/oidc/logout' }), via: 'cookie', expect: { others: 200 } },
  // Identity providers: the admin's alone.
  'GET /api/identity-providers': { build: async () => ({ path: '/api/identity-providers' }), expect: only({ admin: 200 }) },
  'POST /api/identity-providers': { build: async (c) => ({ path: '/api/identity-providers', body: idpBody(c) }), expect: only({ admin: 201 }) },
  'GET /api/identity-providers/:id': { build: async (c) => ({ path: `/api/identity-providers/${await idp(c)}` }), expect: only({ admin: 200 }) },
  'PATCH /api/identity-providers/:id': { build: async (c) => ({ path: `/api/identity-providers/${await idp(c)}`, body: { active: false } }), expect: only({ admin: 200 }) },
  'DELETE /api/identity-providers/:id': { build: async (c) => ({ path: `/api/identity-providers/${await idp(c)}` }), expect: only({ admin: 204 }) },
  'GET /api/partners': { build: async () => ({ path: '/api/partners' }), expect: { others: 200 } },
  'POST /api/partners': { build: async (c) => ({ path: '/api/partners', body: { name: `Partner ${c.who} ${Math.random()}`, type: 'OTHER' } }), expect: only({ admin: 201 }) },
  'PATCH /api/partners/:id': { build: async (c) => ({ path: `/api/partners/${c.tenant.partners.Parket}`, body: { active: true } }), expect: only({ admin: 200 }) },
  'GET /api/settings': { build: async () => ({ path: '/api/settings' }), expect: { others: 200 } },
  'PATCH /api/settings': {
    build: async (c) => ({ path: '/api/settings', body: { version: (await c.t.http().get('/api/settings').set(bearer(c.tenant.tokens.admin))).body.version, theme: 'neutral' } }),
    expect: only({ admin: 200 }),
  },
  'GET /api/users': { build: async () => ({ path: '/api/users' }), expect: only({ admin: 200, chair: 200, casemanager: 200, memberInvolved: 200, memberNotInvolved: 200 }) },
  'GET /api/users/:id': {
    build: async (c) => ({ path: `/api/users/${(await c.t.http().get('/api/me').set(bearer(c.tenant.tokens.chair))).body.id}` }),
    expect: only({ admin: 200, chair: 200, casemanager: 200, memberInvolved: 200, memberNotInvolved: 200 }),
  },
  'POST /api/users': {
    build: async (c) => ({ path: '/api/users', body: { email: `m.${c.who}.${Math.random().toString(36).slice(2)}@test.kernteam.be`, name: 'Matrix', role: 'evaluator', password: 'long enough password' } }),
    expect: only({ admin: 201 }),
  },
  'PATCH /api/users/:id': {
    build: async (c) => ({ path: `/api/users/${(await c.t.http().get('/api/me').set(bearer(c.tenant.tokens.evaluator))).body.id}`, body: { name: 'Evaluator' } }),
    expect: only({ admin: 200 }),
  },
  'POST /api/users/:id/password-reset': {
    build: async (c) => ({ path: `/api/users/${(await c.t.http().get('/api/me').set(bearer(c.tenant.tokens.evaluator))).body.id}/password-reset` }),
    expect: only({ admin: 201 }),
  },
  // A fresh user per request: ending all sessions of one the matrix signs in with would invalidate its token.
  'POST /api/users/:id/sessions/revoke': {
    build: async (c) => {
      const u = await c.t.http().post('/api/users').set(bearer(c.tenant.tokens.admin))
        .send({ email: `revoke.${c.who}.${Math.random().toString(36).slice(2)}@test.kernteam.be`, name: 'Matrix', role: 'evaluator' }).expect(201);
      return { path: `/api/users/${u.body.id}/sessions/revoke` };
    },
    expect: only({ admin: 200 }),
  },
  'DELETE /api/users/:id/totp': {
    build: async (c) => ({ path: `/api/users/${(await c.t.http().get('/api/me').set(bearer(c.tenant.tokens.evaluator))).body.id}/totp` }),
    expect: only({ admin: 422 }),
  },
  // Grant requests: the admins and the chair see and decide them (a different person than the requester).
  'GET /api/grant-requests': { build: async () => ({ path: '/api/grant-requests?state=PENDING' }), expect: only({ admin: 200, chair: 200 }) },
  'POST /api/grant-requests/:id/approve': { build: async (c) => ({ path: `/api/grant-requests/${await grantRequest(c)}/approve`, body: { version: 1 } }), expect: only({ admin: 200, chair: 200 }) },
  'POST /api/grant-requests/:id/reject': {
    build: async (c) => ({ path: `/api/grant-requests/${await grantRequest(c)}/reject`, body: { version: 1, reason: 'Matrix' } }), expect: only({ admin: 200, chair: 200 }),
  },
  'POST /api/dossiers': {
    build: async (c) => ({
      path: '/api/dossiers',
      body: { phenomenon: 'RADICALISERING', referringPartnerId: c.partnerId ?? c.tenant.partners.Politie, receivedOn: '2026-10-01', summary: 'Matrix', subject: { firstName: 'A', lastName: 'B' } },
    }),
    expect: only({ casemanager: 201, memberInvolved: 201, memberNotInvolved: 201 }),
  },
  'GET /api/dossiers': { build: async () => ({ path: '/api/dossiers' }), expect: only({ casemanager: 200, chair: 200, memberInvolved: 200, memberNotInvolved: 200 }) },
  'GET /api/dossiers/:id': { build: async (c) => ({ path: `/api/dossiers/${(await retained(c)).id}` }), expect: dossierRead },
  'PATCH /api/dossiers/:id': { build: async (c) => { const d = await retained(c); return { path: `/api/dossiers/${d.id}`, body: { version: d.version, summary: 'Bijgewerkt' } }; }, expect: dossierWrite },
  'PUT /api/dossiers/:id/partners': {
    build: async (c) => { const d = await retained(c); return { path: `/api/dossiers/${d.id}/partners`, body: { version: d.version, partnerIds: [c.tenant.partners.Politie] } }; },
    expect: dossierWrite,
  },
  'POST /api/dossiers/:id/transitions': {
    build: async (c) => { const d = await createDossier(c.t, c.tenant); return { path: `/api/dossiers/${d.id}/transitions`, body: { event: 'START_SCREENING', version: 1 } }; },
    // A fresh dossier is still AANGEMELD: the police referred it, so its member sees it (403 to move it); the OCMW does not.
    expect: dossierWrite,
  },
  'GET /api/dossiers/:id/history': { build: async (c) => ({ path: `/api/dossiers/${(await retained(c)).id}/history` }), expect: dossierRead },
  'GET /api/dossiers/:id/screening': { build: async (c) => ({ path: `/api/dossiers/${(await retained(c)).id}/screening` }), expect: dossierRead },
  'PUT /api/dossiers/:id/screening': {
    build: async (c) => {
      const d = await createDossier(c.t, c.tenant);
      await transition(c.t, c.tenant.tokens.casemanager, d.id, 'START_SCREENING', 1).expect(200);
      return { path: `/api/dossiers/${d.id}/screening`, body: { version: 0, answers: [{ question: 'CARE_NEED', answer: 'UNKNOWN' }] } };
    },
    // In SCREENING: the referring police member sees it (403 to fill it in); the OCMW does not.
    expect: dossierWrite,
  },
  'GET /api/dossiers/:id/awareness': { build: async (c) => ({ path: `/api/dossiers/${(await retained(c)).id}/awareness` }), expect: dossierRead },
  'POST /api/dossiers/:id/awareness/transitions': {
    build: async (c) => ({ path: `/api/dossiers/${(await retained(c)).id}/awareness/transitions`, body: { event: 'INFORM', version: 1, informedOn: '2026-10-02' } }),
    expect: dossierWrite,
  },
  'POST /api/dossiers/:id/contributions': {
    build: async (c) => ({ path: `/api/dossiers/${(await retained(c)).id}/contributions`, body: { text: 'Matrix', visibility: 'KERNTEAM' } }),
    expect: only({ casemanager: 201, memberInvolved: 201, memberNotInvolved: 404 }),
  },
  'GET /api/dossiers/:id/contributions': { build: async (c) => ({ path: `/api/dossiers/${(await retained(c)).id}/contributions` }), expect: dossierRead },
  'POST /api/meetings': { build: async () => ({ path: '/api/meetings', body: { scheduledAt: '2026-12-03T14:00:00+01:00' } }), expect: only({ chair: 201, casemanager: 201 }) },
  'GET /api/meetings': { build: async () => ({ path: '/api/meetings' }), expect: only({ chair: 200, casemanager: 200, memberInvolved: 200, memberNotInvolved: 200 }) },
  'GET /api/meetings/:id': { build: async (c) => ({ path: `/api/meetings/${(await plannedMeeting(c)).id}` }), expect: meetingRead },
  'GET /api/meetings/:id/events': { build: async (c) => ({ path: `/api/meetings/${(await plannedMeeting(c)).id}/events` }), stream: true, expect: meetingRead },
  'PATCH /api/meetings/:id': {
    build: async (c) => { const m = await plannedMeeting(c); return { path: `/api/meetings/${m.id}`, body: { version: m.version, location: 'Zaal 3' } }; },
    expect: meetingWrite(200),
  },
  'POST /api/meetings/:id/agenda': {
    build: async (c) => { const m = await plannedMeeting(c); return { path: `/api/meetings/${m.id}/agenda`, body: { dossierId: (await retained(c)).id } }; },
    expect: meetingWrite(201),
  },
  'DELETE /api/meetings/:id/agenda/:itemId': {
    build: async (c) => { const m = await plannedMeeting(c); return { path: `/api/meetings/${m.id}/agenda/${m.item}` }; },
    expect: meetingWrite(204),
  },
  'PUT /api/meetings/:id/attendance': {
    build: async (c) => ({ path: `/api/meetings/${(await plannedMeeting(c)).id}/attendance`, body: { presentPartnerIds: [c.tenant.partners.Politie] } }),
    expect: meetingWrite(200),
  },
  'PUT /api/meetings/:id/agenda/:itemId/outcome': {
    build: async (c) => { const m = await meetingInSession(c); return { path: `/api/meetings/${m.id}/agenda/${m.item}/outcome`, body: { outcome: 'POSTPONED' } }; },
    expect: meetingWrite(200),
  },
  'POST /api/meetings/:id/transitions': {
    build: async (c) => { const m = await plannedMeeting(c); return { path: `/api/meetings/${m.id}/transitions`, body: { event: 'FINALIZE_AGENDA', version: m.version } }; },
    expect: meetingWrite(200),
  },
  'GET /api/meetings/:id/minutes': { build: async (c) => ({ path: `/api/meetings/${(await plannedMeeting(c)).id}/minutes` }), expect: meetingRead },
  'GET /api/meetings/:id/minutes.pdf': { build: async (c) => ({ path: `/api/meetings/${(await plannedMeeting(c)).id}/minutes.pdf` }), expect: meetingRead },
  'GET /api/agreements': { build: async () => ({ path: '/api/agreements' }), expect: only({ chair: 200, casemanager: 200, memberInvolved: 200, memberNotInvolved: 200 }) },
  'GET /api/agreements/:id': { build: async (c) => ({ path: `/api/agreements/${(await discussed(c)).agreementId}` }), expect: meetingRead },
  'POST /api/agreements/:id/transitions': {
    build: async (c) => ({ path: `/api/agreements/${(await discussed(c)).agreementId}/transitions`, body: { event: 'START', version: 1 } }),
    // The police is the responsible partner; the chair reads every agreement but moves only those of its own partner.
    expect: only({ casemanager: 200, memberInvolved: 200, chair: 403, memberNotInvolved: 404 }),
  },
  'POST /api/dossiers/:id/feedback-sheets': {
    build: async (c) => { const x = await discussed(c); return { path: `/api/dossiers/${x.dossierId}/feedback-sheets`, body: { agendaItemId: x.itemId, content: 'Matrix', noSecretsConfirmed: true } }; },
    expect: only({ casemanager: 201 }),
  },
  'GET /api/dossiers/:id/feedback-sheets': { build: async (c) => ({ path: `/api/dossiers/${(await retained(c)).id}/feedback-sheets` }), expect: dossierRead },
  'GET /api/feedback-sheets': { build: async () => ({ path: '/api/feedback-sheets?state=TER_GOEDKEURING' }), expect: only({ chair: 200, casemanager: 200, memberInvolved: 200, memberNotInvolved: 200 }) },
  'GET /api/feedback-sheets/:id': {
    build: async (c) => ({ path: `/api/feedback-sheets/${await feedbackSheet(c)}` }),
    // A draft: never for the police (nor for a member whose partner was not there).
    expect: only({ chair: 200, casemanager: 200, memberInvolved: 404, memberNotInvolved: 404 }),
  },
  'PATCH /api/feedback-sheets/:id': {
    build: async (c) => ({ path: `/api/feedback-sheets/${await feedbackSheet(c)}`, body: { version: 1, content: 'Matrix 2', noSecretsConfirmed: true } }),
    expect: only({ casemanager: 200, chair: 403, memberInvolved: 404, memberNotInvolved: 404 }),
  },
  'POST /api/feedback-sheets/:id/transitions': {
    build: async (c) => ({ path: `/api/feedback-sheets/${await feedbackSheet(c)}/transitions`, body: { event: 'SUBMIT', version: 1 } }),
    expect: only({ casemanager: 200, chair: 403, memberInvolved: 404, memberNotInvolved: 404 }),
  },
  'POST /api/feedback-sheets/:id/approvals': {
    build: async (c) => ({ path: `/api/feedback-sheets/${await feedbackSheet(c, true)}/approvals`, body: { approved: true } }),
    // Burgemeester and Casemanagement were present and approve; the police is the addressee and sees nothing yet.
    expect: only({ chair: 201, casemanager: 201, memberInvolved: 404, memberNotInvolved: 404 }),
  },
  'GET /api/notifications': { build: async () => ({ path: '/api/notifications' }), expect: { others: 200 } },
  'POST /api/notifications/:id/read': {
    build: async (c) => {
      if (c.who === 'anonymous') return { path: '/api/notifications/6f1c1d0e-0000-4000-8000-000000000000/read' };
      const me = (await c.t.http().get('/api/me').set(bearer(c.tenant.tokens[LOGIN[c.who]]))).body;
      const [{ id }] = await c.t.app.get(TenantDb).system((em) => em.query(
        `INSERT INTO notifications (tenant_id, user_id, kind, data) VALUES ($1, $2, 'meeting.cancelled', '{"scheduledAt":"2026-12-03T13:00:00.000Z"}') RETURNING id`,
        [c.tenant.tenantId, me.id],
      ));
      return { path: `/api/notifications/${id}/read` };
    },
    expect: { others: 200 },
  },
  'POST /api/notifications/read-all': { build: async () => ({ path: '/api/notifications/read-all', body: {} }), expect: { others: 200 } },
  'GET /api/deliveries': { build: async () => ({ path: '/api/deliveries?state=FAILED' }), expect: only({ casemanager: 200, admin: 200 }) },
  'POST /api/deliveries/:id/retry': {
    // A FAILED e-mail of the tenant for each case (a retried one is PENDING and would answer 409 the second time).
    build: async (c) => {
      const [{ id }] = await c.t.app.get(TenantDb).system((em) => em.query(
        `INSERT INTO deliveries (tenant_id, user_id, kind, dedupe_key, entity_type, entity_id, state, attempts)
         SELECT $1, u.id, 'meeting.invitation', 'matrix:' || gen_random_uuid(), 'Meeting', gen_random_uuid(), 'FAILED', 6
           FROM users u WHERE u.tenant_id = $1 AND u.role = 'member' LIMIT 1 RETURNING id`,
        [c.tenant.tenantId],
      ));
      return { path: `/api/deliveries/${id}/retry` };
    },
    expect: only({ casemanager: 200, admin: 200 }),
  },
  'GET /api/indicators': { build: async () => ({ path: '/api/indicators?from=2025-01-01&to=2025-12-31' }), expect: indicatorRead },
  'GET /api/indicators/:indicator': { build: async () => ({ path: '/api/indicators/shared-agreements?from=2025-01-01&to=2025-12-31' }), expect: indicatorRead },
  'GET /api/plans': { build: async () => ({ path: '/api/plans' }), expect: planRead },
  'POST /api/plans': { build: async () => ({ path: '/api/plans', body: { title: 'Matrix', periodFrom: '2026-01-01', periodTo: '2026-12-31' } }), expect: only({ evaluator: 201 }) },
  'POST /api/plans/import': {
    build: async () => ({ path: '/api/plans/import', body: { format: 'kernteam.svpp-plan', formatVersion: 1, title: 'Matrix', periodFrom: '2026-01-01', periodTo: '2026-12-31', phenomena: [] } }),
    expect: only({ evaluator: 201 }),
  },
  'GET /api/plans/:id': { build: async (c) => ({ path: `/api/plans/${(await plan(c)).id}` }), expect: planRead },
  'PATCH /api/plans/:id': { build: async (c) => { const p = await plan(c); return { path: `/api/plans/${p.id}`, body: { version: p.version, title: 'Matrix 2' } }; }, expect: only({ evaluator: 200 }) },
  'DELETE /api/plans/:id': { build: async (c) => ({ path: `/api/plans/${(await plan(c)).id}` }), expect: only({ evaluator: 204 }) },
  'GET /api/plans/:id/structure': { build: async (c) => ({ path: `/api/plans/${(await plan(c)).id}/structure` }), expect: planRead },
  'POST /api/plans/:id/nodes': { build: async (c) => ({ path: `/api/plans/${(await plan(c)).id}/nodes`, body: { kind: 'PHENOMENON', title: 'Matrix' } }), expect: only({ evaluator: 201 }) },
  'PATCH /api/plans/:id/nodes/:nodeId': {
    build: async (c) => { const p = await plan(c); return { path: `/api/plans/${p.id}/nodes/${p.indicatorId}`, body: { version: 1, title: 'Matrix 2' } }; },
    expect: only({ evaluator: 200 }),
  },
  'DELETE /api/plans/:id/nodes/:nodeId': { build: async (c) => { const p = await plan(c); return { path: `/api/plans/${p.id}/nodes/${p.indicatorId}` }; }, expect: only({ evaluator: 204 }) },
  'PUT /api/plans/:id/nodes/:nodeId/values/:year': {
    build: async (c) => { const p = await plan(c); return { path: `/api/plans/${p.id}/nodes/${p.indicatorId}/values/2025`, body: { value: 3 } }; },
    expect: only({ evaluator: 200 }),
  },
  'GET /api/plans/:id/report': { build: async (c) => ({ path: `/api/plans/${(await plan(c)).id}/report?year=2025` }), expect: planRead },
  'GET /api/plans/:id/report.pdf': { build: async (c) => ({ path: `/api/plans/${(await plan(c)).id}/report.pdf?year=2025` }), expect: planRead },
  'PUT /api/plans/:id/nodes/:nodeId/comments/:year': {
    // A new comment each time (no version yet): the evaluator writes the yearly evaluation, nobody else.
    build: async (c) => { const p = await plan(c); return { path: `/api/plans/${p.id}/nodes/${p.indicatorId}/comments/2025`, body: { text: 'Matrix' } }; },
    expect: only({ evaluator: 200 }),
  },
  'GET /api/plans/:id/snapshots': { build: async (c) => ({ path: `/api/plans/${(await plan(c)).id}/snapshots` }), expect: planRead },
  'POST /api/plans/:id/snapshots': { build: async (c) => ({ path: `/api/plans/${(await plan(c)).id}/snapshots`, body: { year: 2025 } }), expect: only({ evaluator: 201 }) },
  'POST /api/plans/:id/snapshots/:year/reopen': {
    build: async (c) => {
      const p = await plan(c);
      await c.t.http().post(`/api/plans/${p.id}/snapshots`).set(bearer(c.tenant.tokens.evaluator)).send({ year: 2025 }).expect(201);
      return { path: `/api/plans/${p.id}/snapshots/2025/reopen`, body: { reason: 'Matrix' } };
    },
    expect: only({ evaluator: 200 }),
  },
  'POST /api/exports': { build: async () => ({ path: '/api/exports', body: { from: '2025-01-01', to: '2025-12-31', format: 'csv' } }), expect: only({ evaluator: 202 }) },
  'GET /api/exports': { build: async () => ({ path: '/api/exports' }), expect: only({ evaluator: 200 }) },
  'GET /api/exports/:id': { build: async (c) => ({ path: `/api/exports/${await queuedExport(c)}` }), expect: only({ evaluator: 200 }) },
  // Reachable for the evaluator only; still queued, so 409 (not ready) rather than the file.
  'GET /api/exports/:id/file': { build: async (c) => ({ path: `/api/exports/${await queuedExport(c)}/file` }), expect: only({ evaluator: 409 }) },
  'GET /api/audit': { build: async () => ({ path: '/api/audit?action=dossier.read&page=1&pageSize=10' }), expect: only({ auditor: 200 }) },
  'GET /api/audit/actors': { build: async () => ({ path: '/api/audit/actors' }), expect: only({ auditor: 200 }) },
  'GET /api/audit/access-log': {
    build: async (c) => ({ path: `/api/audit/access-log?reference=${(await createDossier(c.t, c.tenant)).reference}` }),
    expect: only({ auditor: 200 }),
  },
  'GET /api/audit/verify': { build: async () => ({ path: '/api/audit/verify' }), expect: only({ auditor: 200 }) },
  'GET /api/transfers/destinations': { build: async () => ({ path: '/api/transfers/destinations' }), expect: only({ casemanager: 200 }) },
  'POST /api/transfers': {
    build: async (c) => ({ path: '/api/transfers', body: { dossierId: (await retained(c)).id, toTenantId: (await destinationOf(c)).tenantId, summary: 'Matrix', contributionIds: [] } }),
    expect: only({ casemanager: 201 }),
  },
  'GET /api/transfers': { build: async () => ({ path: '/api/transfers?direction=outgoing' }), expect: only({ casemanager: 200 }) },
  'GET /api/transfers/:id': { build: async (c) => ({ path: `/api/transfers/${await proposedTransfer(c)}` }), expect: only({ casemanager: 200 }) },
  'POST /api/transfers/:id/transitions': {
    build: async (c) => ({ path: `/api/transfers/${await proposedTransfer(c)}/transitions`, body: { event: 'WITHDRAW', version: 1 } }),
    expect: only({ casemanager: 200 }),
  },
  'POST /api/match-queries': {
    build: async (c) => {
      process.env.MATCH_SECRET ??= 'matrix-match-secret';
      return { path: '/api/match-queries', body: { dossierId: (await retained(c)).id, reason: 'Matrix' } };
    },
    expect: only({ casemanager: 200 }),
  },
};

describe('authorization matrix: every route × every role', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let routes: ReturnType<typeof discoverRoutes>;
  const partnerOf: Record<string, string | null> = {};
  beforeAll(async () => {
    t = await startApp();
    tenant = await seedTenant(t, 'Matrix');
    routes = discoverRoutes(t.app);
    for (const who of WHO) {
      if (who === 'anonymous') continue;
      partnerOf[who] = (await t.http().get('/api/me').set(bearer(tenant.tokens[LOGIN[who]]))).body.partnerId;
    }
  });
  afterAll(() => t.close());

  it('has a row for every route the application serves, and no row for a route it does not', () => {
    const served = routes.map((r) => r.key);
    expect(served.filter((k) => !MATRIX[k])).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !served.includes(k))).toEqual([]);
  });

  const cells = Object.keys(MATRIX).flatMap((route) => WHO.map((who) => [route, who] as const));
  it.each(cells)('%s as %s', async (route, who) => {
    const row = MATRIX[route];
    const isPublic = routes.find((r) => r.key === route)?.isPublic ?? false;
    const expected = who === 'anonymous' && !isPublic ? 401 : (row.expect[who] ?? row.expect.others);
    const [method] = route.split(' ');
    const req = await row.build({ t, tenant, who, partnerId: who === 'anonymous' ? null : partnerOf[who] });
    const signIn = route === 'POST /api/auth/login' || route === 'POST /api/auth/session';
    const headers: Record<string, string> = who === 'anonymous' || signIn ? {}
      : row.via === 'cookie' ? withCsrf(await signInBrowser(t, tenant.emails[LOGIN[who]])) : bearer(tenant.tokens[LOGIN[who]]);
    let res: { status: number; headers: Record<string, unknown> };
    if (row.stream) {
      const stream = await openEventStream(t, req.path, headers);
      stream.close();
      res = stream;
    } else {
      const call = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](req.path).set(headers);
      res = req.body === undefined ? await call : await call.send(req.body as object);
    }
    expect({ route, who, status: res.status }).toEqual({ route, who, status: expected });
    if (res.status >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
