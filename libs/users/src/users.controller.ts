import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiPagedResponse, ApiProblems, IdPipe } from '@kernteam/http';
import { AccountLinkView } from './account-links.service';
import { CreatedUserView, CreateUserDto, UpdateUserDto, UserListQuery } from './user.dto';
import { UsersService } from './users.service';
import { UserView } from './user.entity';
import { GrantRequestAccepted } from './grant-request.dto';

const PENDING = { type: GrantRequestAccepted, description: "The tenant requires a second person's approval for this (grantsNeedSecondApproval): nothing changed yet; GET /api/grant-requests." };
/**
 * Sends the answer itself: 202 when it is a pending grant request instead of the change (Nest's fixed status per route
 * would override a status set on a passthrough response).
 */
function accepted(res: Response, result: object | undefined, status: number): void {
  if (result && 'grantRequest' in result) res.status(202).json(result);
  else if (result === undefined) res.status(status).send();
  else res.status(status).json(result);
}

export class RevokedSessionsView {
  @ApiProperty({ type: 'integer', description: 'How many browser sessions ended (bearer tokens are made invalid too).' }) endedSessions: number;
}

@ApiTags('users')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiPagedResponse(UserView)
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'User'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: UserListQuery) {
    return this.users.list(actor, ability, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'User'))
  get(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.users.get(actor, ability, id);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedUserView })
  @ApiAcceptedResponse(PENDING)
  @ApiProblems(400, 409, 422)
  @CheckPolicies((a) => a.can('create', 'User'))
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto, @Res() res: Response) {
    accepted(res, await this.users.create(actor, dto), 201);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  @ApiAcceptedResponse(PENDING)
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('update', 'User'))
  async update(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: UpdateUserDto,
    @Res() res: Response) {
    accepted(res, await this.users.update(actor, ability, id, dto), 200);
  }

  @Post(':id/password-reset')
  @ApiOperation({
    summary: 'A one-time password-reset link for the user (valid 24 hours, once).',
    description: 'E-mailed when SMTP is configured (`url` absent), else returned once for the admin to hand over. The admin never sees or sets a password.',
  })
  @ApiCreatedResponse({ type: AccountLinkView })
  @ApiAcceptedResponse(PENDING)
  @ApiProblems(404, 409)
  @CheckPolicies((a) => a.can('update', 'User'))
  async resetPassword(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Res() res: Response) {
    accepted(res, await this.users.resetPassword(actor, ability, id), 201);
  }

  @Post(':id/sessions/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ends all sessions of the user: every browser session, and every bearer token issued so far; audited.' })
  @ApiOkResponse({ type: RevokedSessionsView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('update', 'User'))
  revokeSessions(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string): Promise<RevokedSessionsView> {
    return this.users.revokeSessions(actor, ability, id);
  }

  @Delete(':id/totp')
  @HttpCode(204)
  @ApiOperation({ summary: "Resets the user's second factor (lost device): TOTP and recovery codes removed; audited and told to the auditors." })
  @ApiNoContentResponse()
  @ApiAcceptedResponse(PENDING)
  @ApiProblems(404, 409, { 422: 'The user has no second factor.' })
  @CheckPolicies((a) => a.can('update', 'User'))
  async resetSecondFactor(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string,
    @Res() res: Response): Promise<void> {
    accepted(res, await this.users.resetSecondFactor(actor, ability, id), 204);
  }
}
