import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@kernteam/http';
import type { Response } from 'express';
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

  /** Newest first. API.md gives a plain array; the total is in `X-Total-Count`, paging with `page`/`pageSize`. */
  @Get()
  @ApiOkResponse({ type: [AuditEventView], description: 'Newest first; the total is in X-Total-Count.', headers: { 'X-Total-Count': { description: 'Rows matching the filters', schema: { type: 'integer' } } } })
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'AuditEvent'))
  async list(@CurrentActor() actor: Actor, @CurrentAbility() ability: AppAbility, @Query() q: AuditQuery, @Res({ passthrough: true }) res: Response) {
    const { items, total } = await this.trail.list(actor, ability, q);
    res.setHeader('X-Total-Count', String(total));
    return items;
  }

  @Get('verify')
  @ApiOkResponse({ type: AuditVerifyView })
  @CheckPolicies((a) => a.can('verify', 'AuditEvent'))
  verify(@CurrentActor() actor: Actor) {
    return this.trail.verifyFor(actor);
  }
}
