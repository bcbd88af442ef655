import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiPagedResponse, ApiProblems, IdPipe } from '@kernteam/http';
import { AgreementListQuery, AgreementTransitionDto } from './agreement.dto';
import { AgreementView } from './agreement.view';
import { AgreementsService } from './agreements.service';

@ApiTags('agreements')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @ApiOperation({ summary: 'Agreements (afspraken) the caller may see, filtered in the database; ordered by due date.' })
  @ApiPagedResponse(AgreementView)
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'Agreement'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: AgreementListQuery) {
    return this.agreements.list(actor, ability, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: AgreementView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('read', 'Agreement'))
  get(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.agreements.get(actor, ability, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'START, COMPLETE (sets doneOn) or FAIL (note required); by the casemanager or the responsible partner.' })
  @ApiOkResponse({ type: AgreementView })
  @ApiProblems(400, 404, 409, 422)
  @CheckPolicies((a) => a.can('read', 'Agreement'))
  transition(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string, @Body() dto: AgreementTransitionDto) {
    return this.agreements.transition(actor, ability, id, dto);
  }
}
