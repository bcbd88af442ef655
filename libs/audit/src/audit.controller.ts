import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, AppAbility, CheckPolicies, CurrentAbility, CurrentActor } from '@kernteam/access';
import { AuditQuery } from './audit-query.dto';
import { AuditTrailService } from './audit-trail.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrailService) {}

  /** Newest first. API.md gives a plain array; the total is in `X-Total-Count`, paging with `page`/`pageSize`. */
  @Get()
  @CheckPolicies((a) => a.can('read', 'AuditEvent'))
  async list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: AuditQuery, @Res({ passthrough: true }) res: Response) {
    const { items, total } = await this.trail.list(actor, ability, q);
    res.setHeader('X-Total-Count', String(total));
    return items;
  }

  @Get('verify')
  @CheckPolicies((a) => a.can('verify', 'AuditEvent'))
  verify(@CurrentActor() actor: Actor) {
    return this.trail.verifyFor(actor);
  }
}
