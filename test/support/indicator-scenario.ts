import { TenantDb } from '@kernteam/persistence';
import type { TestApp, TestTenant } from './app';
import { MeetingFixtures } from './meeting-fixtures';

/**
 * The data behind the indicator, export and retention tests (the counts are worked out by hand in those tests).
 *
 * Partners: B Burgemeester, C Casemanagement, P Politie, O OCMW (Parket and Onderwijs never attend).
 *
 * 2025–2026: dossiers D1–D9 (D9 not retained), meetings
 *   M1 2025-03-10 14:00Z AFGEROND [B,C,P]: D1 shared (A1 on time); D2 not shared (P did not endorse; A2 late); D3 postponed
 *   M2 2025-06-30 22:30Z = 1 July 00:30 Brussels, VERSLAG_GOEDGEKEURD [B,P,O]: D2 shared (A3 not carried out); D4 no agreement
 *   M3 2025-09-01 GEANNULEERD: D5 "discussed" (does not count)
 *   M4 2025-10-01 IN_ZITTING [B,C]: D6 discussed and shared (does not count: not held yet)
 *   M5 2025-12-31 23:30Z = 1 January 2026 00:30 Brussels, AFGEROND [B,P]: D1 shared (A5 open); D7 not shared (B missing; A6 on time)
 *   M6 2025-12-31 22:30Z = 31 December 2025 23:30 Brussels, AFGEROND [B,C]: D8 shared (A4 on time)
 *   M7 2026-02-01 AFGEROND [B,C,P,O]: D3 shared (A7 in progress)
 *   D2 closed VERHUISD at 2025-12-31 23:30Z (2026 in Brussels), D4 closed DOELEN_BEREIKT on 2025-11-01.
 * 2019–2021 (for retention): R1 closed 2019 after a shared discussion in M0; R2 not retained 2019; R3 discussed 2020
 *   (not shared), closed 2021-12-01 OVERGEDRAGEN; R4 closed 2019 ANDERE, reopened 2020.
 */
export interface Scenario {
  fixtures: MeetingFixtures;
  dossiers: Record<string, { id: string; reference: string }>;
  meetings: Record<string, string>;
  /** Strings that identify people or cases and must never appear in an export. */
  identifying: string[];
}

