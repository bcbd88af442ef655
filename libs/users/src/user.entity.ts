import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['admin', 'chair', 'casemanager', 'member', 'evaluator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const LANGUAGES = ['nl-BE', 'fr-BE'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Roles that act on behalf of a partner organisation and therefore need one. */
export const PARTNER_ROLES: readonly Role[] = ['chair', 'casemanager', 'member'];

/** A casemanager works for the casemanagement partner (DESIGN.md §1); null when `role` may act for a partner of `partnerType`. */
export function partnerTypeRefusal(role: Role, partnerType: string): string | null {
  return role === 'casemanager' && partnerType !== 'CASEMANAGEMENT'
    ? 'A user with role casemanager belongs to a partner of type CASEMANAGEMENT.'
    : null;
}

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
  /** Goes up with every password change; a bearer token issued under an older one is refused. */
  @Column({ name: 'credentials_version', type: 'int' }) credentialsVersion: number;
  @Column({ type: 'text', nullable: true }) language: Language | null;
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
  @ApiProperty({ enum: LANGUAGES, nullable: true, type: String, description: "The user's preferred UI language (null: the tenant's default)." })
  language: Language | null;
}

/** What the API shows of a user: never the password hash. */
export class UserView extends SignedInUserView {
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ description: 'An invitation link was issued and is neither used nor expired yet.' }) pendingInvitation: boolean;
}

export const toUserView = (u: User, pendingInvitation = false): UserView => ({
  id: u.id, email: u.email, name: u.name, role: u.role, partnerId: u.partnerId, tenantId: u.tenantId, language: u.language ?? null,
  active: u.active, version: u.version, pendingInvitation,
});
