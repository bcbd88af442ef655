import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@kernteam/http';
import { NOTIFICATION_KINDS } from './notification.messages';

export const DELIVERY_STATES = ['PENDING', 'SENT', 'FAILED', 'SKIPPED'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export class DeliveryListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATES, description: 'Only deliveries in this state; absent: all.' })
  @IsOptional() @IsIn(DELIVERY_STATES) state?: DeliveryState;
}

export class DeliveryRecipient {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

/** One e-mail to one person: who and what kind of message, never what it is about beyond that. */
export class DeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ enum: ['email'] }) channel: string;
  @ApiProperty({ enum: DELIVERY_STATES, description: 'PENDING: waiting or being retried; SENT; FAILED: retries exhausted, tried again later; SKIPPED: no longer needed (e.g. the meeting was cancelled first).' })
  state: DeliveryState;
  @ApiProperty({ type: () => DeliveryRecipient }) recipient: DeliveryRecipient;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'A code of the last failure (e.g. smtp-421, econnection), never server text.' })
  lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When a FAILED delivery is tried again automatically.' })
  nextRetryAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) sentAt: string | null;
}

export class DeliveryCounts {
  @ApiProperty({ type: 'integer' }) PENDING: number;
  @ApiProperty({ type: 'integer' }) SENT: number;
  @ApiProperty({ type: 'integer' }) FAILED: number;
  @ApiProperty({ type: 'integer' }) SKIPPED: number;
}

export class DeliveryList {
  @ApiProperty({ type: () => [DeliveryView] }) items: DeliveryView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: () => DeliveryCounts, description: 'How many deliveries of the tenant are in each state (whatever the filter).' })
  counts: DeliveryCounts;
}

export interface DeliveryRow {
  id: string; kind: string; channel: string; state: DeliveryState; user_id: string; user_name: string; attempts: number; last_error: string | null;
  created_at: Date; last_attempt_at: Date | null; next_retry_at: Date | null; sent_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
export const toDeliveryView = (r: DeliveryRow): DeliveryView => ({
  id: r.id, kind: r.kind, channel: r.channel, state: r.state, recipient: { id: r.user_id, name: r.user_name }, attempts: r.attempts,
  lastError: r.last_error, createdAt: new Date(r.created_at).toISOString(), lastAttemptAt: iso(r.last_attempt_at), nextRetryAt: iso(r.next_retry_at),
  sentAt: iso(r.sent_at),
});
