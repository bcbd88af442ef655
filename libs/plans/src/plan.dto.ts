import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, Equals, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsOmittable, PageQuery, Trimmed } from '@kernteam/http';
import { INDICATOR_KEYS, IndicatorKey, Operator, OPERATORS } from '@kernteam/indicators';
import { PARTNER_TYPES, PartnerType } from '@kernteam/partners';
import { NODE_KINDS, NodeKind, STRUCTURE_FORMAT } from './plan-structure';

const nullable = () => ValidateIf((_, v) => v !== null && v !== undefined);
const finite = () => IsNumber({ allowNaN: false, allowInfinity: false });

export class CreatePlanDto {
  @ApiProperty({ example: 'SVPP 2026–2027' }) @Trimmed() @IsString() @Length(1, 500) title: string;
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() periodFrom: string;
  @ApiProperty({ example: '2027-12-31' }) @IsCalendarDate() periodTo: string;
}

export class UpdatePlanDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOmittable() @Trimmed() @IsString() @Length(1, 500) title?: string;
  @ApiPropertyOptional() @IsOmittable() @IsCalendarDate() periodFrom?: string;
  @ApiPropertyOptional() @IsOmittable() @IsCalendarDate() periodTo?: string;
}

class IndicatorFields {
  @ApiPropertyOptional({ enum: INDICATOR_KEYS, nullable: true, description: 'A computed indicator; null or absent: the value is entered by hand' })
  @IsOmittable() @nullable() @IsIn(INDICATOR_KEYS) definitionKey?: IndicatorKey | null;

  @ApiPropertyOptional({ enum: OPERATORS, nullable: true }) @IsOmittable() @nullable() @IsIn(OPERATORS) operator?: Operator | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 0.8, description: 'With operator; a share as a fraction (0.8 = 80 %), YES_NO: 1 = ja, 0 = nee' })
  @IsOmittable() @nullable() @finite() target?: number | null;

  @ApiPropertyOptional({ enum: PARTNER_TYPES, nullable: true, description: 'PARTICIPATIONS only: the partner type counted' })
  @IsOmittable() @nullable() @IsIn(PARTNER_TYPES) partnerType?: PartnerType | null;
}

export class CreateNodeDto extends IndicatorFields {
  @ApiProperty({ enum: NODE_KINDS }) @IsIn(NODE_KINDS) kind: NodeKind;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for every level below PHENOMENON' }) @IsOptional() @IsUUID() parentId?: string;
  @ApiProperty() @Trimmed() @IsString() @Length(1, 2000) title: string;
  @ApiPropertyOptional({ description: 'Order among siblings; default: last' }) @IsOptional() @IsInt() @Min(1) @Max(10_000) position?: number;
}

export class UpdateNodeDto extends IndicatorFields {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'Moves the node (with everything under it) under another node of the level above; default position: last' })
  @IsOmittable() @IsUUID() parentId?: string;
  @ApiPropertyOptional() @IsOmittable() @Trimmed() @IsString() @Length(1, 2000) title?: string;
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(1) @Max(10_000) position?: number;
}

export class ManualValueDto {
  @ApiProperty({ description: 'The value for the year (YES_NO: 1 = ja, 0 = nee)' }) @finite() value: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Where the value comes from (a report, minutes, …); no personal data' })
  @IsOptional() @nullable() @IsString() @MaxLength(2_000) evidenceNote?: string | null;
  @ApiPropertyOptional({ description: 'Required when a value for this year exists already' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class ReportQuery {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @IsString() year?: string;
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @IsString() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsString() to?: string;
}

export class CloseYearDto {
  @ApiProperty({ example: 2025 }) @IsInt() @Min(1900) @Max(2200) year: number;
}

export class ReopenYearDto {
  @ApiProperty({ description: 'Why the reported figures are reopened (kept with the snapshot, not in the audit trail)', maxLength: 2000 })
  @IsString() @MaxLength(2000) reason: string;
}

export class PlanListQuery extends PageQuery {}

// The portable structure (import). Field names follow PlanStructure.
class StructureIndicatorDto extends IndicatorFields {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 2000) title: string;
}
class StructureResultDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 2000) title: string;
  @ApiProperty({ type: [StructureIndicatorDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => StructureIndicatorDto)
  indicators: StructureIndicatorDto[];
}
class StructureOperationalDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 2000) title: string;
  @ApiProperty({ type: [StructureResultDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => StructureResultDto)
  expectedResults: StructureResultDto[];
}
class StructureStrategicDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 2000) title: string;
  @ApiProperty({ type: [StructureOperationalDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => StructureOperationalDto)
  operationalObjectives: StructureOperationalDto[];
}
class StructurePhenomenonDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 2000) title: string;
  @ApiProperty({ type: [StructureStrategicDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => StructureStrategicDto)
  strategicObjectives: StructureStrategicDto[];
}

export class ImportPlanDto {
  @ApiProperty({ example: STRUCTURE_FORMAT }) @Equals(STRUCTURE_FORMAT) format: typeof STRUCTURE_FORMAT;
  @ApiProperty({ example: 1 }) @Equals(1) formatVersion: 1;
  @ApiProperty() @Trimmed() @IsString() @Length(1, 500) title: string;
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() periodFrom: string;
  @ApiProperty({ example: '2027-12-31' }) @IsCalendarDate() periodTo: string;
  @ApiProperty({ type: [StructurePhenomenonDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => StructurePhenomenonDto)
  phenomena: StructurePhenomenonDto[];
}
