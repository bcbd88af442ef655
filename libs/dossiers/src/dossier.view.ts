import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GENDERS, VISIBILITIES } from './dossier.dto';
import { PHENOMENA } from './dossier.entity';
import type { Contribution, Dossier, Subject } from './dossier.entity';
import { ScreeningAnswerView } from './screening';
import { CLOSURE_REASONS, DOSSIER_STATES, DOSSIER_USER_EVENTS, type ReferredTo } from './dossier.machine';

const DATE = { format: 'date', example: '2026-11-02' } as const;
const INSTANT = { format: 'date-time' } as const;
const UUID = { format: 'uuid' } as const;

export class SubjectView {
  @ApiProperty({ type: String, nullable: true }) firstName: string | null;
  @ApiProperty({ type: String, nullable: true }) lastName: string | null;
  @ApiProperty({ type: String, nullable: true, ...DATE }) birthDate: string | null;
  @ApiProperty({ type: String, nullable: true, enum: GENDERS }) gender: string | null;
  @ApiProperty({ type: String, nullable: true }) municipality: string | null;
}

export class DossierView {
  @ApiProperty(UUID) id: string;
  @ApiProperty({ example: '2026-0001' }) reference: string;
  @ApiProperty({ enum: PHENOMENA }) phenomenon: string;
  @ApiProperty({ enum: DOSSIER_STATES }) state: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty(DATE) receivedOn: string;
  @ApiProperty(UUID) referringPartnerId: string;
  @ApiProperty({ type: String, nullable: true, ...UUID }) casemanagerId: string | null;
  @ApiProperty({ type: [String], ...UUID }) involvedPartnerIds: string[];
  @ApiProperty({ type: String, nullable: true, description: 'null once anonymised' }) summary: string | null;
  @ApiProperty({ type: String, nullable: true, enum: CLOSURE_REASONS }) closureReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: "A joint LIVC: the dossier's municipality (from the tenant's list); kept on anonymisation." })
  municipality: string | null;
  @ApiPropertyOptional({ type: () => SubjectView, description: 'Only where the caller may see identities.' }) subject?: SubjectView;
  @ApiProperty({ enum: DOSSIER_USER_EVENTS, isArray: true, description: 'The events this caller may send now.' }) allowedEvents: string[];
  @ApiProperty(INSTANT) createdAt: string;
  @ApiProperty(INSTANT) updatedAt: string;
}

/** A partner of the tenant (`partnerId`) or an outside service (`name`): exactly one of the two. */
export class ReferredToView {
  @ApiPropertyOptional({ format: 'uuid' }) partnerId?: string;
  @ApiPropertyOptional({ maxLength: 200 }) name?: string;
}

export class HistoryEntry {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty() event: string;
  @ApiProperty({ type: String, nullable: true, enum: DOSSIER_STATES }) fromState: string | null;
  @ApiProperty({ enum: DOSSIER_STATES }) toState: string;
  @ApiProperty({ type: String, nullable: true, ...UUID }) actorId: string | null;
  @ApiProperty(INSTANT) at: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: () => ReferredToView, nullable: true, description: 'REJECT only: where the signal was referred to; null otherwise.' })
  referredTo: ReferredTo | null;
  @ApiProperty({
    type: () => [ScreeningAnswerView], nullable: true,
    description: 'SAVE_SCREENING: the answers saved (with their notes); RETAIN / REJECT: the screening they were decided on (answers only); null otherwise.',
  })
  screening: ScreeningAnswerView[] | null;
}

export const toHistoryEntry = (r: Record<string, unknown>): HistoryEntry => ({
  seq: Number(r.seq), event: String(r.event), fromState: (r.from_state as string | null) ?? null, toState: String(r.to_state),
  actorId: (r.actor_id as string | null) ?? null, at: (r.at as Date).toISOString(), reason: (r.reason as string | null) ?? null,
  referredTo: ((r.details as { referredTo?: ReferredTo } | null)?.referredTo) ?? null,
  screening: ((r.details as { screening?: { question: string; answer: string; note?: string | null }[] } | null)?.screening)
    ?.map((a) => ({ question: a.question, answer: a.answer, note: a.note ?? null })) ?? null,
});

export class ContributionView {
  @ApiProperty(UUID) id: string;
  @ApiProperty(UUID) dossierId: string;
  @ApiProperty(UUID) authorId: string;
  @ApiProperty({ type: String, nullable: true, ...UUID }) authorPartnerId: string | null;
  @ApiProperty({ enum: VISIBILITIES }) visibility: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once anonymised' }) text: string | null;
  @ApiProperty(INSTANT) createdAt: string;
}

export const toDossierView = (d: Dossier, allowedEvents: string[], subject?: Subject): DossierView => ({
  id: d.id,
  reference: d.reference,
  phenomenon: d.phenomenon,
  state: d.state,
  version: d.version,
  receivedOn: d.receivedOn,
  referringPartnerId: d.referringPartnerId,
  casemanagerId: d.casemanagerId,
  involvedPartnerIds: d.involvedPartnerIds,
  summary: d.summary,
  closureReason: d.closureReason,
  municipality: d.municipality,
  ...(subject
    ? { subject: { firstName: subject.firstName, lastName: subject.lastName, birthDate: subject.birthDate, gender: subject.gender, municipality: subject.municipality } }
    : {}),
  allowedEvents,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

export const toContributionView = (c: Contribution): ContributionView => ({
  id: c.id, dossierId: c.dossierId, authorId: c.authorId, authorPartnerId: c.authorPartnerId, visibility: c.visibility, text: c.text,
  createdAt: c.createdAt.toISOString(),
});
