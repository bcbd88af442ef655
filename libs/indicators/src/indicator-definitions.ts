import type { Bilingual } from '@kernteam/http';
import type { PartnerType } from '@kernteam/partners';

/** The indicators the engine computes from the data (DESIGN.md §5). Plans refer to them by key. */
export const INDICATOR_KEYS = [
  'SHARED_AGREEMENTS',
  'MEETINGS_HELD',
  'PARTICIPATIONS',
  'DOSSIERS_REGISTERED',
  'DOSSIERS_RETAINED',
  'DOSSIERS_NOT_RETAINED',
  'DOSSIERS_CLOSED',
  'MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION',
  'AGREEMENTS_DONE_ON_TIME',
  'PERSON_INFORMED',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export const OPERATORS = ['GTE', 'LTE', 'EQ', 'YES_NO'] as const;
export type Operator = (typeof OPERATORS)[number];

/**
 * - RATIO: numerator / denominator (counts of dossiers or agreements), value in [0, 1];
 * - COUNT: numerator = value = a count, no denominator;
 * - MEDIAN: value = a median over `denominator` cases, no numerator.
 */
export type Measure = 'RATIO' | 'COUNT' | 'MEDIAN';


export interface IndicatorDefinition {
  key: IndicatorKey;
  measure: Measure;
  labels: Bilingual;
  /** The target the indicator has outside any plan (a plan's indicator sets its own). */
  defaultTarget: number | null;
  defaultOperator: Operator | null;
  breakdown?: 'PARTNER' | 'CLOSURE_REASON';
  /** Only PARTICIPATIONS takes a parameter: the partner type a plan indicator is about (e.g. the police). */
  takesPartnerType?: boolean;
}

export const INDICATORS: Record<IndicatorKey, IndicatorDefinition> = {
  SHARED_AGREEMENTS: {
    key: 'SHARED_AGREEMENTS', measure: 'RATIO', defaultTarget: 0.8, defaultOperator: 'GTE',
    labels: {
      nl: 'Aandeel dossiers besproken op het kernteam met gedeelde afspraken',
      fr: 'Part des dossiers discutés en cellule avec des accords partagés',
    },
  },
  MEETINGS_HELD: {
    key: 'MEETINGS_HELD', measure: 'COUNT', defaultTarget: null, defaultOperator: null,
    labels: { nl: 'Aantal gehouden kernteamvergaderingen', fr: 'Nombre de réunions de la cellule tenues' },
  },
  PARTICIPATIONS: {
    key: 'PARTICIPATIONS', measure: 'COUNT', defaultTarget: null, defaultOperator: null, breakdown: 'PARTNER', takesPartnerType: true,
    labels: { nl: 'Aantal deelnames aan kernteamvergaderingen (per partner)', fr: 'Nombre de participations aux réunions de la cellule (par partenaire)' },
  },
  DOSSIERS_REGISTERED: {
    key: 'DOSSIERS_REGISTERED', measure: 'COUNT', defaultTarget: null, defaultOperator: null,
    labels: { nl: 'Aantal geregistreerde dossiers (aanmeldingen)', fr: 'Nombre de dossiers enregistrés (signalements)' },
  },
  DOSSIERS_RETAINED: {
    key: 'DOSSIERS_RETAINED', measure: 'COUNT', defaultTarget: null, defaultOperator: null,
    labels: { nl: 'Aantal weerhouden dossiers', fr: 'Nombre de dossiers retenus' },
  },
  DOSSIERS_NOT_RETAINED: {
    key: 'DOSSIERS_NOT_RETAINED', measure: 'COUNT', defaultTarget: null, defaultOperator: null,
    labels: { nl: 'Aantal niet weerhouden dossiers', fr: 'Nombre de dossiers non retenus' },
  },
  DOSSIERS_CLOSED: {
    key: 'DOSSIERS_CLOSED', measure: 'COUNT', defaultTarget: null, defaultOperator: null, breakdown: 'CLOSURE_REASON',
    labels: { nl: 'Aantal afgesloten dossiers (per reden)', fr: 'Nombre de dossiers clôturés (par motif)' },
  },
  MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION: {
    key: 'MEDIAN_DAYS_SIGNAL_TO_FIRST_DISCUSSION', measure: 'MEDIAN', defaultTarget: null, defaultOperator: null,
    labels: {
      nl: 'Mediaan aantal dagen van signaal tot eerste bespreking op het kernteam',
      fr: 'Nombre médian de jours entre le signalement et la première discussion en cellule',
    },
  },
  AGREEMENTS_DONE_ON_TIME: {
    key: 'AGREEMENTS_DONE_ON_TIME', measure: 'RATIO', defaultTarget: null, defaultOperator: null,
    labels: { nl: 'Aandeel afspraken uitgevoerd tegen de vervaldatum', fr: 'Part des accords exécutés dans les délais' },
  },
  PERSON_INFORMED: {
    key: 'PERSON_INFORMED', measure: 'RATIO', defaultTarget: null, defaultOperator: null,
    labels: {
      nl: 'Aandeel weerhouden dossiers waarin de persoon op de hoogte werd gebracht',
      fr: 'Part des dossiers retenus dans lesquels la personne a été informée',
    },
  },
};

export const isIndicatorKey = (v: unknown): v is IndicatorKey => typeof v === 'string' && (INDICATOR_KEYS as readonly string[]).includes(v);

/** `SHARED_AGREEMENTS` ⇄ `shared-agreements` (the route segment). */
export const indicatorSlug = (key: IndicatorKey) => key.toLowerCase().replace(/_/g, '-');
export const indicatorBySlug = (slug: string): IndicatorKey | undefined =>
  INDICATOR_KEYS.find((k) => indicatorSlug(k) === slug.toLowerCase());

/** Meeting states in which a meeting has been held and its outcomes count (DESIGN.md §5). */
export const HELD_MEETING_STATES = ['AFGEROND', 'VERSLAG_GOEDGEKEURD'] as const;

export const PARTNER_TYPE_LABELS: Record<PartnerType, Bilingual> = {
  BURGEMEESTER: { nl: 'Burgemeester', fr: 'Bourgmestre' },
  CASEMANAGEMENT: { nl: 'Casemanagement', fr: 'Case management' },
  POLITIE: { nl: 'Lokale politie', fr: 'Police locale' },
  PARKET: { nl: 'Parket', fr: 'Parquet' },
  OCMW: { nl: 'OCMW', fr: 'CPAS' },
  ONDERWIJS: { nl: 'Onderwijs', fr: 'Enseignement' },
  PREVENTIE: { nl: 'Preventiedienst', fr: 'Service de prévention' },
  JURIDISCHE_DIENST: { nl: 'Juridische dienst', fr: 'Service juridique' },
  OTHER: { nl: 'Andere partner', fr: 'Autre partenaire' },
};

export const CLOSURE_REASON_LABELS: Record<string, Bilingual> = {
  DOELEN_BEREIKT: { nl: 'Doelen bereikt', fr: 'Objectifs atteints' },
  VERHUISD: { nl: 'Verhuisd', fr: 'Déménagement' },
  OVERGEDRAGEN: { nl: 'Overgedragen', fr: 'Transféré' },
  WEIGERING: { nl: 'Weigering', fr: 'Refus' },
  JUSTITIEEL_TRAJECT: { nl: 'Justitieel traject', fr: 'Trajet judiciaire' },
  OVERLEDEN: { nl: 'Overleden', fr: 'Décédé' },
  ANDERE: { nl: 'Andere', fr: 'Autre' },
};

export const OPERATOR_LABELS: Record<Operator, Bilingual> = {
  GTE: { nl: 'minstens', fr: 'au moins' },
  LTE: { nl: 'hoogstens', fr: 'au plus' },
  EQ: { nl: 'gelijk aan', fr: 'égal à' },
  YES_NO: { nl: 'ja/nee', fr: 'oui/non' },
};
