import { ApiProperty } from '@nestjs/swagger';
import { AGREEMENT_EVENTS, AGREEMENT_STATES } from './agreement.machine';

/** An agreement as the API shows it. */
export class AgreementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty() dossierReference: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) agendaItemId: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once the dossier is anonymised' }) description: string | null;
  @ApiProperty({ format: 'uuid' }) responsiblePartnerId: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: AGREEMENT_STATES }) state: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) doneOn: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ enum: AGREEMENT_EVENTS, isArray: true }) allowedEvents: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** The row shape of `AGREEMENT_SELECT` (agreement joined with its dossier and agenda item). */
export interface AgreementRow {
  id: string;
  tenant_id: string;
  agenda_item_id: string;
  dossier_id: string;
  description: string | null;
  responsible_partner_id: string;
  due_on: string;
  state: string;
  note: string | null;
  done_on: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  overdue: boolean;
  meeting_id: string;
  dossier_reference: string;
  dossier_state: string;
  dossier_referring_partner_id: string;
  dossier_involved_partner_ids: string[];
}

/** The CASL subject of an agreement (see agreement.policy.ts). */
export const agreementSubject = (r: AgreementRow) => ({
  tenantId: r.tenant_id,
  state: r.state,
  responsiblePartnerId: r.responsible_partner_id,
  dossierState: r.dossier_state,
  dossierReferringPartnerId: r.dossier_referring_partner_id,
  dossierInvolvedPartnerIds: r.dossier_involved_partner_ids,
});

export const toAgreementView = (r: AgreementRow, allowedEvents: string[]): AgreementView => ({
  id: r.id,
  dossierId: r.dossier_id,
  dossierReference: r.dossier_reference,
  meetingId: r.meeting_id,
  agendaItemId: r.agenda_item_id,
  description: r.description,
  responsiblePartnerId: r.responsible_partner_id,
  dueOn: r.due_on,
  state: r.state,
  version: Number(r.version),
  note: r.note,
  doneOn: r.done_on,
  overdue: r.overdue,
  allowedEvents,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});
