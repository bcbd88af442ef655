import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { IdPipe } from '@kernteam/http';
import { CreatePartnerDto, UpdatePartnerDto } from './partner.dto';
import { PartnersService } from './partners.service';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @CheckPolicies((a) => a.can('read', 'Partner'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility) {
    return this.partners.list(actor, ability);
  }

  @Post()
  @CheckPolicies((a) => a.can('create', 'Partner'))
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePartnerDto) {
    return this.partners.create(actor, dto);
  }

  @Patch(':id')
  @CheckPolicies((a) => a.can('update', 'Partner'))
  update(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: UpdatePartnerDto) {
    return this.partners.update(actor, ability, id, dto);
  }
}
