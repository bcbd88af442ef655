import type { AgreementView } from '@kernteam/agreements';

export interface EndorsementView {
  partnerId: string;
  endorsed: boolean;
  note: string | null;
}

export interface AgendaItemView {
  id: string;
  meetingId: string;
  dossierId: string;
  dossierReference: string;
  position: number;
  outcome: 'DISCUSSED' | 'POSTPONED' | null;
  summary: string | null;
  agreements: AgreementView[];
  endorsements: EndorsementView[];
  /** Read from the `discussions` view (DESIGN.md §5); false for a postponed item or one without outcome. */
  sharedAgreements: boolean;
  /**
   * Whether the caller may open the dossier. False for an item shown only because the caller's partner was present at
   * its discussion: what they heard is here, the dossier page stays closed (link to it only when true).
   */
  dossierVisible: boolean;
}

export interface MeetingSummaryView {
  id: string;
  scheduledAt: string;
  location: string | null;
  state: string;
  version: number;
  chairUserId: string | null;
  presentPartnerIds: string[];
  minutesApprovedAt: string | null;
  minutesApprovedBy: string | null;
  allowedEvents: string[];
  createdAt: string;
  updatedAt: string;
}

export interface MeetingView extends MeetingSummaryView {
  agenda: AgendaItemView[];
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
