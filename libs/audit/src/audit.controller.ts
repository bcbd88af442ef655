import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPagedResponse, ApiProblems } from '@kernteam/http';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { AccessLogQuery, AuditQuery } from './audit-query.dto';
import { AuditTrailService } from './audit-trail.service';
import { AccessLogEntryView, AuditActorView, AuditEventView, AuditVerifyView } from './audit.view';

@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrailService) {}

  /** Newest first, as every list: `{ items, total, page, pageSize }`. */
  @Get()
  @ApiPagedResponse(AuditEventView)
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'AuditEvent'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: AuditQuery) {
    return this.trail.list(actor, ability, q);
  }

  @Get('actors')
  @ApiOperation({ summary: 'Everyone who appears in the trail, by name and e-mail, to filter it by actor.' })
  @ApiOkResponse({ type: AuditActorView, isArray: true })
  @CheckPolicies((a) => a.can('read', 'AuditEvent'))
  actors(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility) {
    return this.trail.actors(actor, ability);
  }

  @Get('access-log')
  @ApiOperation({ summary: 'Who saw a dossier and when, found by its pseudonymous reference; no dossier content. Unknown reference: 404.' })
  @ApiPagedResponse(AccessLogEntryView)
  @ApiProblems(400, 404)
  @CheckPolicies((a) => a.can('read', 'AuditEvent'))
  accessLog(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: AccessLogQuery) {
    return this.trail.accessLog(actor, ability, q);
  }

  @Get('verify')
  @ApiOkResponse({ type: AuditVerifyView })
  @CheckPolicies((a) => a.can('verify', 'AuditEvent'))
  verify(@CurrentActor() actor: Actor) {
    return this.trail.verifyFor(actor);
  }
}
