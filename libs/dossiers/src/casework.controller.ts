import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiProblems, IdPipe } from '@kernteam/http';
import { AwarenessTransitionDto, AwarenessView } from './awareness';
import { AwarenessService } from './awareness.service';
import { SaveScreeningDto, ScreeningView } from './screening';
import { ScreeningService } from './screening.service';

/** The screening form and the awareness-and-consent record of a dossier: read by whoever sees the dossier. */
@ApiTags('dossiers')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('dossiers')
export class CaseworkController {
  constructor(private readonly screening: ScreeningService, private readonly awareness: AwarenessService) {}

  @Get(':id/screening')
  @ApiOkResponse({ type: ScreeningView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  getScreening(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.screening.get(actor, ability, id);
  }

  @Put(':id/screening')
  @ApiOkResponse({ type: ScreeningView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  saveScreening(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: SaveScreeningDto) {
    return this.screening.save(actor, ability, id, dto);
  }

  @Get(':id/awareness')
  @ApiOkResponse({ type: AwarenessView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  getAwareness(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.awareness.get(actor, ability, id);
  }

  @Post(':id/awareness/transitions')
  @HttpCode(200)
  @ApiOkResponse({ type: AwarenessView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Dossier'))
  transitionAwareness(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: AwarenessTransitionDto) {
    return this.awareness.transition(actor, ability, id, dto);
  }
}
