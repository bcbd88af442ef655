import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiPagedResponse, ApiProblems, IdPipe, PageQuery } from '@kernteam/http';
import { CreateFeedbackSheetDto, FeedbackApprovalDto, FeedbackSheetListQuery, FeedbackSheetTransitionDto, UpdateFeedbackSheetDto } from './feedback-sheet.dto';
import { FeedbackSheetsService } from './feedback-sheets.service';
import { FeedbackSheetView } from './feedback-sheet.view';

/**
 * Feedback sheets (terugkoppelingsfiches) to the police, GwH 52/2021: drafted by the casemanager after a discussion,
 * free of professional secrets shared in the meeting, approved by every partner present at the discussion (the police,
 * its addressee, excepted), and visible to police members only once GOEDGEKEURD.
 */
@ApiTags('feedback sheets')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller()
export class FeedbackSheetsController {
  constructor(private readonly sheets: FeedbackSheetsService) {}

  @Post('dossiers/:id/feedback-sheets')
  @ApiOperation({
    summary: 'Drafts a feedback sheet (CONCEPT) about a discussion of this dossier; casemanager.',
    description: 'The agenda item must be DISCUSSED on a closed meeting; noSecretsConfirmed must be true (422 otherwise).',
  })
  @ApiCreatedResponse({ type: FeedbackSheetView })
  @ApiProblems(400, 404, {
    409: 'The discussion already has a sheet in CONCEPT or TER_GOEDKEURING.',
    422: 'Not confirmed free of secrets, not a discussion of this dossier, or the meeting is not closed.',
  })
  @CheckPolicies((a) => a.can('create', 'FeedbackSheet'))
  create(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: CreateFeedbackSheetDto) {
    return this.sheets.create(actor, ability, id, dto);
  }

  @Get('dossiers/:id/feedback-sheets')
  @ApiOperation({ summary: 'The dossier\'s feedback sheets the caller may see (police members: approved ones only); paged, newest first.' })
  @ApiPagedResponse(FeedbackSheetView)
  @ApiProblems(400, 404)
  @CheckPolicies((a) => a.can('read', 'FeedbackSheet'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Query() q: PageQuery) {
    return this.sheets.list(actor, ability, id, q.page, q.pageSize);
  }

  @Get('feedback-sheets')
  @ApiOperation({
    summary: 'Every feedback sheet of the tenant the caller may see (as for one sheet: its dossier too), filtered in the database; newest change first.',
    description: 'E.g. `?state=TER_GOEDKEURING`: the sheets waiting for approval.',
  })
  @ApiPagedResponse(FeedbackSheetView)
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'FeedbackSheet'))
  listAll(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: FeedbackSheetListQuery) {
    return this.sheets.listAll(actor, ability, q);
  }

  @Get('feedback-sheets/:id')
  @ApiOperation({ summary: 'One feedback sheet; 404 when the caller may not see it (a police member before approval).' })
  @ApiOkResponse({ type: FeedbackSheetView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'FeedbackSheet'))
  get(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.sheets.get(actor, ability, id);
  }

  @Patch('feedback-sheets/:id')
  @ApiOperation({ summary: 'Edits a sheet in CONCEPT; a new content needs noSecretsConfirmed: true again.' })
  @ApiOkResponse({ type: FeedbackSheetView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'FeedbackSheet'))
  update(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: UpdateFeedbackSheetDto) {
    return this.sheets.update(actor, ability, id, dto);
  }

  @Post('feedback-sheets/:id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'SUBMIT: CONCEPT → TER_GOEDKEURING (needs content, the no-secrets confirmation and at least one approver).' })
  @ApiOkResponse({ type: FeedbackSheetView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'FeedbackSheet'))
  transition(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: FeedbackSheetTransitionDto) {
    return this.sheets.transition(actor, ability, id, dto);
  }

  @Post('feedback-sheets/:id/approvals')
  @ApiOperation({
    summary: 'Approves or rejects on behalf of the caller\'s partner, which must have been present at the discussion.',
    description: 'Any rejection makes the sheet AFGEWEZEN; the last approval makes it GOEDGEKEURD (unanimity). One decision per partner (409 on a second).',
  })
  @ApiCreatedResponse({ type: FeedbackSheetView })
  @ApiProblems(400, 404, { 409: 'The partner has decided already, or the sheet is not TER_GOEDKEURING.' }, 422)
  @CheckPolicies((a) => a.can('read', 'FeedbackSheet'))
  approve(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: FeedbackApprovalDto) {
    return this.sheets.approve(actor, ability, id, dto);
  }
}
