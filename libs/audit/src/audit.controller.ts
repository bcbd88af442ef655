import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiPagedResponse, ApiProblems } from '@kernteam/http';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { AuditQuery } from './audit-query.dto';
import { AuditTrailService } from './audit-trail.service';
import { AuditEventView, AuditVerifyView } from './audit.view';

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

  @Get('verify')
  @ApiOkResponse({ type: AuditVerifyView })
  @CheckPolicies((a) => a.can('verify', 'AuditEvent'))
  verify(@CurrentActor() actor: Actor) {
    return this.trail.verifyFor(actor);
  }
}
