import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTNER_TYPES, PartnerType } from '@kernteam/partners';
import { INDICATOR_KEYS, INDICATORS, IndicatorKey, Operator } from './indicator-definitions';
import { meets, Period, ratio } from './indicator-math';
import type { IndicatorRow } from './indicator.sql';

export class BreakdownCell {
  @ApiProperty({ description: "The partner's id (PARTICIPATIONS) or the closure reason code (DOSSIERS_CLOSED)." }) key: string;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiPropertyOptional({ enum: PARTNER_TYPES }) partnerType?: PartnerType;
  @ApiPropertyOptional() name?: string;
}

/** `GET /api/indicators…`: `{ key, from, to, numerator, denominator, value, target, met }` (+ `breakdown` where relevant). */
export class IndicatorResult {
  @ApiProperty({ enum: INDICATOR_KEYS }) key: IndicatorKey;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: Number, nullable: true }) numerator: number | null;
  @ApiProperty({ type: Number, nullable: true }) denominator: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null when the denominator is 0' }) value: number | null;
  @ApiProperty({ type: Number, nullable: true }) target: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null when the denominator is 0' }) met: boolean | null;
  @ApiPropertyOptional({ type: [BreakdownCell] }) breakdown?: BreakdownCell[];
  @ApiPropertyOptional({
    enum: ['TOTAL', 'MUNICIPALITY', 'NONE'],
    description: 'With ?by=municipality or ?municipality=: TOTAL the whole LIVC, MUNICIPALITY one municipality, NONE the dossiers that name no municipality.',
  })
  scope?: 'TOTAL' | 'MUNICIPALITY' | 'NONE';
  @ApiPropertyOptional({ type: String, nullable: true, description: 'scope MUNICIPALITY: its name; otherwise null.' }) municipality?: string | null;
}

/** Turns the statement's row into the result; the target is the indicator's own unless a plan gives one. */
export function toResult(
  key: IndicatorKey,
  period: Period,
  row: IndicatorRow,
  target: { operator: Operator | null; target: number | null } = { operator: INDICATORS[key].defaultOperator, target: INDICATORS[key].defaultTarget },
): IndicatorResult {
  const def = INDICATORS[key];
  const numerator = row.numerator === null ? null : Number(row.numerator);
  const denominator = row.denominator === null ? null : Number(row.denominator);
  let value: number | null;
  if (def.measure === 'RATIO') value = ratio(numerator ?? 0, denominator ?? 0);
  else if (def.measure === 'COUNT') value = numerator;
  else value = row.value === null ? null : Number(row.value);
  const result: IndicatorResult = {
    key, from: period.from, to: period.to, numerator, denominator, value, target: target.target, met: meets(target.operator, value, target.target),
  };
  if (def.breakdown) result.breakdown = (row.breakdown ?? []).map((c) => ({ ...c, count: Number(c.count) }));
  return result;
}

/** The same figures judged against another target (a plan indicator's). */
export function withTarget(result: IndicatorResult, operator: Operator | null, target: number | null): IndicatorResult {
  return { ...result, target, met: meets(operator, result.value, target) };
}
