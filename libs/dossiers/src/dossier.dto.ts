import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsOmittable, PageQuery, Trimmed } from '@kernteam/http';
import { PHENOMENA, Phenomenon } from './dossier.entity';
import { DOSSIER_STATES, DOSSIER_USER_EVENTS, DossierState, DossierUserEvent } from './dossier.machine';

export const GENDERS = ['M', 'V', 'X'] as const;

export class SubjectDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 200) firstName: string;
  @ApiProperty() @Trimmed() @IsString() @Length(1, 200) lastName: string;
  @ApiPropertyOptional({ example: '2005-04-17' }) @IsOptional() @IsCalendarDate() birthDate?: string;
  @ApiPropertyOptional({ enum: GENDERS }) @IsOptional() @IsIn(GENDERS) gender?: 'M' | 'V' | 'X';
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @Length(1, 200) municipality?: string;
}

/** Partial identity update: a field sent as null is cleared (names cannot be). */
export class SubjectPatchDto {
  @ApiPropertyOptional() @IsOmittable() @Trimmed() @IsString() @Length(1, 200) firstName?: string;
  @ApiPropertyOptional() @IsOmittable() @Trimmed() @IsString() @Length(1, 200) lastName?: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsCalendarDate() birthDate?: string | null;
  @ApiPropertyOptional({ type: String, enum: GENDERS, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(GENDERS) gender?: 'M' | 'V' | 'X' | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Trimmed() @IsString() @Length(1, 200) municipality?: string | null;
}

export class CreateDossierDto {
  @ApiProperty({ enum: PHENOMENA }) @IsIn(PHENOMENA) phenomenon: Phenomenon;
  @ApiProperty({ format: 'uuid' }) @IsUUID() referringPartnerId: string;
  @ApiProperty({ example: '2026-11-02' }) @IsCalendarDate() receivedOn: string;
  @ApiProperty() @Trimmed() @IsString() @Length(1, 20_000) summary: string;
  @ApiProperty({ type: SubjectDto }) @IsObject() @ValidateNested() @Type(() => SubjectDto) subject: SubjectDto;
}

export class UpdateDossierDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOmittable() @Trimmed() @IsString() @Length(1, 20_000) summary?: string;
  @ApiPropertyOptional({ enum: PHENOMENA }) @IsOmittable() @IsIn(PHENOMENA) phenomenon?: Phenomenon;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() casemanagerId?: string | null;
  @ApiPropertyOptional({ type: SubjectPatchDto }) @IsOmittable() @IsObject() @ValidateNested() @Type(() => SubjectPatchDto) subject?: SubjectPatchDto;
}

export class SetPartnersDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ type: [String], format: 'uuid' }) @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) partnerIds: string[];
}

/** Where a rejected signal was sent: exactly one of `partnerId` (a partner of the tenant) and `name` (an outside service). */
export class ReferredToDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() partnerId?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 }) @IsOptional() @Trimmed() @IsString() @Length(1, 200) name?: string;
}

export class DossierTransitionDto {
  @ApiProperty({ enum: DOSSIER_USER_EVENTS }) @IsIn(DOSSIER_USER_EVENTS) event: DossierUserEvent;
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ description: 'Required for REJECT and REOPEN (free text) and CLOSE (a closure reason code); optional for RETAIN, kept in the history.' })
  @IsOptional() @IsString() @MaxLength(2_000) reason?: string;
  @ApiPropertyOptional({ type: ReferredToDto, description: 'REJECT only: where the signal was referred to.' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ReferredToDto) referredTo?: ReferredToDto;
}

/** Sortable columns of the dossier list (API field names; "-" for descending). */
export const DOSSIER_SORTS = ['reference', '-reference', 'receivedOn', '-receivedOn', 'state', '-state', 'updatedAt', '-updatedAt'] as const;
export type DossierSort = (typeof DOSSIER_SORTS)[number];

export class DossierListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DOSSIER_STATES }) @IsOptional() @IsIn(DOSSIER_STATES) state?: DossierState;
  @ApiPropertyOptional({ enum: PHENOMENA }) @IsOptional() @IsIn(PHENOMENA) phenomenon?: Phenomenon;
  @ApiPropertyOptional({ description: 'Reference, or the subject\'s name where you may see identities.' })
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The assigned casemanager.' }) @IsOptional() @IsUUID() casemanagerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A partner involved in the dossier.' }) @IsOptional() @IsUUID() involvedPartnerId?: string;
  @ApiPropertyOptional({ enum: DOSSIER_SORTS, default: '-updatedAt', description: 'A leading "-" sorts descending; ties are broken by id.' })
  @IsOptional() @IsIn(DOSSIER_SORTS) sort?: DossierSort;
}

export const VISIBILITIES = ['KERNTEAM', 'RESTRICTED'] as const;

export class CreateContributionDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 20_000) text: string;
  @ApiProperty({ enum: VISIBILITIES }) @IsIn(VISIBILITIES) visibility: 'KERNTEAM' | 'RESTRICTED';
}
