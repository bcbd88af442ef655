import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DossierContext, DossierState } from './dossier.machine';

export const PHENOMENA = ['RADICALISERING', 'POLARISERING', 'EXTREMISME', 'TERRORISME'] as const;
export type Phenomenon = (typeof PHENOMENA)[number];

@Entity('dossiers')
export class Dossier {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column() reference: string;
  @Column({ type: 'text' }) phenomenon: Phenomenon;
  @Column({ type: 'text' }) state: DossierState;
  @Column({ name: 'return_state', type: 'text', nullable: true }) returnState: DossierContext['returnState'];
  @Column({ name: 'referring_partner_id', type: 'uuid' }) referringPartnerId: string;
  @Column({ name: 'received_on', type: 'date' }) receivedOn: string;
  @Column({ type: 'text', nullable: true }) summary: string | null;
  @Column({ name: 'casemanager_id', type: 'uuid', nullable: true }) casemanagerId: string | null;
  @Column({ name: 'involved_partner_ids', type: 'uuid', array: true }) involvedPartnerIds: string[];
  @Column({ name: 'closure_reason', type: 'text', nullable: true }) closureReason: string | null;
  /** A joint LIVC: the municipality of the tenant's list the dossier belongs to (statistical; kept on anonymisation). */
  @Column({ type: 'text', nullable: true }) municipality: string | null;
  @Column({ type: 'int' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'anonymised_at', type: 'timestamptz', nullable: true }) anonymisedAt: Date | null;
}

/** The person concerned, stored apart from the case content and shown only to those who may see identities. */
@Entity('subjects')
export class Subject {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dossier_id', type: 'uuid' }) dossierId: string;
  @Column({ name: 'first_name', type: 'text', nullable: true }) firstName: string | null;
  @Column({ name: 'last_name', type: 'text', nullable: true }) lastName: string | null;
  @Column({ name: 'birth_date', type: 'date', nullable: true }) birthDate: string | null;
  @Column({ type: 'text', nullable: true }) gender: 'M' | 'V' | 'X' | null;
  @Column({ type: 'text', nullable: true }) municipality: string | null;
}

@Entity('contributions')
export class Contribution {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dossier_id', type: 'uuid' }) dossierId: string;
  @Column({ name: 'author_id', type: 'uuid' }) authorId: string;
  @Column({ name: 'author_partner_id', type: 'uuid', nullable: true }) authorPartnerId: string | null;
  @Column({ type: 'text' }) visibility: 'KERNTEAM' | 'RESTRICTED';
  @Column({ type: 'text', nullable: true }) text: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
