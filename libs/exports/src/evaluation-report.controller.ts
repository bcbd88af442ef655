import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { Actor, CheckPolicies, CurrentActor } from '@kernteam/access';
import { ApiFileResponse, ApiProblems, IdPipe, invalid } from '@kernteam/http';
import { EvaluationReportService, ReportLanguage } from './evaluation-report';

export class EvaluationReportQuery {
  @ApiProperty({ example: 2026, description: 'The reporting year (within the plan period)' }) @IsOptional() @IsString() year?: string;
  @ApiPropertyOptional({ enum: ['nl', 'fr'], description: "Default: the tenant's language" }) @IsOptional() @IsIn(['nl', 'fr']) lang?: ReportLanguage;
}

/** The yearly evaluation report of a plan as a PDF (read like the plan: evaluator, chair, casemanager). */
@ApiTags('plans')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('plans')
export class EvaluationReportController {
  constructor(private readonly reports: EvaluationReportService) {}

  @Get(':id/report.pdf')
  @ApiOperation({ summary: 'The yearly (PDCA) evaluation report: plan tree with values, targets, trend charts, comments and activity figures, anonymised' })
  @ApiFileResponse('application/pdf')
  @ApiProblems(400, 404)
  @CheckPolicies((a) => a.can('read', 'Plan'))
  report(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Query() q: EvaluationReportQuery): Promise<StreamableFile> {
    if (q.year === undefined || !/^\d{4}$/.test(q.year)) throw invalid([{ field: 'year', message: 'year must be a year like 2026' }]);
    return this.reports.render(actor, id, Number(q.year), q.lang);
  }
}