export async function buildScenario(t: TestApp, tenant: TestTenant): Promise<Scenario> {
  const f = new MeetingFixtures(t, tenant.tenantId);
  const { Burgemeester: B, Casemanagement: C, Politie: P, OCMW: O } = tenant.partners;
  const [{ id: authorId }] = await t.app.get(TenantDb).system((em) =>
    em.query(`SELECT id FROM users WHERE tenant_id = $1 AND role = 'casemanager'`, [tenant.tenantId]),
  );
  const identifying: string[] = [];
  const note = (s: string) => {
    identifying.push(s);
    return s;
  };
  const dossiers: Scenario['dossiers'] = {};
  const person = (name: string) => {
    const subject = { firstName: `Voornaam${name}`, lastName: `Achternaam${name}`, birthDate: '2007-05-17', municipality: `Gemeente${name}` };
    identifying.push(subject.firstName, subject.lastName, subject.municipality);
    return subject;
  };
  const dossier = async (name: string, receivedOn: string, history: [string, string, string, string?][]) => {
    const summary = `Samenvatting van dossier ${name} met vertrouwelijke details`;
    identifying.push(summary);
    const d = await f.dossier({ receivedOn, history, referringPartnerId: P, summary, subject: person(name) });
    identifying.push(d.reference, d.id);
    await f.contribution(d.id, authorId, `Bijdrage over ${name}: gevoelige informatie`);
    identifying.push(`Bijdrage over ${name}: gevoelige informatie`);
    dossiers[name] = d;
    return d;
  };
  const retained = (receivedOn: string): [string, string, string][] => {
    const day = (n: number) => new Date(Date.parse(`${receivedOn}T09:00:00Z`) + n * 86_400_000).toISOString();
    return [['START_SCREENING', 'SCREENING', day(1)], ['RETAIN', 'WEERHOUDEN', day(3)]];
  };

  await dossier('D1', '2025-02-01', [...retained('2025-02-01'), ['PUT_ON_AGENDA', 'GEAGENDEERD', '2025-03-01T09:00:00Z'], ['DISCUSS', 'IN_OPVOLGING', '2025-03-10T15:00:00Z']]);
  await dossier('D2', '2025-02-20', [...retained('2025-02-20'), ['PUT_ON_AGENDA', 'GEAGENDEERD', '2025-03-01T09:00:00Z'], ['DISCUSS', 'IN_OPVOLGING', '2025-03-10T15:00:00Z'], ['CLOSE', 'AFGESLOTEN', '2025-12-31T23:30:00Z', 'VERHUISD']]);
  await dossier('D3', '2025-05-01', [...retained('2025-05-01')]);
  await dossier('D4', '2025-06-01', [...retained('2025-06-01'), ['CLOSE', 'AFGESLOTEN', '2025-11-01T10:00:00Z', 'DOELEN_BEREIKT']]);
  await dossier('D5', '2025-08-01', [...retained('2025-08-01')]);
  await dossier('D6', '2025-09-15', [...retained('2025-09-15')]);
  await dossier('D7', '2025-12-01', [...retained('2025-12-01')]);
  await dossier('D8', '2025-12-20', [...retained('2025-12-20')]);
  await dossier('D9', '2025-04-01', [['START_SCREENING', 'SCREENING', '2025-04-02T09:00:00Z'], ['REJECT', 'NIET_WEERHOUDEN', '2025-04-10T09:00:00Z', note('Geen radicaliseringsproces bij D9; doorverwezen naar CAW')]]);

  const meetings: Scenario['meetings'] = {};
  meetings.M1 = await f.meeting({ at: '2025-03-10T14:00:00Z', state: 'AFGEROND', present: [B, C, P] });
  await f.item(meetings.M1, dossiers.D1.id, {
    outcome: 'DISCUSSED', summary: note('Bespreking D1: familiale context'),
    agreements: [{ responsible: P, dueOn: '2025-04-01', state: 'UITGEVOERD', doneOn: '2025-03-30', description: note('Huisbezoek bij D1 door de wijkagent') }],
    endorsements: [{ partner: B, endorsed: true }, { partner: C, endorsed: true }, { partner: P, endorsed: true, note: note('Akkoord, met opmerking over D1') }],
  });
  await f.item(meetings.M1, dossiers.D2.id, {
    outcome: 'DISCUSSED', agreements: [{ responsible: O, dueOn: '2025-04-15', state: 'UITGEVOERD', doneOn: '2025-04-20' }],
    endorsements: [{ partner: B, endorsed: true }, { partner: C, endorsed: true }, { partner: P, endorsed: false, note: note('Voorbehoud politie bij D2') }],
  });
  await f.item(meetings.M1, dossiers.D3.id, { outcome: 'POSTPONED' });

  meetings.M2 = await f.meeting({ at: '2025-06-30T22:30:00Z', state: 'VERSLAG_GOEDGEKEURD', present: [B, P, O] });
  await f.item(meetings.M2, dossiers.D2.id, {
    outcome: 'DISCUSSED', agreements: [{ responsible: P, dueOn: '2025-08-01', state: 'NIET_UITGEVOERD', note: note('Niet gelukt: D2 onbereikbaar') }],
    endorsements: [{ partner: B, endorsed: true }, { partner: P, endorsed: true }, { partner: O, endorsed: true }],
  });
  await f.item(meetings.M2, dossiers.D4.id, { outcome: 'DISCUSSED', endorsements: [{ partner: B, endorsed: true }, { partner: P, endorsed: true }, { partner: O, endorsed: true }] });

  meetings.M3 = await f.meeting({ at: '2025-09-01T14:00:00Z', state: 'GEANNULEERD', present: [] });
  await f.item(meetings.M3, dossiers.D5.id, { outcome: 'DISCUSSED', agreements: [{ responsible: C, dueOn: '2025-10-01', state: 'UITGEVOERD', doneOn: '2025-09-20' }] });

  meetings.M4 = await f.meeting({ at: '2025-10-01T14:00:00Z', state: 'IN_ZITTING', present: [B, C] });
  await f.item(meetings.M4, dossiers.D6.id, {
    outcome: 'DISCUSSED', agreements: [{ responsible: C, dueOn: '2025-11-01', state: 'UITGEVOERD', doneOn: '2025-10-15' }],
    endorsements: [{ partner: B, endorsed: true }, { partner: C, endorsed: true }],
  });

  meetings.M5 = await f.meeting({ at: '2025-12-31T23:30:00Z', state: 'AFGEROND', present: [B, P] });
  await f.item(meetings.M5, dossiers.D1.id, {
    outcome: 'DISCUSSED', agreements: [{ responsible: C, dueOn: '2026-02-15', state: 'OPEN' }],
    endorsements: [{ partner: B, endorsed: true }, { partner: P, endorsed: true }],
  });
  await f.item(meetings.M5, dossiers.D7.id, {
    outcome: 'DISCUSSED', agreements: [{ responsible: P, dueOn: '2026-03-01', state: 'UITGEVOERD', doneOn: '2026-03-01' }],
    endorsements: [{ partner: P, endorsed: true }],
  });

  meetings.M6 = await f.meeting({ at: '2025-12-31T22:30:00Z', state: 'AFGEROND', present: [B, C] });
  await f.item(meetings.M6, dossiers.D8.id, {
    outcome: 'DISCUSSED', agreements: [{ responsible: C, dueOn: '2026-01-31', state: 'UITGEVOERD', doneOn: '2026-01-15' }],
    endorsements: [{ partner: B, endorsed: true }, { partner: C, endorsed: true }],
  });

  meetings.M7 = await f.meeting({ at: '2026-02-01T14:00:00Z', state: 'AFGEROND', present: [B, C, P, O] });
  await f.item(meetings.M7, dossiers.D3.id, {
    outcome: 'DISCUSSED', agreements: [{ responsible: O, dueOn: '2026-04-01', state: 'IN_UITVOERING' }],
    endorsements: [{ partner: B, endorsed: true }, { partner: C, endorsed: true }, { partner: P, endorsed: true }, { partner: O, endorsed: true }],
  });

  // 2019–2021, for retention.
  await dossier('R1', '2019-01-10', [
    ['START_SCREENING', 'SCREENING', '2019-01-11T09:00:00Z'], ['RETAIN', 'WEERHOUDEN', '2019-01-15T10:00:00Z'],
    ['PUT_ON_AGENDA', 'GEAGENDEERD', '2019-02-01T09:00:00Z'], ['DISCUSS', 'IN_OPVOLGING', '2019-02-05T15:00:00Z'],
    ['CLOSE', 'AFGESLOTEN', '2019-06-01T10:00:00Z', 'DOELEN_BEREIKT'],
  ]);
  meetings.M0 = await f.meeting({ at: '2019-02-05T14:00:00Z', state: 'AFGEROND', present: [B, P] });
  await f.item(meetings.M0, dossiers.R1.id, {
    outcome: 'DISCUSSED', summary: note('Bespreking R1: school en thuissituatie'),
    agreements: [{ responsible: P, dueOn: '2019-03-01', state: 'UITGEVOERD', doneOn: '2019-02-20', description: note('Gesprek met de ouders van R1') }],
    endorsements: [{ partner: B, endorsed: true, note: note('Burgemeester akkoord voor R1') }, { partner: P, endorsed: true }],
  });
  await dossier('R2', '2019-03-01', [
    ['START_SCREENING', 'SCREENING', '2019-03-02T09:00:00Z'], ['REJECT', 'NIET_WEERHOUDEN', '2019-03-10T10:00:00Z', note('Geen radicalisering bij R2; doorverwezen naar CAW Oost')],
  ]);
  await dossier('R3', '2020-05-01', [
    ['START_SCREENING', 'SCREENING', '2020-05-02T09:00:00Z'], ['RETAIN', 'WEERHOUDEN', '2020-05-05T10:00:00Z'],
    ['PUT_ON_AGENDA', 'GEAGENDEERD', '2020-05-20T09:00:00Z'], ['DISCUSS', 'IN_OPVOLGING', '2020-06-01T15:00:00Z'],
    ['CLOSE', 'AFGESLOTEN', '2021-12-01T10:00:00Z', 'OVERGEDRAGEN'],
  ]);
  meetings.M8 = await f.meeting({ at: '2020-06-01T14:00:00Z', state: 'AFGEROND', present: [B, P] });
  await f.item(meetings.M8, dossiers.R3.id, {
    outcome: 'DISCUSSED', agreements: [{ responsible: P, dueOn: '2020-07-01', state: 'NIET_UITGEVOERD', note: note('R3 weigerde elk contact') }],
    endorsements: [{ partner: B, endorsed: true }, { partner: P, endorsed: false }],
  });
  await dossier('R4', '2019-04-01', [
    ['START_SCREENING', 'SCREENING', '2019-04-02T09:00:00Z'], ['RETAIN', 'WEERHOUDEN', '2019-04-03T10:00:00Z'],
    ['PUT_ON_AGENDA', 'GEAGENDEERD', '2019-05-01T09:00:00Z'], ['TAKE_OFF_AGENDA', 'WEERHOUDEN', '2019-05-02T09:00:00Z'],
    ['CLOSE', 'AFGESLOTEN', '2019-08-01T10:00:00Z', 'ANDERE'], ['REOPEN', 'SCREENING', '2020-01-10T10:00:00Z'],
  ]);
  return { fixtures: f, dossiers, meetings, identifying };
}

/** Another tenant's meeting in the same periods, which must never count for the tenant under test. */
export async function buildNeighbour(t: TestApp, tenant: TestTenant): Promise<void> {
  const f = new MeetingFixtures(t, tenant.tenantId);
  const { Burgemeester: B, Politie: P } = tenant.partners;
  const d = await f.dossier({ receivedOn: '2025-03-01', referringPartnerId: P, history: [['RETAIN', 'WEERHOUDEN', '2025-03-02T09:00:00Z'], ['CLOSE', 'AFGESLOTEN', '2025-05-01T09:00:00Z', 'WEIGERING']] });
  const m = await f.meeting({ at: '2025-04-01T12:00:00Z', state: 'AFGEROND', present: [B, P] });
  await f.item(m, d.id, { outcome: 'DISCUSSED', agreements: [{ responsible: P, dueOn: '2025-05-01', state: 'UITGEVOERD', doneOn: '2025-04-15' }], endorsements: [{ partner: B, endorsed: true }, { partner: P, endorsed: true }] });
}
