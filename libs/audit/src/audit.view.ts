import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One row of the audit trail as the auditor reads it. */
export class AuditEventView {
  @ApiProperty({ description: 'The row\'s number in the trail (a bigint, sent as a string).', example: '1042' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who acted: the user\'s display name (not dossier content), null for an unknown account.' })
  actorName: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail: string | null;
  @ApiProperty({ example: 'dossier.read' }) action: string;
  @ApiProperty({ type: String, nullable: true, example: 'Dossier' }) entityType: string | null;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({ enum: ['ALLOWED', 'DENIED'] }) outcome: 'ALLOWED' | 'DENIED';
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty() hash: string;
  @ApiProperty() prevHash: string;
}

/** `GET /api/audit/verify`: whether the caller's tenant's hash chain is intact. */
export class AuditVerifyView {
  @ApiProperty() valid: boolean;
  @ApiProperty({ type: 'integer', description: 'Rows checked.' }) checked: number;
  @ApiPropertyOptional({ type: 'integer', description: 'The first sequence number where the chain does not hold.' }) brokenAt?: number;
}

/** `GET /api/audit/actors`: someone who appears in the trail, to filter it by. */
export class AuditActorView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

/** `GET /api/audit/access-log`: one access to a dossier, found by its pseudonymous reference; never its content. */
export class AccessLogEntryView {
  @ApiProperty({ description: 'The row\'s number in the trail.', example: '1042' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The actor\'s partner organisation, if any.' }) partnerName: string | null;
  @ApiProperty({ example: 'dossier.read' }) action: string;
  @ApiProperty({ enum: ['ALLOWED', 'DENIED'] }) outcome: 'ALLOWED' | 'DENIED';
}
