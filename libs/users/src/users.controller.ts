import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiPagedResponse, ApiProblems, IdPipe, PageQuery } from '@kernteam/http';
import { CreateUserDto, UpdateUserDto } from './user.dto';
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
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: PageQuery) {
    return this.users.list(actor, ability, q.page, q.pageSize);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'User'))
  get(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.users.get(actor, ability, id);
  }

  @Post()
  @ApiCreatedResponse({ type: UserView })
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
}
