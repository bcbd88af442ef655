import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { invalid } from '@kernteam/http';
import { Period, periodProblems } from './indicator-math';

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`; required and checked as a period by {@link parsePeriod}. */
export class PeriodQuery {
  @ApiProperty({ example: '2026-01-01', description: 'First day (Europe/Brussels), inclusive' })
  @IsOptional() @IsString() from?: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day (Europe/Brussels), inclusive' })
  @IsOptional() @IsString() to?: string;
}

/** A valid period, or a 400 problem naming what is wrong (missing, not a real date, from after to). */
export function parsePeriod(q: { from?: unknown; to?: unknown }): Period {
  const problems = periodProblems(q.from, q.to);
  if (problems.length) throw invalid(problems, 'The period is not valid.');
  return { from: q.from as string, to: q.to as string };
}

/** `GET /api/indicators`: a period, and for a joint LIVC a split per municipality or one municipality. */
export class IndicatorsQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: ['municipality'], description: 'Every indicator in total and per municipality of the tenant (joint LIVC).' })
  @IsOptional() @IsIn(['municipality']) by?: 'municipality';

  @ApiPropertyOptional({ description: "Only the dossiers of one municipality of the tenant's list." })
  @IsOptional() @IsString() @Length(1, 200) municipality?: string;
}
