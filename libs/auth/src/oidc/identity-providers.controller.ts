import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CheckPolicies, CurrentActor } from '@kernteam/access';
import { ApiProblems, IdPipe } from '@kernteam/http';
import { CreateIdentityProviderDto, IdentityProviderView, UpdateIdentityProviderDto } from './identity-provider.dto';
import { IdentityProvidersService } from './identity-providers.service';

@ApiTags('identity-providers')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('identity-providers')
export class IdentityProvidersController {
  constructor(private readonly providers: IdentityProvidersService) {}

  @Get()
  @ApiOkResponse({ type: [IdentityProviderView] })
  @CheckPolicies((a) => a.can('manage', 'IdentityProvider'))
  list(@CurrentActor() actor: Actor) {
    return this.providers.list(actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: IdentityProviderView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('manage', 'IdentityProvider'))
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.providers.get(actor, id);
  }

  @Post()
  @ApiCreatedResponse({ type: IdentityProviderView })
  @ApiProblems(400, 409)
  @CheckPolicies((a) => a.can('manage', 'IdentityProvider'))
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIdentityProviderDto) {
    return this.providers.create(actor, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: IdentityProviderView })
  @ApiProblems(400, 404, 409)
  @CheckPolicies((a) => a.can('manage', 'IdentityProvider'))
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: UpdateIdentityProviderDto) {
    return this.providers.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('manage', 'IdentityProvider'))
  remove(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.providers.remove(actor, id);
  }
}
