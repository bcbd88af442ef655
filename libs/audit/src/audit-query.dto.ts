import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@kernteam/http';

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) entityType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ description: 'e.g. dossier.read, auth.login, or a refused route as "POST /api/dossiers"' })
  @IsOptional() @IsString() @MaxLength(100) action?: string;
  @ApiPropertyOptional({ enum: ['ALLOWED', 'DENIED'] }) @IsOptional() @IsIn(['ALLOWED', 'DENIED']) outcome?: 'ALLOWED' | 'DENIED';
  @ApiPropertyOptional({ description: 'Instant (ISO 8601 with offset) or date (start of that day, Europe/Brussels)' })
  @IsOptional() @Matches(INSTANT, { message: 'from must be an ISO 8601 date or instant' }) from?: string;
  @ApiPropertyOptional({ description: 'Instant (ISO 8601 with offset) or date (end of that day, Europe/Brussels)' })
  @IsOptional() @Matches(INSTANT, { message: 'to must be an ISO 8601 date or instant' }) to?: string;
}

/** `GET /api/audit/access-log?reference=LIVC-2026-0007`: a dossier by its pseudonymous reference, the only thing the auditor knows of it. */
export class AccessLogQuery extends PageQuery {
  @ApiProperty({ example: 'LIVC-2026-0007' })
  @IsString() @Matches(/^LIVC-\d{4}-\d{4,}$/, { message: 'reference must look like LIVC-2026-0007' }) reference: string;
}
