import { ApiProperty } from '@nestjs/swagger';
import { AgreementView } from '@kernteam/agreements';
import { OUTCOMES } from './meeting.entity';
import { MEETING_EVENTS, MEETING_STATES } from './meeting.machine';

export class EndorsementView {
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty({ description: 'false: a reservation, whose note says why.' }) endorsed: boolean;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class AgendaItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty() dossierReference: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ type: String, enum: OUTCOMES, nullable: true }) outcome: 'DISCUSSED' | 'POSTPONED' | null;
  @ApiProperty({ type: String, nullable: true }) summary: string | null;
  @ApiProperty({ type: () => [AgreementView] }) agreements: AgreementView[];
  @ApiProperty({ type: [EndorsementView] }) endorsements: EndorsementView[];
  @ApiProperty({ description: 'Read from the `discussions` view (DESIGN.md §5); false for a postponed item or one without outcome.' })
  sharedAgreements: boolean;
  /**
   * Whether the caller may open the dossier. False for an item shown only because the caller's partner was present at
   * its discussion: what they heard is here, the dossier page stays closed (link to it only when true).
   */
  @ApiProperty({ description: 'Whether the caller may open the dossier (false: shown because the caller\'s partner was present; do not link to it).' })
  dossierVisible: boolean;
}

export class MeetingSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) scheduledAt: string;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ enum: MEETING_STATES }) state: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) chairUserId: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) presentPartnerIds: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) minutesApprovedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) minutesApprovedBy: string | null;
  @ApiProperty({ enum: MEETING_EVENTS, isArray: true }) allowedEvents: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MeetingView extends MeetingSummaryView {
  @ApiProperty({ type: [AgendaItemView], description: 'Items of dossiers the caller may read, and items of sessions the caller\'s partner was present at (dossierVisible tells which).' }) agenda: AgendaItemView[];
}

/** A row of `meetings` as read with raw SQL. */
export interface MeetingRow {
  id: string;
  tenant_id: string;
  scheduled_at: Date;
  location: string | null;
  state: string;
  chair_user_id: string | null;
  present_partner_ids: string[];
  minutes_approved_at: Date | null;
  minutes_approved_by: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const toMeetingSummary = (m: MeetingRow, allowedEvents: string[]): MeetingSummaryView => ({
  id: m.id,
  scheduledAt: new Date(m.scheduled_at).toISOString(),
  location: m.location,
  state: m.state,
  version: Number(m.version),
  chairUserId: m.chair_user_id,
  presentPartnerIds: m.present_partner_ids ?? [],
  minutesApprovedAt: m.minutes_approved_at ? new Date(m.minutes_approved_at).toISOString() : null,
  minutesApprovedBy: m.minutes_approved_by,
  allowedEvents,
  createdAt: new Date(m.created_at).toISOString(),
  updatedAt: new Date(m.updated_at).toISOString(),
});
