import { INestApplicationContext } from '@nestjs/common';
import { AbilityFactory, Actor } from '@kernteam/access';
import { AwarenessService, DossiersService, ScreeningService } from '@kernteam/dossiers';
import { MeetingsService } from '@kernteam/meetings';
import { TenantDb } from '@kernteam/persistence';
import type { Role } from '@kernteam/users';

const DAY = 86_400_000;

/** The municipalities of the demo's joint LIVC: Gent and a fictitious neighbour. */
export const DEMO_MUNICIPALITIES = ['Gent', 'Lindebeke'] as const;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Demo case work, made through the product's own services exactly as the casemanager and the chair would: five
 * signals with fictitious people, one held kernteam meeting (shared agreements, a reservation, a postponement) with
 * approved minutes, and the next meeting planned. So the indicators, the plan report and the exports show live
 * values in the quick start. Runs only while the demo tenant has no dossier.
 */
export async function seedDemoCasework(app: INestApplicationContext, tenantId: string): Promise<boolean> {
  const db = app.get(TenantDb);
  const [{ n }] = await db.system((em) => em.query(`SELECT count(*)::int AS n FROM dossiers WHERE tenant_id = $1`, [tenantId]));
  if (n > 0) return false;
  // The demo LIVC is a joint one of two municipalities (the second is fictitious), so the figures per municipality show.
  await db.system((em) => em.query(`UPDATE tenants SET municipalities = $2::text[] WHERE id = $1 AND municipalities = '{}'`, [tenantId, [...DEMO_MUNICIPALITIES]]));
  const users: { id: string; role: Role; partner_id: string | null }[] = await db.system((em) =>
    em.query(`SELECT id, role, partner_id FROM users WHERE tenant_id = $1 AND active ORDER BY email`, [tenantId]));
  const partners: { id: string; type: string }[] = await db.system((em) =>
    em.query(`SELECT id, type FROM partners WHERE tenant_id = $1 ORDER BY name`, [tenantId]));
  const partner = (type: string) => partners.find((p) => p.type === type)!.id;
  const abilities = app.get(AbilityFactory);
  const as = (role: Role) => {
    const u = users.find((x) => x.role === role)!;
    const actor: Actor = { id: u.id, tenantId, role, partnerId: u.partner_id, ip: null };
    return { actor, ability: abilities.forActor(actor) };
  };
  const cm = as('casemanager');
  const chair = as('chair');
  const dossiers = app.get(DossiersService);
  const meetings = app.get(MeetingsService);

  const now = Date.now();
  const signals = [
    { phenomenon: 'RADICALISERING', from: 'POLITIE', first: 'Demo', last: 'Persoon A', days: 60, summary: 'Fictief demodossier: signaal van de wijkagent.', in: 'Gent', born: '2007-04-12' },
    { phenomenon: 'POLARISERING', from: 'ONDERWIJS', first: 'Demo', last: 'Persoon B', days: 45, summary: 'Fictief demodossier: signaal van een school.', in: 'Gent' },
    { phenomenon: 'EXTREMISME', from: 'OCMW', first: 'Demo', last: 'Persoon C', days: 40, summary: 'Fictief demodossier: signaal van het OCMW.', in: 'Lindebeke' },
    { phenomenon: 'RADICALISERING', from: 'PREVENTIE', first: 'Demo', last: 'Persoon D', days: 20, summary: 'Fictief demodossier: signaal van de preventiedienst.', in: 'Gent' },
    { phenomenon: 'POLARISERING', from: 'ONDERWIJS', first: 'Demo', last: 'Persoon E', days: 10, summary: 'Fictief demodossier: geen radicaliseringsproces.', in: 'Lindebeke' },
  ] as const;
  const ids: string[] = [];
  for (const s of signals) {
    const d = await dossiers.create(cm.actor, cm.ability, {
      phenomenon: s.phenomenon, referringPartnerId: partner(s.from), receivedOn: isoDate(new Date(now - s.days * DAY)), summary: s.summary,
      subject: { firstName: s.first, lastName: s.last, municipality: s.in, ...('born' in s ? { birthDate: s.born } : {}) }, municipality: s.in,
    });
    await dossiers.setPartners(cm.actor, cm.ability, d.id, { version: 1, partnerIds: [partner(s.from), partner('POLITIE'), partner('CASEMANAGEMENT')] });
    await dossiers.transition(cm.actor, cm.ability, d.id, { event: 'START_SCREENING', version: 2 });
    ids.push(d.id);
  }
  // Every signal is screened with the form before it is retained or not (the form drives the decision).
  const screening = app.get(ScreeningService);
  const retainAnswers = [
    { question: 'RADICALISATION_LINK', answer: 'YES', note: 'Fictief: contacten met een extremistische groep.' },
    { question: 'SECURITY_RISK', answer: 'NO' }, { question: 'CARE_NEED', answer: 'YES' }, { question: 'OTHER_SERVICE', answer: 'NO' },
  ] as const;
  for (const id of ids.slice(0, 4)) {
    await screening.save(cm.actor, cm.ability, id, { version: 0, answers: retainAnswers.map((a) => ({ ...a })) });
    await dossiers.transition(cm.actor, cm.ability, id, { event: 'RETAIN', version: 3 });
  }
  await screening.save(cm.actor, cm.ability, ids[4], {
    version: 0,
    answers: [
      { question: 'RADICALISATION_LINK', answer: 'NO', note: 'Fictief: een conflict op school, geen radicaliseringsproces.' },
      { question: 'SECURITY_RISK', answer: 'NO' }, { question: 'CARE_NEED', answer: 'YES' },
      { question: 'OTHER_SERVICE', answer: 'YES', note: 'De jeugdhulp.' },
    ],
  });
  await dossiers.transition(cm.actor, cm.ability, ids[4], { event: 'REJECT', version: 3, reason: 'Geen radicaliseringsproces; doorverwezen naar de jeugdhulp.' });

  // Awareness and consent: A informed and taking part, B informed (not asked yet), C not informed (not advisable); D open.
  const awareness = app.get(AwarenessService);
  const dayAgo = (n: number) => isoDate(new Date(now - n * DAY));
  await awareness.transition(cm.actor, cm.ability, ids[0], { event: 'INFORM', version: 1, informedOn: dayAgo(50) });
  await awareness.transition(cm.actor, cm.ability, ids[0], { event: 'RECORD_CONSENT', version: 2, consent: 'YES', consentOn: dayAgo(48) });
  await awareness.transition(cm.actor, cm.ability, ids[1], { event: 'INFORM', version: 1, informedOn: dayAgo(30) });
  await awareness.transition(cm.actor, cm.ability, ids[2], {
    event: 'NOT_INFORM', version: 1, reason: 'NOT_ADVISABLE', explanation: 'Fictief: de politie vraagt eerst af te wachten.',
  });

  // The kernteam met a week ago.
  const held = await meetings.create(cm.actor, cm.ability, {
    scheduledAt: new Date(now - 7 * DAY).toISOString(), location: 'Stadhuis, zaal 2', chairUserId: chair.actor.id,
  });
  const items: string[] = [];
  for (const id of ids.slice(0, 3)) items.push((await meetings.addAgendaItem(cm.actor, cm.ability, held.id, { dossierId: id })).id);
  let m = await meetings.get(cm.actor, cm.ability, held.id);
  m = await meetings.transition(cm.actor, cm.ability, held.id, { event: 'FINALIZE_AGENDA', version: m.version });
  const present = ['BURGEMEESTER', 'CASEMANAGEMENT', 'POLITIE', 'ONDERWIJS', 'OCMW'].map(partner);
  m = await meetings.setAttendance(chair.actor, chair.ability, held.id, { presentPartnerIds: present });
  m = await meetings.transition(chair.actor, chair.ability, held.id, { event: 'OPEN', version: m.version });
  const due = isoDate(new Date(now + 21 * DAY));
  await meetings.recordOutcome(cm.actor, cm.ability, held.id, items[0], {
    outcome: 'DISCUSSED', summary: 'Gedeelde aanpak afgesproken.',
    agreements: [
      { description: 'Huisbezoek door de casemanager', responsiblePartnerId: partner('CASEMANAGEMENT'), dueOn: due },
      { description: 'Opvolging door de wijkagent', responsiblePartnerId: partner('POLITIE'), dueOn: due },
    ],
    endorsements: present.map((partnerId) => ({ partnerId, endorsed: true })),
  });
  await meetings.recordOutcome(cm.actor, cm.ability, held.id, items[1], {
    outcome: 'DISCUSSED', summary: 'Aanpak besproken; het OCMW heeft een voorbehoud.',
    agreements: [{ description: 'Gesprek met de ouders', responsiblePartnerId: partner('ONDERWIJS'), dueOn: due }],
    endorsements: present.map((partnerId) => ({ partnerId, endorsed: partnerId !== partner('OCMW'), note: partnerId === partner('OCMW') ? 'Voorbehoud: eerst eigen dossier afstemmen.' : undefined })),
  });
  await meetings.recordOutcome(cm.actor, cm.ability, held.id, items[2], { outcome: 'POSTPONED', summary: 'Uitgesteld naar de volgende zitting.' });
  m = await meetings.get(chair.actor, chair.ability, held.id);
  m = await meetings.transition(chair.actor, chair.ability, held.id, { event: 'CLOSE', version: m.version });
  await meetings.transition(chair.actor, chair.ability, held.id, { event: 'APPROVE_MINUTES', version: m.version });

  // The next meeting, with the postponed dossier and the newest one on its agenda.
  const next = await meetings.create(cm.actor, cm.ability, {
    scheduledAt: new Date(now + 14 * DAY).toISOString(), location: 'Stadhuis, zaal 2', chairUserId: chair.actor.id,
  });
  await meetings.addAgendaItem(cm.actor, cm.ability, next.id, { dossierId: ids[2] });
  await meetings.addAgendaItem(cm.actor, cm.ability, next.id, { dossierId: ids[3] });
  return true;
}

