import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiPagedResponse, ApiProblems, IdPipe } from '@kernteam/http';
import { AccountLinkView } from './account-links.service';
import { CreatedUserView, CreateUserDto, UpdateUserDto, UserListQuery } from './user.dto';
import { UsersService } from './users.service';
import { UserView } from './user.entity';

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
}
