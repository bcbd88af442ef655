import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EXPORT_FORMATS, ExportFormat } from './export-renderers';

export const EXPORT_STATES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

/** One requested export: its request, its progress and where its file is (the file itself lies under EXPORT_DIR). */
@Entity('exports')
export class ExportRecord {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'requested_by', type: 'uuid' }) requestedBy: string;
  @Column({ type: 'text' }) format: ExportFormat;
  @Column({ name: 'period_from', type: 'date' }) periodFrom: string;
  @Column({ name: 'period_to', type: 'date' }) periodTo: string;
  @Column({ name: 'plan_id', type: 'uuid', nullable: true }) planId: string | null;
  @Column({ type: 'text' }) state: ExportState;
  @Column({ type: 'int' }) attempts: number;
  @Column({ name: 'error_code', type: 'text', nullable: true }) errorCode: string | null;
  @Column({ name: 'file_name', type: 'text', nullable: true }) fileName: string | null;
  @Column({ name: 'file_size', type: 'bigint', nullable: true }) fileSize: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  @Column({ name: 'file_removed_at', type: 'timestamptz', nullable: true }) fileRemovedAt: Date | null;
}

/** `POST /api/exports`: the export is queued; poll `GET /api/exports/:id`. */
export class ExportRequestedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['QUEUED'] }) state: 'QUEUED';
}

/** `GET /api/exports/:id`. */
export class ExportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EXPORT_STATES }) state: ExportState;
  @ApiProperty({ enum: EXPORT_FORMATS }) format: ExportFormat;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) planId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the file is removed (EXPORT_TTL_DAYS after it was made).' })
  expiresAt: string | null;
  @ApiProperty() fileAvailable: boolean;
  @ApiProperty({ type: String, nullable: true }) fileName: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Bytes.' }) size: number | null;
  @ApiProperty({ type: String, nullable: true }) errorCode: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toExportView = (e: ExportRecord, downloadName: string): ExportView => ({
  id: e.id, state: e.state, format: e.format, from: e.periodFrom, to: e.periodTo, planId: e.planId,
  createdAt: e.createdAt.toISOString(), startedAt: iso(e.startedAt), finishedAt: iso(e.finishedAt), expiresAt: iso(e.expiresAt),
  fileAvailable: e.state === 'DONE' && e.fileRemovedAt === null, fileName: e.state === 'DONE' ? downloadName : null,
  size: e.fileSize === null ? null : Number(e.fileSize), errorCode: e.errorCode,
});
