import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FeedbackSheetState } from './feedback-sheet.machine';

/** The terugkoppelingsfiche to the police about one discussion of a dossier. */
@Entity('feedback_sheets')
export class FeedbackSheet {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dossier_id', type: 'uuid' }) dossierId: string;
  @Column({ name: 'agenda_item_id', type: 'uuid' }) agendaItemId: string;
  @Column({ type: 'text' }) state: FeedbackSheetState;
  @Column({ type: 'text', nullable: true }) content: string | null;
  @Column({ name: 'no_secrets_confirmed' }) noSecretsConfirmed: boolean;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ type: 'int' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One partner's decision on a sheet, given by one of its users. */
@Entity('feedback_sheet_approvals')
export class FeedbackSheetApproval {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'sheet_id', type: 'uuid' }) sheetId: string;
  @Column({ name: 'partner_id', type: 'uuid' }) partnerId: string;
  @Column() approved: boolean;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
