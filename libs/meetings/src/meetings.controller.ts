import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, AppAbility, AuthenticatedRequest, CheckPolicies, CurrentAbility, CurrentActor, NotSessionActivity } from '@kernteam/access';
import { ApiFileResponse, ApiPagedResponse, ApiProblems, IdPipe, IdView } from '@kernteam/http';
import {
  AddAgendaItemDto, AttendanceDto, CreateMeetingDto, MeetingListQuery, MeetingTransitionDto, OutcomeDto, UpdateMeetingDto,
} from './meeting.dto';
import { HEARTBEAT_MS, MeetingEvents, RECHECK_EVERY } from './meeting-events.service';
import { MeetingChangeEventView } from './meeting-events.view';
import { AgendaItemView, MeetingSummaryView, MeetingView } from './meeting.view';
import { MeetingsService } from './meetings.service';
import { MinutesService } from './minutes.service';
import { Minutes } from './minutes.view';

@ApiTags('meetings')
@ApiProblems(401, 403)
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService, private readonly minutes: MinutesService, private readonly events: MeetingEvents) {}

  @Post()
  @ApiOperation({ summary: 'Plans a meeting (state GEPLAND); by a chair (who chairs it unless chairUserId says otherwise) or a casemanager.' })
  @ApiCreatedResponse({ type: MeetingView })
  @ApiProblems(400, 422)
  @CheckPolicies((a) => a.can('create', 'Meeting'))
  create(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Body() dto: CreateMeetingDto) {
    return this.meetings.create(actor, ability, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Meetings the caller may see, by Brussels calendar date; paged.' })
  @ApiPagedResponse(MeetingSummaryView)
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'Meeting'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: MeetingListQuery) {
    return this.meetings.list(actor, ability, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A meeting with its agenda (only items of dossiers the caller may read), outcomes, agreements, endorsements and sharedAgreements.' })
  @ApiOkResponse({ type: MeetingView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Meeting'))
  get(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.meetings.get(actor, ability, id);
  }

  @Get(':id/events')
  @NotSessionActivity()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Server-sent events: a change of this meeting was committed; read GET /api/meetings/:id again.',
    description: `Checked like GET /api/meetings/:id before the stream opens (404, 403). Then text/event-stream: \`event: meeting\` with `
      + `\`data: {"meetingId","kind"}\` (no content) after each committed change, a comment heartbeat every ${HEARTBEAT_MS / 1000} s. `
      + `Does not count as session activity; the stream ends once the session or token is no longer valid (checked every ${(HEARTBEAT_MS * RECHECK_EVERY) / 1000} s).`,
  })
  @ApiOkResponse({ type: MeetingChangeEventView, description: 'The data of each `event: meeting` (the body is a text/event-stream).' })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Meeting'))
  async changes(
    @CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string,
    @Req() req: Request & AuthenticatedRequest, @Res() res: Response,
  ): Promise<void> {
    await this.meetings.assertVisible(actor, ability, id);
    await this.events.open(req, res, actor.tenantId, id, async () => {
      const again = await req.reauthenticate?.();
      if (!again) return false;
      await this.meetings.assertVisible(again.actor, again.ability, id);
      return true;
    });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Reschedules a meeting that is still GEPLAND (date, place, chair).' })
  @ApiOkResponse({ type: MeetingView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Meeting'))
  update(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: UpdateMeetingDto) {
    return this.meetings.update(actor, ability, id, dto);
  }

  @Post(':id/agenda')
  @ApiOperation({ summary: 'Puts a WEERHOUDEN or IN_OPVOLGING dossier on the agenda (it becomes GEAGENDEERD); while GEPLAND or AGENDA_VASTGELEGD.' })
  @ApiCreatedResponse({ type: IdView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Meeting'))
  addAgendaItem(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: AddAgendaItemDto) {
    return this.meetings.addAgendaItem(actor, ability, id, dto);
  }

  @Delete(':id/agenda/:itemId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Takes an item off the agenda before the session; the dossier returns to its previous state.' })
  @ApiNoContentResponse({ description: 'Taken off the agenda.' })
  @ApiProblems(404, 409)
  @CheckPolicies((a) => a.can('read', 'Meeting'))
  async removeAgendaItem(
    @CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string,
  ): Promise<void> {
    await this.meetings.removeAgendaItem(actor, ability, id, itemId);
  }

  @Put(':id/attendance')
  @ApiOperation({ summary: 'Records the partners present (active partners of the tenant).' })
  @ApiOkResponse({ type: MeetingView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Meeting'))
  setAttendance(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: AttendanceDto) {
    return this.meetings.setAttendance(actor, ability, id, dto);
  }

  @Put(':id/agenda/:itemId/outcome')
  @ApiOperation({
    summary: 'Records an item\'s outcome while IN_ZITTING; returns the item with sharedAgreements.',
    description: 'DISCUSSED moves the dossier to IN_OPVOLGING; POSTPONED leaves it on the agenda until the meeting closes. '
      + 'Recording again replaces summary, agreements and endorsements; DISCUSSED → POSTPONED is refused (409).',
  })
  @ApiOkResponse({ type: AgendaItemView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Meeting'))
  recordOutcome(
    @CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string,
    @Body() dto: OutcomeDto,
  ) {
    return this.meetings.recordOutcome(actor, ability, id, itemId, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'FINALIZE_AGENDA (invites), OPEN (attendance recorded), CLOSE (every item has an outcome), APPROVE_MINUTES (chair), CANCEL.' })
  @ApiOkResponse({ type: MeetingView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Meeting'))
  transition(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: MeetingTransitionDto) {
    return this.meetings.transition(actor, ability, id, dto);
  }

  @Get(':id/minutes')
  @ApiOperation({ summary: 'The minutes generated from the meeting (draft until approved), with the art. 458ter Sw. statement in nl-BE and fr-BE.' })
  @ApiOkResponse({ type: Minutes })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Meeting'))
  minutesJson(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.minutes.json(actor, ability, id);
  }

  @Get(':id/minutes.pdf')
  @ApiFileResponse('application/pdf')
  @ApiProblems(404)
  @ApiOperation({ summary: 'The same minutes as a PDF.' })
  @Header('Cache-Control', 'no-store')
  @CheckPolicies((a) => a.can('read', 'Meeting'))
  async minutesPdf(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string): Promise<StreamableFile> {
    const { minutes, pdf } = await this.minutes.pdf(actor, ability, id);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="verslag-${minutes.date}.pdf"`, length: pdf.length });
  }
}
