import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One row of the audit trail as the auditor reads it. */
export class AuditEventView {
  @ApiProperty({ description: 'The row\'s number in the trail (a bigint, sent as a string).', example: '1042' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
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
