import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CheckPolicies, CurrentActor } from '@kernteam/access';
import { ApiFileResponse, ApiPagedResponse, ApiProblems, IdPipe } from '@kernteam/http';
import { CreateExportDto, ExportListQuery } from './export.dto';
import { ExportRequestedView, ExportView } from './export.entity';
import { ExportsService } from './exports.service';

/** Anonymised exports of the indicators (and the plan), made in the background (DESIGN.md §6: the evaluator's). */
@ApiTags('exports')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Requests an export; the worker makes it. Poll GET /api/exports/:id, then download /file.' })
  @ApiAcceptedResponse({ type: ExportRequestedView })
  @ApiProblems(400, 404, 422)
  @CheckPolicies((a) => a.can('create', 'Export'))
  request(@CurrentActor() actor: Actor, @Body() dto: CreateExportDto) {
    return this.exports.request(actor, dto);
  }

  @Get()
  @ApiPagedResponse(ExportView)
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'Export'))
  list(@CurrentActor() actor: Actor, @Query() q: ExportListQuery) {
    return this.exports.list(actor, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: ExportView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Export'))
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.exports.get(actor, id);
  }

  @Get(':id/file')
  @ApiFileResponse('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf')
  @ApiProblems(404, 409, 410)
  @CheckPolicies((a) => a.can('read', 'Export'))
  file(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<StreamableFile> {
    return this.exports.file(actor, id);
  }
}
