import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['admin', 'chair', 'casemanager', 'member', 'evaluator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
/** Roles that act on behalf of a partner organisation and therefore need one. */
export const PARTNER_ROLES: readonly Role[] = ['chair', 'casemanager', 'member'];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column() email: string;
  @Column() name: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ name: 'partner_id', type: 'uuid', nullable: true }) partnerId: string | null;
  @Column({ name: 'password_hash', select: false }) passwordHash: string;
  @Column() active: boolean;
  @Column({ type: 'int' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The signed-in user as `POST /api/auth/login` and `GET /api/me` show it. */
export class SignedInUserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) partnerId: string | null;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
}

/** What the API shows of a user: never the password hash. */
export class UserView extends SignedInUserView {
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
}

export const toUserView = (u: User): UserView => ({
  id: u.id, email: u.email, name: u.name, role: u.role, partnerId: u.partnerId, tenantId: u.tenantId, active: u.active, version: u.version,
});
