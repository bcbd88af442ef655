import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AgreementState } from './agreement.machine';

/** An afspraak agreed in a discussion (an agenda item with outcome DISCUSSED). */
@Entity('agreements')
export class Agreement {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'agenda_item_id', type: 'uuid' }) agendaItemId: string;
  @Column({ name: 'dossier_id', type: 'uuid' }) dossierId: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'responsible_partner_id', type: 'uuid' }) responsiblePartnerId: string;
  @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  @Column({ type: 'text' }) state: AgreementState;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'done_on', type: 'date', nullable: true }) doneOn: string | null;
  @Column({ type: 'int' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
