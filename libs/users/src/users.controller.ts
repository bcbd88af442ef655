import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { IdPipe, PageQuery } from '@kernteam/http';
import { CreateUserDto, UpdateUserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @CheckPolicies((a) => a.can('read', 'User'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: PageQuery) {
    return this.users.list(actor, ability, q.page, q.pageSize);
  }

  @Get(':id')
  @CheckPolicies((a) => a.can('read', 'User'))
  get(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.users.get(actor, ability, id);
  }

  @Post()
  @CheckPolicies((a) => a.can('create', 'User'))
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  @CheckPolicies((a) => a.can('update', 'User'))
  update(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, ability, id, dto);
  }
}
