import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiProblems, IdPipe } from '@kernteam/http';
import { ApproveGrantRequestDto, GrantRequestDecision, GrantRequestListQuery, GrantRequestView, RejectGrantRequestDto } from './grant-request.dto';
import { GrantRequestsService } from './grant-requests.service';

@ApiTags('grant-requests')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('grant-requests')
export class GrantRequestsController {
  constructor(private readonly requests: GrantRequestsService) {}

  @Get()
  @ApiOperation({ summary: "Grants of watched roles and resets of such accounts waiting for (or decided by) a second person; newest first, at most 200." })
  @ApiOkResponse({ type: [GrantRequestView] })
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'GrantRequest'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: GrantRequestListQuery): Promise<GrantRequestView[]> {
    return this.requests.list(actor, ability, q);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approves a pending request (another admin or the chair, not the requester): the change is made now; audited, told to the auditors.' })
  @ApiOkResponse({ type: GrantRequestDecision })
  @ApiProblems(400, 404, { 409: 'The request was decided, expired or changed since (version).', 422: 'The requester (or the account concerned) cannot decide it.' })
  @CheckPolicies((a) => a.can('update', 'GrantRequest'))
  approve(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: ApproveGrantRequestDto): Promise<GrantRequestDecision> {
    return this.requests.approve(actor, ability, id, dto.version);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rejects a pending request with a reason; nothing changes. Audited.' })
  @ApiOkResponse({ type: GrantRequestView })
  @ApiProblems(400, 404, { 409: 'The request was decided, expired or changed since (version).', 422: 'The requester (or the account concerned) cannot decide it.' })
  @CheckPolicies((a) => a.can('update', 'GrantRequest'))
  reject(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: RejectGrantRequestDto): Promise<GrantRequestView> {
    return this.requests.reject(actor, ability, id, dto.version, dto.reason);
  }
}
