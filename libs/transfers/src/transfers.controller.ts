import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, AuditEntity, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiPagedResponse, ApiProblems, IdPipe } from '@kernteam/http';
import { CreateMatchQueryDto, CreateTransferDto, TransferListQuery, TransferTransitionDto } from './transfer.dto';
import { LivcView, MatchResultView, TransferListItem, TransferView } from './transfer.view';
import { MatchService } from './match.service';
import { TransfersService } from './transfers.service';

@ApiTags('transfers')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('transfers')
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Get('destinations')
  @ApiOperation({ summary: 'The other LIVCs of this deployment that accept transfers (names and ids only).' })
  @ApiOkResponse({ type: [LivcView] })
  @CheckPolicies((a) => a.can('create', 'Transfer'))
  destinations(@CurrentActor() actor: Actor) {
    return this.transfers.destinations(actor);
  }

  @Post()
  @ApiOperation({ summary: 'Propose to hand a dossier over to another LIVC.' })
  @ApiCreatedResponse({ type: TransferView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('create', 'Transfer'))
  @AuditEntity('Transfer')
  propose(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Body() dto: CreateTransferDto) {
    return this.transfers.propose(actor, ability, dto);
  }

  @Get()
  @ApiPagedResponse(TransferListItem)
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'Transfer'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: TransferListQuery) {
    return this.transfers.list(actor, ability, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: TransferView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Transfer'))
  get(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.transfers.get(actor, ability, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOkResponse({ type: TransferView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Transfer'))
  transition(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: TransferTransitionDto) {
    return this.transfers.transition(actor, ability, id, dto);
  }
}

@ApiTags('transfers')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('match-queries')
export class MatchQueriesController {
  constructor(private readonly match: MatchService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Is the person of this dossier known in another LIVC? Answers HIT with LIVC names, or NO_HIT; nothing more.' })
  @ApiOkResponse({ type: MatchResultView })
  @ApiProblems(400, 404, { 422: 'No name and birth date to compare, or MATCH_SECRET is not configured on this deployment (`urn:kernteam:problem:not-configured`).', 429: 'Too many queries (per casemanager and per LIVC within 24 hours).' })
  @CheckPolicies((a) => a.can('create', 'MatchQuery'))
  query(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Body() dto: CreateMatchQueryDto) {
    return this.match.query(actor, ability, dto);
  }
}
