import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, ValueTransformer } from 'typeorm';
import type { IndicatorKey, Operator } from '@kernteam/indicators';
import type { PartnerType } from '@kernteam/partners';
import type { NodeKind } from './plan-structure';

/** PostgreSQL `numeric` arrives as a string; the plan works with numbers. */
const numeric: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};

@Entity('plans')
export class Plan {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'period_from', type: 'date' }) periodFrom: string;
  @Column({ name: 'period_to', type: 'date' }) periodTo: string;
  @Column({ type: 'int' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('plan_nodes')
export class PlanNode {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ type: 'text' }) kind: NodeKind;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'definition_key', type: 'text', nullable: true }) definitionKey: IndicatorKey | null;
  @Column({ type: 'text', nullable: true }) operator: Operator | null;
  @Column({ type: 'numeric', nullable: true, transformer: numeric }) target: number | null;
  @Column({ name: 'partner_type', type: 'text', nullable: true }) partnerType: PartnerType | null;
  @Column({ type: 'int' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A value entered by hand for an indicator no data computes, for one reporting year. */
@Entity('plan_indicator_values')
export class PlanIndicatorValue {
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @PrimaryColumn({ name: 'node_id', type: 'uuid' }) nodeId: string;
  @PrimaryColumn({ type: 'int' }) year: number;
  @Column({ type: 'numeric', transformer: numeric }) value: number;
  @Column({ name: 'evidence_note', type: 'text', nullable: true }) evidenceNote: string | null;
  @Column({ type: 'int' }) version: number;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The evaluator's comment on an indicator for one reporting year (the "check" of the yearly PDCA evaluation). */
@Entity('plan_node_comments')
export class PlanNodeComment {
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @PrimaryColumn({ name: 'node_id', type: 'uuid' }) nodeId: string;
  @PrimaryColumn({ type: 'int' }) year: number;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'int' }) version: number;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

export type SnapshotKind = 'LIVE' | 'CLOSED';

@Entity('indicator_snapshots')
export class IndicatorSnapshot {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId: string;
  @Column({ type: 'int' }) year: number;
  @Column({ type: 'text' }) kind: SnapshotKind;
  @Column({ name: 'computed_at', type: 'timestamptz' }) computedAt: Date;
  @Column({ name: 'closed_by', type: 'uuid', nullable: true }) closedBy: string | null;
  @Column({ type: 'jsonb' }) report: unknown;
  /** CLOSED: 1 for the first closing of a year, one more each time it is closed again after a reopening. */
  @Column({ type: 'int' }) revision: number;
  @Column({ name: 'reopened_at', type: 'timestamptz', nullable: true }) reopenedAt: Date | null;
  @Column({ name: 'reopened_by', type: 'uuid', nullable: true }) reopenedBy: string | null;
  @Column({ name: 'reopen_reason', type: 'text', nullable: true }) reopenReason: string | null;
}
