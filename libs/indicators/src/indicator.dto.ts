import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
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
