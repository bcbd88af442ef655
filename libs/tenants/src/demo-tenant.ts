import type { PartnerType } from '@kernteam/partners';
import type { SeedUser } from './tenants.service';

/** The quick start's demo LIVC: the partners of the Gent kernteam radicalisering and one user per role. */
export const DEMO_TENANT = 'Demo LIVC-R Gent';

export const DEMO_PARTNERS: { name: string; type: PartnerType }[] = [
  { name: 'Burgemeester', type: 'BURGEMEESTER' },
  { name: 'Casemanagement (Samenleven en Welzijn)', type: 'CASEMANAGEMENT' },
  { name: 'Lokale Politie', type: 'POLITIE' },
  { name: 'Parket van de Procureur des Konings', type: 'PARKET' },
  { name: 'OCMW', type: 'OCMW' },
  { name: 'Onderwijs, Opvoeding en Jeugd', type: 'ONDERWIJS' },
  { name: 'Preventiedienst', type: 'PREVENTIE' },
  { name: 'Juridische Dienst', type: 'JURIDISCHE_DIENST' },
];

export const DEMO_USERS: SeedUser[] = [
  { email: 'admin@demo.kernteam.be', name: 'Functioneel beheerder', role: 'admin' },
  { email: 'voorzitter@demo.kernteam.be', name: 'Voorzitter (burgemeester)', role: 'chair', partner: 'Burgemeester' },
  { email: 'casemanager@demo.kernteam.be', name: 'Casemanager', role: 'casemanager', partner: 'Casemanagement (Samenleven en Welzijn)' },
  { email: 'politie@demo.kernteam.be', name: 'Informatieambtenaar politie', role: 'member', partner: 'Lokale Politie' },
  { email: 'onderwijs@demo.kernteam.be', name: 'Partner onderwijs', role: 'member', partner: 'Onderwijs, Opvoeding en Jeugd' },
  { email: 'ocmw@demo.kernteam.be', name: 'Partner OCMW', role: 'member', partner: 'OCMW' },
  { email: 'evaluator@demo.kernteam.be', name: 'Preventieambtenaar', role: 'evaluator' },
  { email: 'dpo@demo.kernteam.be', name: 'Functionaris gegevensbescherming', role: 'auditor' },
];

/** A second demo LIVC of the same deployment, so a transfer and a "known in another LIVC" query can be tried. */
export const DEMO_TENANT_OOST = 'LIVC-R Demo-Oost';

export const DEMO_PARTNERS_OOST: { name: string; type: PartnerType }[] = [
  { name: 'Burgemeester', type: 'BURGEMEESTER' },
  { name: 'Casemanagement Oost', type: 'CASEMANAGEMENT' },
  { name: 'Politiezone Oost', type: 'POLITIE' },
];

export const DEMO_USERS_OOST: SeedUser[] = [
  { email: 'admin.oost@demo.kernteam.be', name: 'Functioneel beheerder Oost', role: 'admin' },
  { email: 'casemanager.oost@demo.kernteam.be', name: 'Casemanager Oost', role: 'casemanager', partner: 'Casemanagement Oost' },
];
