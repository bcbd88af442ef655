import type { Bilingual } from '@kernteam/http';

export interface MinutesPartner { id: string; name: string; type: string }

export interface MinutesAgreement {
  id: string;
  description: string | null;
  responsiblePartnerId: string;
  responsiblePartnerName: string;
  dueOn: string;
  state: string;
  stateLabel: Bilingual;
}

export interface MinutesItem {
  position: number;
  agendaItemId: string;
  dossierId: string;
  dossierReference: string;
  /** False when the reader was present at the discussion but may not open the dossier (see AgendaItemView). */
  dossierVisible: boolean;
  outcome: 'DISCUSSED' | 'POSTPONED' | null;
  outcomeLabel: Bilingual | null;
  summary: string | null;
  sharedAgreements: boolean;
  agreements: MinutesAgreement[];
  endorsements: { partnerId: string; partnerName: string; endorsed: boolean; note: string | null }[];
}

export interface ReviewedAgreement extends MinutesAgreement {
  dossierReference: string;
  agreedOn: string;
  overdue: boolean;
}

/** The minutes of a meeting, generated from what was recorded (a draft until the chair approves them). */
export interface Minutes {
  meetingId: string;
  state: string;
  draft: boolean;
  title: Bilingual;
  date: string;
  scheduledAt: string;
  location: string | null;
  chair: { userId: string; name: string } | null;
  presentPartners: MinutesPartner[];
  absentPartners: MinutesPartner[];
  confidentiality: Bilingual;
  items: MinutesItem[];
  reviewedAgreements: ReviewedAgreement[];
  approval: { approvedAt: string; approvedBy: string | null } | null;
  generatedAt: string;
}

export const MINUTES_TITLE: Bilingual = {
  nl: 'Verslag van het overleg van het kernteam (LIVC-R)',
  fr: 'Procès-verbal de la réunion de la CSIL-R',
};

/** Art. 458ter Sw.: what is shared in a legally based case consultation stays secret towards outsiders. */
export const CONFIDENTIALITY: Bilingual = {
  nl: 'Vertrouwelijk. Dit verslag valt onder het gedeeld beroepsgeheim van artikel 458ter van het Strafwetboek. '
    + 'Wat in dit casusoverleg werd gedeeld, mag niet aan derden worden bekendgemaakt; enkel de deelnemers en wie daartoe '
    + 'wettelijk gemachtigd is, mogen er kennis van nemen. Deelnemers hebben geen spreekplicht.',
  fr: 'Confidentiel. Le présent procès-verbal relève du secret professionnel partagé visé à l\'article 458ter du Code pénal. '
    + 'Ce qui a été partagé lors de cette concertation de cas ne peut être communiqué à des tiers ; seuls les participants et '
    + 'les personnes légalement habilitées peuvent en prendre connaissance. Les participants n\'ont pas d\'obligation de parole.',
};

export const OUTCOME_LABELS: Record<'DISCUSSED' | 'POSTPONED', Bilingual> = {
  DISCUSSED: { nl: 'Besproken', fr: 'Discuté' },
  POSTPONED: { nl: 'Uitgesteld', fr: 'Reporté' },
};

export const AGREEMENT_STATE_LABELS: Record<string, Bilingual> = {
  OPEN: { nl: 'Open', fr: 'Ouvert' },
  IN_UITVOERING: { nl: 'In uitvoering', fr: 'En cours' },
  UITGEVOERD: { nl: 'Uitgevoerd', fr: 'Exécuté' },
  NIET_UITGEVOERD: { nl: 'Niet uitgevoerd', fr: 'Non exécuté' },
  VERVALLEN: { nl: 'Vervallen', fr: 'Caduc' },
};
