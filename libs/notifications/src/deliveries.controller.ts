import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiProblems, IdPipe } from '@kernteam/http';
import { DeliveriesService } from './deliveries.service';
import { DeliveryListQuery, DeliveryList, DeliveryView } from './delivery.view';

@ApiTags('notifications')
@ApiProblems(401, 403)
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @ApiOperation({
    summary: "The tenant's e-mail deliveries (casemanager, admin), newest first, with how many are in each state: the recipient's name and the kind of message only.",
  })
  @ApiOkResponse({ type: DeliveryList })
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'Delivery'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: DeliveryListQuery) {
    return this.deliveries.list(actor, ability, q);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tries a FAILED delivery again now (a new job with all its attempts); any other state is 409.' })
  @ApiOkResponse({ type: DeliveryView })
  @ApiProblems(404, 409)
  @CheckPolicies((a) => a.can('update', 'Delivery'))
  retry(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.deliveries.retry(actor, ability, id);
  }
}
