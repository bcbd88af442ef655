import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiPagedResponse, ApiProblems, IdPipe } from '@kernteam/http';
import { AccountLinkView } from './account-links.service';
import { CreatedUserView, CreateUserDto, UpdateUserDto, UserListQuery } from './user.dto';
import { UsersService } from './users.service';
import { UserView } from './user.entity';

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
  @ApiProblems(400, 409, 422)
  @CheckPolicies((a) => a.can('create', 'User'))
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('update', 'User'))
  update(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, ability, id, dto);
  }

  @Post(':id/password-reset')
  @ApiOperation({
    summary: 'A one-time password-reset link for the user (valid 24 hours, once).',
    description: 'E-mailed when SMTP is configured (`url` absent), else returned once for the admin to hand over. The admin never sees or sets a password.',
  })
  @ApiCreatedResponse({ type: AccountLinkView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('update', 'User'))
  resetPassword(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.users.resetPassword(actor, ability, id);
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
  @ApiProblems(404, { 422: 'The user has no second factor.' })
  @CheckPolicies((a) => a.can('update', 'User'))
  resetSecondFactor(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string): Promise<void> {
    return this.users.resetSecondFactor(actor, ability, id);
  }
}
