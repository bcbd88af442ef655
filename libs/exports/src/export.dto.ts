import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate, PageQuery } from '@kernteam/http';
import { EXPORT_FORMATS, ExportFormat } from './export-renderers';

export class CreateExportDto {
  @ApiProperty({ example: '2025-01-01', description: 'First day of a month' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2025-12-31', description: 'Last day of a month' }) @IsCalendarDate() to: string;
  @ApiProperty({ enum: EXPORT_FORMATS }) @IsIn(EXPORT_FORMATS) format: ExportFormat;
  @ApiPropertyOptional({ format: 'uuid', description: 'Adds the plan tree with each indicator against its target' }) @IsOptional() @IsUUID() planId?: string;
}

export class ExportListQuery extends PageQuery {}
