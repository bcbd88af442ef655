import { ApiProperty } from '@nestjs/swagger';
import { AGREEMENT_STATES } from '@kernteam/agreements';
import { Bilingual } from '@kernteam/http';
import { PARTNER_TYPES } from '@kernteam/partners';
import { OUTCOMES } from './meeting.entity';
import { MEETING_STATES } from './meeting.machine';

export class MinutesPartner {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_TYPES }) type: string;
}

export class MinutesAgreement {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ format: 'uuid' }) responsiblePartnerId: string;
  @ApiProperty() responsiblePartnerName: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: AGREEMENT_STATES }) state: string;
  @ApiProperty({ type: () => Bilingual }) stateLabel: Bilingual;
}

export class MinutesEndorsement {
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() partnerName: string;
  @ApiProperty() endorsed: boolean;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class MinutesItem {
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ format: 'uuid' }) agendaItemId: string;
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty() dossierReference: string;
  @ApiProperty({ type: String, enum: OUTCOMES, nullable: true }) outcome: 'DISCUSSED' | 'POSTPONED' | null;
  @ApiProperty({ type: () => Bilingual, nullable: true }) outcomeLabel: Bilingual | null;
  @ApiProperty({ type: String, nullable: true }) summary: string | null;
  @ApiProperty() sharedAgreements: boolean;
  @ApiProperty({ type: [MinutesAgreement] }) agreements: MinutesAgreement[];
  @ApiProperty({ type: [MinutesEndorsement] }) endorsements: MinutesEndorsement[];
}

export class ReviewedAgreement extends MinutesAgreement {
  @ApiProperty() dossierReference: string;
  @ApiProperty({ format: 'date' }) agreedOn: string;
  @ApiProperty() overdue: boolean;
}

export class MinutesChair {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
}

export class MinutesApproval {
  @ApiProperty({ format: 'date-time' }) approvedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) approvedBy: string | null;
}

/** The minutes of a meeting, generated from what was recorded (a draft until the chair approves them). */
export class Minutes {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: MEETING_STATES }) state: string;
  @ApiProperty() draft: boolean;
  @ApiProperty({ type: () => Bilingual }) title: Bilingual;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ format: 'date-time' }) scheduledAt: string;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ type: MinutesChair, nullable: true }) chair: MinutesChair | null;
  @ApiProperty({ type: [MinutesPartner] }) presentPartners: MinutesPartner[];
  @ApiProperty({ type: [MinutesPartner] }) absentPartners: MinutesPartner[];
  @ApiProperty({ type: () => Bilingual, description: 'The art. 458ter Sw. statement.' }) confidentiality: Bilingual;
  @ApiProperty({ type: [MinutesItem] }) items: MinutesItem[];
  @ApiProperty({ type: [ReviewedAgreement] }) reviewedAgreements: ReviewedAgreement[];
  @ApiProperty({ type: MinutesApproval, nullable: true }) approval: MinutesApproval | null;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
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
};
