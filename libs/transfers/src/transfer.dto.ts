import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@kernteam/http';
import { TRANSFER_EVENTS, TRANSFER_STATES, TransferEventType, TransferState } from './transfer.machine';

export class CreateTransferDto {
  @ApiProperty({ format: 'uuid', description: 'The dossier to hand over (WEERHOUDEN or IN_OPVOLGING).' }) @IsUUID() dossierId: string;
  @ApiProperty({ format: 'uuid', description: 'One of GET /api/transfers/destinations.' }) @IsUUID() toTenantId: string;
  @ApiProperty({ description: 'Written for the receiving LIVC; the dossier summary itself does not cross.', minLength: 1, maxLength: 20_000 })
  @IsString() @Length(1, 20_000) summary: string;
  @ApiProperty({
    type: [String], format: 'uuid',
    description: 'Contributions to pass on: only KERNTEAM contributions written by the own casemanagement (never RESTRICTED, never another partner\'s).',
  })
  @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) contributionIds: string[];
}

export class TransferTransitionDto {
  @ApiProperty({ enum: TRANSFER_EVENTS, description: 'ACCEPT and REFUSE by the receiving LIVC, WITHDRAW by the sending one.' })
  @IsIn(TRANSFER_EVENTS) event: TransferEventType;
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ description: 'Required for REFUSE (shown to the sending LIVC); optional for WITHDRAW.', maxLength: 2_000 })
  @IsOptional() @IsString() @MaxLength(2_000) reason?: string;
}

export const TRANSFER_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

export class TransferListQuery extends PageQuery {
  @ApiProperty({ enum: TRANSFER_DIRECTIONS }) @IsIn(TRANSFER_DIRECTIONS) direction: TransferDirection;
  @ApiPropertyOptional({ enum: TRANSFER_STATES }) @IsOptional() @IsIn(TRANSFER_STATES) state?: TransferState;
  @ApiPropertyOptional({ format: 'uuid', description: 'Outgoing transfers of one dossier of the own LIVC.' }) @IsOptional() @IsUUID() dossierId?: string;
}

export class CreateMatchQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() dossierId: string;
  @ApiProperty({ description: 'Why the casemanager asks; kept in the own LIVC only.', minLength: 1, maxLength: 1_000 })
  @IsString() @Length(1, 1_000) reason: string;
}
