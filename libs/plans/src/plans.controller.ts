import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor, CheckPolicies, CurrentActor } from '@kernteam/access';
import { ApiPagedResponse, ApiProblems, IdPipe, invalid } from '@kernteam/http';
import {
  CloseYearDto, CommentDto, CreateNodeDto, CreatePlanDto, ImportPlanDto, ManualValueDto, PlanListQuery, ReopenYearDto, ReportQuery, UpdateNodeDto, UpdatePlanDto,
} from './plan.dto';
import { CommentView, ManualValueView, PlanNodeView, PlanReport, PlanStructureView, PlanSummaryView, PlanView, SnapshotView } from './plan.view';
import { PlansService } from './plans.service';

const yearPipe = new ParseIntPipe({ exceptionFactory: () => invalid([{ field: 'year', message: 'year must be a year like 2026' }]) });
const checkYear = (year: number) => {
  if (year < 1900 || year > 2200) throw invalid([{ field: 'year', message: 'year must be a year like 2026' }]);
  return year;
};

/** The SVPP plan: the evaluator maintains it; chair and casemanager read it (DESIGN.md §6). */
@ApiTags('plans')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @ApiPagedResponse(PlanSummaryView)
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'Plan'))
  list(@CurrentActor() actor: Actor, @Query() q: PlanListQuery) {
    return this.plans.list(actor, q);
  }

  @Post()
  @ApiCreatedResponse({ type: PlanView })
  @ApiProblems(400, 422)
  @CheckPolicies((a) => a.can('create', 'Plan'))
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlanDto) {
    return this.plans.create(actor, dto);
  }

  @Post('import')
  @ApiOperation({ summary: 'Creates a plan from a structure as given by GET /api/plans/:id/structure' })
  @ApiCreatedResponse({ type: PlanView })
  @ApiProblems(400, 422)
  @CheckPolicies((a) => a.can('create', 'Plan'))
  import(@CurrentActor() actor: Actor, @Body() dto: ImportPlanDto) {
    return this.plans.importStructure(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: PlanView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Plan'))
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.plans.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PlanView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('update', 'Plan'))
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: UpdatePlanDto) {
    return this.plans.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(404, { 422: 'The plan has a closed reporting year.' })
  @CheckPolicies((a) => a.can('delete', 'Plan'))
  async remove(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    await this.plans.remove(actor, id);
  }

  @Get(':id/structure')
  @ApiOperation({ summary: 'The plan structure as portable JSON (no ids), for POST /api/plans/import' })
  @ApiOkResponse({ type: PlanStructureView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Plan'))
  structure(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.plans.structure(actor, id);
  }

  @Post(':id/nodes')
  @ApiCreatedResponse({ type: PlanNodeView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('update', 'Plan'))
  addNode(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: CreateNodeDto) {
    return this.plans.addNode(actor, id, dto);
  }

  @Patch(':id/nodes/:nodeId')
  @ApiOkResponse({ type: PlanNodeView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('update', 'Plan'))
  updateNode(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Param('nodeId', IdPipe) nodeId: string, @Body() dto: UpdateNodeDto) {
    return this.plans.updateNode(actor, id, nodeId, dto);
  }

  @Delete(':id/nodes/:nodeId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('update', 'Plan'))
  async removeNode(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Param('nodeId', IdPipe) nodeId: string) {
    await this.plans.removeNode(actor, id, nodeId);
  }

  @Put(':id/nodes/:nodeId/values/:year')
  @ApiOperation({ summary: 'The value of an indicator entered by hand for a reporting year, with its evidence' })
  @ApiParam({ name: 'year', type: 'integer', example: 2026 })
  @ApiOkResponse({ type: ManualValueView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('update', 'Plan'))
  setValue(
    @CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Param('nodeId', IdPipe) nodeId: string,
    @Param('year', yearPipe) year: number, @Body() dto: ManualValueDto,
  ) {
    return this.plans.setManualValue(actor, id, nodeId, checkYear(year), dto);
  }

  @Put(':id/nodes/:nodeId/comments/:year')
  @ApiOperation({ summary: "The evaluator's comment on an indicator for a reporting year (the yearly evaluation); version-guarded" })
  @ApiParam({ name: 'year', type: 'integer', example: 2026 })
  @ApiOkResponse({ type: CommentView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('update', 'Plan'))
  setComment(
    @CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Param('nodeId', IdPipe) nodeId: string,
    @Param('year', yearPipe) year: number, @Body() dto: CommentDto,
  ) {
    return this.plans.setComment(actor, id, nodeId, checkYear(year), dto);
  }

  @Get(':id/report')
  @ApiOperation({ summary: 'Each plan indicator with value, target and whether it is met, for ?year= or ?from=&to=' })
  @ApiOkResponse({ type: PlanReport })
  @ApiProblems(400, 404)
  @CheckPolicies((a) => a.can('read', 'Plan'))
  report(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Query() q: ReportQuery) {
    return this.plans.report(actor, id, q);
  }

  @Get(':id/snapshots')
  @ApiOkResponse({ type: [SnapshotView] })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Plan'))
  snapshots(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.plans.listSnapshots(actor, id);
  }

  @Post(':id/snapshots')
  @ApiOperation({ summary: 'Closes a reporting year once it has ended (Europe/Brussels): its figures are stored with the plan and never change' })
  @ApiCreatedResponse({ type: SnapshotView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('update', 'Plan'))
  close(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: CloseYearDto) {
    return this.plans.closeYear(actor, id, dto);
  }

  @Post(':id/snapshots/:year/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopens a closed reporting year, with a reason: the closed snapshot is kept (marked reopened); closing again stores a new revision' })
  @ApiOkResponse({ type: SnapshotView })
  @ApiProblems(400, 404, 409)
  @CheckPolicies((a) => a.can('update', 'Plan'))
  reopen(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Param('year', yearPipe) year: number, @Body() dto: ReopenYearDto) {
    return this.plans.reopenYear(actor, id, checkYear(year), dto);
  }
}
