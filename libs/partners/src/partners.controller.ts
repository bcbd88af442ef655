import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiProblems, IdPipe } from '@kernteam/http';
import { CreatePartnerDto, PartnerView, UpdatePartnerDto } from './partner.dto';
import { PartnersService } from './partners.service';

@ApiTags('partners')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @ApiOkResponse({ type: [PartnerView] })
  @CheckPolicies((a) => a.can('read', 'Partner'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility) {
    return this.partners.list(actor, ability);
  }

  @Post()
  @ApiCreatedResponse({ type: PartnerView })
  @ApiProblems(400, 409)
  @CheckPolicies((a) => a.can('create', 'Partner'))
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePartnerDto) {
    return this.partners.create(actor, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PartnerView })
  @ApiProblems(400, 404, 409)
  @CheckPolicies((a) => a.can('update', 'Partner'))
  update(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: UpdatePartnerDto) {
    return this.partners.update(actor, ability, id, dto);
  }
}
