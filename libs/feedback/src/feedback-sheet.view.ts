import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FEEDBACK_SHEET_STATES, FEEDBACK_SHEET_USER_EVENTS } from './feedback-sheet.machine';

export class FeedbackApprovalView {
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() approved: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Only for those who may see the deliberation (not for the police reading the approved sheet).' })
  note?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only for those who may see the deliberation.' }) userId?: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class FeedbackSheetView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty({ format: 'uuid' }) agendaItemId: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: FEEDBACK_SHEET_STATES }) state: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: String, nullable: true }) content: string | null;
  @ApiProperty() noSecretsConfirmed: boolean;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Partners whose approval is needed: those present at the discussion, the police excepted.' })
  approverPartnerIds: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Approvers who have not decided yet.' }) pendingPartnerIds: string[];
  @ApiProperty({ type: [FeedbackApprovalView] }) approvals: FeedbackApprovalView[];
  @ApiProperty({ enum: FEEDBACK_SHEET_USER_EVENTS, isArray: true }) allowedEvents: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export interface SheetRow {
  id: string;
  tenant_id: string;
  dossier_id: string;
  agenda_item_id: string;
  meeting_id: string;
  meeting_state: string;
  state: string;
  content: string | null;
  no_secrets_confirmed: boolean;
  created_by: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  approver_partner_ids: string[];
}

export const sheetSubject = (r: SheetRow) => ({ tenantId: r.tenant_id, state: r.state, approverPartnerIds: r.approver_partner_ids ?? [] });