/** The person also known in Demo-Oost (same name and birth date as "Demo Persoon A" of Gent), so a query there hits. */
export const DEMO_KNOWN_ELSEWHERE = { firstName: 'Demo', lastName: 'Persoon A', birthDate: '2007-04-12' };

/** One signal in LIVC-R Demo-Oost, about the person Gent follows up too. Runs only while that tenant has no dossier. */
export async function seedDemoOostCasework(app: INestApplicationContext, tenantId: string): Promise<boolean> {
  const db = app.get(TenantDb);
  const [{ n }] = await db.system((em) => em.query(`SELECT count(*)::int AS n FROM dossiers WHERE tenant_id = $1`, [tenantId]));
  if (n > 0) return false;
  const [u] = await db.system((em) => em.query(`SELECT id, partner_id FROM users WHERE tenant_id = $1 AND role = 'casemanager' AND active LIMIT 1`, [tenantId]));
  const [police] = await db.system((em) => em.query(`SELECT id FROM partners WHERE tenant_id = $1 AND type = 'POLITIE'`, [tenantId]));
  const actor: Actor = { id: u.id, tenantId, role: 'casemanager', partnerId: u.partner_id, ip: null };
  const ability = app.get(AbilityFactory).forActor(actor);
  await app.get(DossiersService).create(actor, ability, {
    phenomenon: 'RADICALISERING', referringPartnerId: police.id, receivedOn: isoDate(new Date(Date.now() - 30 * DAY)),
    summary: 'Fictief demodossier in Demo-Oost.', subject: { ...DEMO_KNOWN_ELSEWHERE, municipality: 'Oostdorp' },
  });
  return true;
}
