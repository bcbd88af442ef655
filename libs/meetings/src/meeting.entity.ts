import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MeetingState } from './meeting.machine';

export const OUTCOMES = ['DISCUSSED', 'POSTPONED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

@Entity('meetings')
export class Meeting {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'scheduled_at', type: 'timestamptz' }) scheduledAt: Date;
  @Column({ type: 'text', nullable: true }) location: string | null;
  @Column({ type: 'text' }) state: MeetingState;
  @Column({ name: 'chair_user_id', type: 'uuid', nullable: true }) chairUserId: string | null;
  @Column({ name: 'present_partner_ids', type: 'uuid', array: true }) presentPartnerIds: string[];
  @Column({ name: 'minutes_approved_at', type: 'timestamptz', nullable: true }) minutesApprovedAt: Date | null;
  @Column({ name: 'minutes_approved_by', type: 'uuid', nullable: true }) minutesApprovedBy: string | null;
  @Column({ type: 'int' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One dossier on one meeting's agenda, with its outcome. */
@Entity('agenda_items')
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'meeting_id', type: 'uuid' }) meetingId: string;
  @Column({ name: 'dossier_id', type: 'uuid' }) dossierId: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'text', nullable: true }) outcome: Outcome | null;
  @Column({ type: 'text', nullable: true }) summary: string | null;
  @Column({ name: 'outcome_recorded_at', type: 'timestamptz', nullable: true }) outcomeRecordedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A present partner's agreement (or reservation, with a note) with an item's agreements. */
@Entity('endorsements')
export class Endorsement {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'agenda_item_id', type: 'uuid' }) agendaItemId: string;
  @Column({ name: 'partner_id', type: 'uuid' }) partnerId: string;
  @Column() endorsed: boolean;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
