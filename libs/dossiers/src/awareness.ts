import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '@kernteam/http';
import { AWARENESS_EVENTS, AWARENESS_STATES, AwarenessEventType, CONSENTS, NOT_INFORMED_REASONS } from './awareness.machine';

const DATE = { format: 'date', example: '2026-11-02' } as const;

export class AwarenessTransitionDto {
  @ApiProperty({ enum: AWARENESS_EVENTS }) @IsIn(AWARENESS_EVENTS) event: AwarenessEventType;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ ...DATE, description: 'INFORM: the day the person was informed (not after today).' })
  @IsOptional() @IsCalendarDate() informedOn?: string;
  @ApiPropertyOptional({ enum: NOT_INFORMED_REASONS, description: 'NOT_INFORM: why the person was not informed.' })
  @IsOptional() @IsIn(NOT_INFORMED_REASONS) reason?: string;
  @ApiPropertyOptional({ maxLength: 500, description: 'NOT_INFORM: a short explanation (free text: erased on anonymisation).' })
  @IsOptional() @IsString() @MaxLength(500) explanation?: string;
  @ApiPropertyOptional({ enum: CONSENTS, description: 'RECORD_CONSENT: whether the person takes part voluntarily in a support trajectory.' })
  @IsOptional() @IsIn(CONSENTS) consent?: string;
  @ApiPropertyOptional({ ...DATE, description: 'RECORD_CONSENT YES / NO: the day it was asked (not after today); not given with NOT_ASKED.' })
  @IsOptional() @IsCalendarDate() consentOn?: string;
}

export class AwarenessHistoryEntry {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ enum: AWARENESS_EVENTS }) event: string;
  @ApiProperty({ type: String, nullable: true, enum: AWARENESS_STATES }) fromState: string | null;
  @ApiProperty({ enum: AWARENESS_STATES }) toState: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, ...DATE }) informedOn: string | null;
  @ApiProperty({ type: String, nullable: true, enum: NOT_INFORMED_REASONS }) notInformedReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null once anonymised' }) explanation: string | null;
  @ApiProperty({ type: String, nullable: true, enum: CONSENTS }) consent: string | null;
  @ApiProperty({ type: String, nullable: true, ...DATE }) consentOn: string | null;
}

export class AwarenessView {
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty({ enum: AWARENESS_STATES }) state: string;
  @ApiProperty({ type: 'integer', description: '1 until the first step (send it with that step).' }) version: number;
  @ApiProperty({ type: String, nullable: true, ...DATE }) informedOn: string | null;
  @ApiProperty({ type: String, nullable: true, enum: NOT_INFORMED_REASONS }) notInformedReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null once anonymised' }) explanation: string | null;
  @ApiProperty({ enum: CONSENTS }) consent: string;
  @ApiProperty({ type: String, nullable: true, ...DATE }) consentOn: string | null;
  @ApiProperty({ enum: AWARENESS_EVENTS, isArray: true, description: 'The events this caller may send now.' }) allowedEvents: string[];
  @ApiProperty({ type: [AwarenessHistoryEntry], description: 'Every step, oldest first.' }) history: AwarenessHistoryEntry[];
}
