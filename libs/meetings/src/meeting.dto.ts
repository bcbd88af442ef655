import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { AgreementSpecDto } from '@kernteam/agreements';
import { IsCalendarDate, IsInstant, IsOmittable, IsSchedulable, PageQuery, Trimmed } from '@kernteam/http';
import { OUTCOMES, Outcome } from './meeting.entity';
import { MEETING_EVENTS, MEETING_STATES, MeetingEventType, MeetingState } from './meeting.machine';

export class CreateMeetingDto {
  @ApiProperty({ example: '2026-12-03T14:00:00+01:00', description: 'ISO 8601 with offset.' }) @IsInstant() @IsSchedulable() scheduledAt: string;
  @ApiPropertyOptional({ example: 'Stadhuis, zaal 2' }) @IsOptional() @Trimmed() @IsString() @Length(1, 300) location?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A chair of this tenant; defaults to the chair creating the meeting.' })
  @IsOptional() @IsUUID() chairUserId?: string;
}

export class UpdateMeetingDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ example: '2026-12-03T14:00:00+01:00' }) @IsOmittable() @IsInstant() @IsSchedulable() scheduledAt?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Trimmed() @IsString() @Length(1, 300) location?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() chairUserId?: string | null;
}

export class MeetingListQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First calendar day (Europe/Brussels), inclusive.' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last calendar day (Europe/Brussels), inclusive.' }) @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ enum: MEETING_STATES }) @IsOptional() @IsIn(MEETING_STATES) state?: MeetingState;
}

export class AddAgendaItemDto {
  @ApiProperty({ format: 'uuid', description: 'A WEERHOUDEN or IN_OPVOLGING dossier; it moves to GEAGENDEERD.' }) @IsUUID() dossierId: string;
}

export class AttendanceDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Active partners of the tenant present at the meeting.' })
  @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) presentPartnerIds: string[];
}

export class EndorsementDto {
  @ApiProperty({ format: 'uuid', description: 'A partner present at the meeting.' }) @IsUUID() partnerId: string;
  @ApiProperty({ description: 'false records a reservation, which needs a note.' }) @IsBoolean() endorsed: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2_000) note?: string;
}

export class OutcomeDto {
  @ApiProperty({ enum: OUTCOMES }) @IsIn(OUTCOMES) outcome: Outcome;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) summary?: string;
  @ApiPropertyOptional({ type: [AgreementSpecDto], description: 'Only for DISCUSSED. Replaces the item\'s agreements.' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => AgreementSpecDto)
  agreements?: AgreementSpecDto[];
  @ApiPropertyOptional({ type: [EndorsementDto], description: 'Only for DISCUSSED, from present partners. Replaces the item\'s endorsements.' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => EndorsementDto)
  endorsements?: EndorsementDto[];
}

export class MeetingTransitionDto {
  @ApiProperty({ enum: MEETING_EVENTS }) @IsIn(MEETING_EVENTS) event: MeetingEventType;
  @ApiProperty() @IsInt() @Min(1) version: number;
}
