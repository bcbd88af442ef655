export interface FeedbackApprovalView {
  partnerId: string;
  approved: boolean;
  /** Only for those who may see the deliberation (not for the police reading the approved sheet). */
  note?: string | null;
  userId?: string;
  at: string;
}

export interface FeedbackSheetView {
  id: string;
  dossierId: string;
  agendaItemId: string;
  meetingId: string;
  state: string;
  version: number;
  content: string | null;
  noSecretsConfirmed: boolean;
  createdBy: string;
  /** Partners whose approval is needed: those present at the discussion, the police excepted. */
  approverPartnerIds: string[];
  /** Approvers who have not decided yet. */
  pendingPartnerIds: string[];
  approvals: FeedbackApprovalView[];
  allowedEvents: string[];
  createdAt: string;
  updatedAt: string;
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
