import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { ApiPagedResponse, ApiProblems, IdPipe } from '@kernteam/http';
import { NotificationListQuery } from './notification.dto';
import { NotificationsService } from './notifications.service';
import { NotificationsReadView, NotificationView } from './notification.view';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's own notifications, unread first, newest first; each with its text in nl-BE and fr-BE." })
  @ApiPagedResponse(NotificationView)
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'Notification'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: NotificationListQuery) {
    return this.notifications.list(actor, ability, q);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks all of the caller\'s unread notifications read.' })
  @ApiOkResponse({ type: NotificationsReadView })
  @CheckPolicies((a) => a.can('update', 'Notification'))
  markAllRead(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility) {
    return this.notifications.markAllRead(actor, ability);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks one of the caller\'s notifications read; someone else\'s is 404.' })
  @ApiOkResponse({ type: NotificationView })
  @ApiProblems(404)
  @CheckPolicies((a) => a.can('update', 'Notification'))
  markRead(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Param('id', IdPipe) id: string) {
    return this.notifications.markRead(actor, ability, id);
  }
}
