import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { Trimmed } from '@kernteam/http';
import { AccountLinkView } from './account-links.service';
import { ROLES, Role } from './user.entity';

export const GRANT_REQUEST_KINDS = ['ROLE_GRANT', 'PASSWORD_RESET', 'TOTP_RESET'] as const;
export type GrantRequestKind = (typeof GRANT_REQUEST_KINDS)[number];
export const GRANT_REQUEST_STATES = ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
export type GrantRequestState = (typeof GRANT_REQUEST_STATES)[number];
/** A request nobody decided lapses after this many days. */
export const GRANT_REQUEST_DAYS = 7;

/** A grant or reset waiting for (or decided by) a second person. */
export class GrantRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: GRANT_REQUEST_KINDS }) kind: GrantRequestKind;
  @ApiProperty({ enum: GRANT_REQUEST_STATES }) state: GrantRequestState;
  @ApiProperty({ format: 'uuid' }) targetUserId: string;
  @ApiProperty({ description: 'The name of the account the request is about.' }) targetName: string;
  @ApiProperty({ enum: ROLES, description: 'ROLE_GRANT: the role granted; a reset: the role of the account.' }) role: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) partnerId: string | null;
  @ApiProperty({ description: 'ROLE_GRANT: whether the account is active after approval.' }) active: boolean;
  @ApiProperty({ description: 'ROLE_GRANT: a user created by the request, inactive until it is approved.' }) newUser: boolean;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty() requestedByName: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ format: 'date-time', description: 'A pending request lapses (EXPIRED) at this time.' }) expiresAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was rejected.' }) reason: string | null;
  @ApiProperty() version: number;
}

/** The short form in the 202 answer of a write that now waits for approval. */
export class GrantRequestRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: GRANT_REQUEST_STATES }) state: GrantRequestState;
  @ApiProperty({ enum: GRANT_REQUEST_KINDS }) kind: GrantRequestKind;
}

/** 202 Accepted: the change did not take effect; it waits for a second person's approval. */
export class GrantRequestAccepted {
  @ApiProperty({ type: GrantRequestRef }) grantRequest: GrantRequestRef;
}

export class GrantRequestDecision {
  @ApiProperty({ type: GrantRequestView }) grantRequest: GrantRequestView;
  @ApiPropertyOptional({ type: AccountLinkView, description: 'The invitation or reset link issued on approval, when it was not e-mailed (shown once).' })
  link?: AccountLinkView;
}

export class GrantRequestListQuery {
  @ApiPropertyOptional({ enum: GRANT_REQUEST_STATES }) @IsOptional() @IsIn(GRANT_REQUEST_STATES) state?: GrantRequestState;
}

export class ApproveGrantRequestDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class RejectGrantRequestDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ minLength: 1, maxLength: 500 }) @Trimmed() @IsString() @Length(1, 500) reason: string;
}
