import type { PlanStructure } from './plan-structure';
import { STRUCTURE_FORMAT } from './plan-structure';

/** Title of the demo tenant's plan; seeding looks it up by title, so running the seed again adds nothing. */
export const DEMO_PLAN_TITLE = 'SVPP Gent — kernteam radicalisering (demo)';

/**
 * The demo tenant's plan, from the public source documents (shared/seeds):
 * - Gent, request to change the SVPP 2016–2017 of 25 March 2016: the 80 % "shared agreements" result and its indicator;
 * - SVPP Sint-Jans-Molenbeek 2020–2022, 7.2.2: participation in the LIVC (≥ 3 per year, the local police's
 *   radicalisation cell), and beside it an indicator no data computes, entered by hand (≥ 5 per year).
 * The period is the two-year plan cycle starting this year, so the demo shows live figures.
 */
export function demoPlanStructure(year: number): PlanStructure {
  return {
    format: STRUCTURE_FORMAT,
    formatVersion: 1,
    title: DEMO_PLAN_TITLE,
    periodFrom: `${year}-01-01`,
    periodTo: `${year + 1}-12-31`,
    phenomena: [
      {
        title: 'Het voorkomen, aan het licht brengen en verminderen van sociale overlast en/of de onveiligheidsgevoelens met betrekking tot sociale overlast',
        strategicObjectives: [{
          title: 'Een geïntegreerde aanpak bevorderen',
          operationalObjectives: [{
            title: 'Het aansturen van een geïntegreerde aanpak van veiligheids-, leefbaarheids- en samenlevingsproblemen via een evenwichtig '
              + 'driesporenbeleid van preventie (voorkomen), curatie (herstellen) en repressie (handhaven)',
            expectedResults: [{
              title: 'Bij minstens 80% van de dossiers, besproken op het kernteam radicalisering komt het kernteam tot een geïntegreerde aanpak '
                + 'met gedeelde afspraken.',
              indicators: [{
                title: 'Aantal dossiers, besproken op het kernteam radicalisering, met gedeelde afspraken / aantal dossiers besproken op het '
                  + 'kernteam radicalisering',
                definitionKey: 'SHARED_AGREEMENTS', operator: 'GTE', target: 0.8, partnerType: null,
              }],
            }],
          }],
        }],
      },
      {
        title: 'Voorkomen, opsporen en beperken van gewelddadige radicalisering en/of het ermee verbonden onveiligheidsgevoel',
        strategicObjectives: [{
          title: 'Een geïntegreerde en integrale aanpak bevorderen',
          operationalObjectives: [{
            title: 'Deelnemen aan de bestaande overlegstructuren inzake gewelddadige radicalisering',
            expectedResults: [
              {
                title: 'Deelname aan de Lokale integrale veiligheidscel (LIVC)',
                indicators: [{
                  title: 'Aantal deelnames aan de LIVC-contacten met de cel radicalisering van de zonale politie (≥ 3/jaar)',
                  definitionKey: 'PARTICIPATIONS', operator: 'GTE', target: 3, partnerType: 'POLITIE',
                }],
              },
              {
                title: 'Deelname aan de sub-werkgroepen opgericht door de overheden (FOD Binnenlandse Zaken, Brussels Gewest, Gemeenschappen)',
                indicators: [{
                  title: 'Aantal deelnames aan vergaderingen van sub-werkgroepen opgericht door de overheden (≥ 5/jaar)',
                  definitionKey: null, operator: 'GTE', target: 5, partnerType: null,
                }],
              },
            ],
          }],
        }],
      },
    ],
  };
}
