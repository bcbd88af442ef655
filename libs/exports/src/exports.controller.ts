import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CheckPolicies, CurrentActor } from '@kernteam/access';
import { IdPipe } from '@kernteam/http';
import { CreateExportDto, ExportListQuery } from './export.dto';
import { ExportsService } from './exports.service';

/** Anonymised exports of the indicators (and the plan), made in the background (DESIGN.md §6: the evaluator's). */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Requests an export; the worker makes it. Poll GET /api/exports/:id, then download /file.' })
  @CheckPolicies((a) => a.can('create', 'Export'))
  request(@CurrentActor() actor: Actor, @Body() dto: CreateExportDto) {
    return this.exports.request(actor, dto);
  }

  @Get()
  @CheckPolicies((a) => a.can('read', 'Export'))
  list(@CurrentActor() actor: Actor, @Query() q: ExportListQuery) {
    return this.exports.list(actor, q);
  }

  @Get(':id')
  @CheckPolicies((a) => a.can('read', 'Export'))
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.exports.get(actor, id);
  }

  @Get(':id/file')
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf')
  @CheckPolicies((a) => a.can('read', 'Export'))
  file(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<StreamableFile> {
    return this.exports.file(actor, id);
  }
}
