import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const PARTNER_TYPES = [
  'BURGEMEESTER', 'CASEMANAGEMENT', 'POLITIE', 'PARKET', 'OCMW', 'ONDERWIJS', 'PREVENTIE', 'JURIDISCHE_DIENST', 'OTHER',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

@Entity('partners')
export class Partner {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column() name: string;
  @Column({ type: 'text' }) type: PartnerType;
  @Column() active: boolean;
  @Column({ type: 'int' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
