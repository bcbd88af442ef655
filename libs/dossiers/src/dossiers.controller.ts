import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiPagedResponse, ApiProblems, IdPipe, PageQuery } from '@kernteam/http';
import { CreateContributionDto, CreateDossierDto, DossierListQuery, DossierTransitionDto, SetPartnersDto, UpdateDossierDto } from './dossier.dto';
import { ContributionView, DossierView, HistoryEntry } from './dossier.view';
import { DossiersService } from './dossiers.service';

@ApiTags('dossiers')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @ApiCreatedResponse({ type: DossierView })
  @ApiProblems(400, 422)
  @CheckPolicies((a) => a.can('create', 'Dossier'))
  create(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Body() dto: CreateDossierDto) {
    return this.dossiers.create(actor, ability, dto);
  }

  @Get()
  @ApiPagedResponse(DossierView)
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: DossierListQuery) {
    return this.dossiers.list(actor, ability, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: DossierView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  get(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.dossiers.get(actor, ability, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: DossierView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  update(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: UpdateDossierDto) {
    return this.dossiers.update(actor, ability, id, dto);
  }

  @Put(':id/partners')
  @ApiOkResponse({ type: DossierView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  setPartners(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: SetPartnersDto) {
    return this.dossiers.setPartners(actor, ability, id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOkResponse({ type: DossierView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  transition(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: DossierTransitionDto) {
    return this.dossiers.transition(actor, ability, id, dto);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: [HistoryEntry] })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  history(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.dossiers.history(actor, ability, id);
  }

  @Post(':id/contributions')
  @ApiCreatedResponse({ type: ContributionView })
  @ApiProblems(400, 404)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  addContribution(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: CreateContributionDto) {
    return this.dossiers.addContribution(actor, ability, id, dto);
  }

  @Get(':id/contributions')
  @ApiPagedResponse(ContributionView)
  @ApiProblems(400, 404)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  listContributions(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Query() q: PageQuery) {
    return this.dossiers.listContributions(actor, ability, id, q.page, q.pageSize);
  }
}
