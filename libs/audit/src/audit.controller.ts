import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { AuditQuery } from './audit-query.dto';
import { AuditTrailService } from './audit-trail.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrailService) {}

  /** Newest first, as every list: `{ items, total, page, pageSize }`. */
  @Get()
  @CheckPolicies((a) => a.can('read', 'AuditEvent'))
  list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: AuditQuery) {
    return this.trail.list(actor, ability, q);
  }

  @Get('verify')
  @CheckPolicies((a) => a.can('verify', 'AuditEvent'))
  verify(@CurrentActor() actor: Actor) {
    return this.trail.verifyFor(actor);
  }
}
