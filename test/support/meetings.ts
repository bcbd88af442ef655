import { addDays, brusselsDate } from '@kernteam/http';
import { bearer, createDossier, screen, TestApp, TestTenant, transition } from './app';

/** Helpers that drive meetings through the public API only, as a client would. */
export const as = (tenant: TestTenant, who: string) => bearer(tenant.tokens[who]);
export const today = () => brusselsDate();
export const inDays = (n: number) => addDays(brusselsDate(), n);

/** A dossier in WEERHOUDEN with the given involved partners (by name), ready for an agenda. */
export async function retainedDossier(t: TestApp, tenant: TestTenant, partners: string[] = ['Politie']) {
  const cm = as(tenant, 'casemanager');
  const d = await createDossier(t, tenant);
  await t.http().put(`/api/dossiers/${d.id}/partners`).set(cm).send({ version: 1, partnerIds: partners.map((p) => tenant.partners[p]) }).expect(200);
  await transition(t, tenant.tokens.casemanager, d.id, 'START_SCREENING', 2).expect(200);
  await screen(t, tenant, d.id);
  return (await transition(t, tenant.tokens.casemanager, d.id, 'RETAIN', 3).expect(200)).body;
}

export async function getDossier(t: TestApp, tenant: TestTenant, id: string) {
  return (await t.http().get(`/api/dossiers/${id}`).set(as(tenant, 'casemanager')).expect(200)).body;
}

export async function planMeeting(t: TestApp, tenant: TestTenant, body: Record<string, unknown> = {}, who = 'chair') {
  const res = await t.http().post('/api/meetings').set(as(tenant, who)).send({ scheduledAt: '2026-12-03T14:00:00+01:00', location: 'Stadhuis, zaal 2', ...body });
  if (res.status !== 201) throw new Error(`plan meeting → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function getMeeting(t: TestApp, tenant: TestTenant, id: string, who = 'casemanager') {
  return (await t.http().get(`/api/meetings/${id}`).set(as(tenant, who)).expect(200)).body;
}

/** Sends a meeting event with the meeting's current version; `.expect(status)` as with supertest. */
export function meetingEvent(t: TestApp, tenant: TestTenant, id: string, event: string, who = 'chair') {
  const sent = (async () => {
    const { version } = await getMeeting(t, tenant, id);
    return t.http().post(`/api/meetings/${id}/transitions`).set(as(tenant, who)).send({ event, version });
  })();
  return {
    async expect(status: number) {
      const res = await sent;
      if (res.status !== status) throw new Error(`${event} by ${who}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    },
  };
}

export function addToAgenda(t: TestApp, tenant: TestTenant, id: string, dossierId: string, who = 'casemanager') {
  return t.http().post(`/api/meetings/${id}/agenda`).set(as(tenant, who)).send({ dossierId });
}

export function setAttendance(t: TestApp, tenant: TestTenant, id: string, partners: string[], who = 'casemanager') {
  return t.http().put(`/api/meetings/${id}/attendance`).set(as(tenant, who)).send({ presentPartnerIds: partners.map((p) => tenant.partners[p]) });
}

export function recordOutcome(t: TestApp, tenant: TestTenant, id: string, itemId: string, body: Record<string, unknown>, who = 'casemanager') {
  return t.http().put(`/api/meetings/${id}/agenda/${itemId}/outcome`).set(as(tenant, who)).send(body);
}

export const endorsedBy = (tenant: TestTenant, partners: string[]) => partners.map((p) => ({ partnerId: tenant.partners[p], endorsed: true }));

export interface HeldMeeting {
  meeting: { id: string; version: number; state: string };
  /** agenda item id per dossier id */
  items: Record<string, string>;
}

/**
 * Plans a meeting with these dossiers on the agenda, finalises it, records attendance and opens the session; then,
 * when `outcomes` is given, records each dossier's outcome and closes the meeting.
 */
export async function holdMeeting(
  t: TestApp, tenant: TestTenant,
  opts: { dossierIds: string[]; present: string[]; outcomes?: Record<string, Record<string, unknown>>; scheduledAt?: string },
): Promise<HeldMeeting> {
  const m = await planMeeting(t, tenant, opts.scheduledAt ? { scheduledAt: opts.scheduledAt } : {});
  const items: Record<string, string> = {};
  for (const d of opts.dossierIds) items[d] = (await addToAgenda(t, tenant, m.id, d).expect(201)).body.id;
  await meetingEvent(t, tenant, m.id, 'FINALIZE_AGENDA').expect(200);
  await setAttendance(t, tenant, m.id, opts.present).expect(200);
  await meetingEvent(t, tenant, m.id, 'OPEN').expect(200);
  if (opts.outcomes) {
    for (const d of opts.dossierIds) await recordOutcome(t, tenant, m.id, items[d], opts.outcomes[d] ?? { outcome: 'DISCUSSED' }).expect(200);
    await meetingEvent(t, tenant, m.id, 'CLOSE').expect(200);
  }
  return { meeting: await getMeeting(t, tenant, m.id), items };
}
