import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, PageQuery, Trimmed } from '@kernteam/http';
import { AGREEMENT_EVENTS, AGREEMENT_STATES, AgreementEventType, AgreementState } from './agreement.machine';

export class AgreementListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGREEMENT_STATES }) @IsOptional() @IsIn(AGREEMENT_STATES) state?: AgreementState;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Due date before today (Europe/Brussels) and not carried out or failed yet.' })
  @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() responsiblePartnerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dossierId?: string;
  @ApiPropertyOptional({ format: 'date', example: '2026-12-08', description: 'Due strictly before this date (with overdue=false: due soon).' })
  @IsOptional() @IsCalendarDate() dueBefore?: string;
}

export class AgreementTransitionDto {
  @ApiProperty({ enum: AGREEMENT_EVENTS }) @IsIn(AGREEMENT_EVENTS) event: AgreementEventType;
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ description: 'Required for FAIL: why the agreement was not carried out.' })
  @IsOptional() @IsString() @MaxLength(2_000) note?: string;
  @ApiPropertyOptional({ example: '2026-11-20', description: 'COMPLETE only: the day it was done (default today in Europe/Brussels; never in the future).' })
  @IsOptional() @IsCalendarDate() doneOn?: string;
}

/** One agreement as recorded with a discussion's outcome. */
export class AgreementSpecDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 2_000) description: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() responsiblePartnerId: string;
  @ApiProperty({ example: '2027-01-15' }) @IsCalendarDate() dueOn: string;
}
