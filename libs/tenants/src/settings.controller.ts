import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CheckPolicies, CurrentActor } from '@kernteam/access';
import { ApiProblems } from '@kernteam/http';
import { SettingsView, UpdateSettingsDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The settings of the caller\'s tenant (LIVC): name, standing partners, default language, theme.' })
  @ApiOkResponse({ type: SettingsView })
  @CheckPolicies((a) => a.can('read', 'Settings'))
  get(@CurrentActor() actor: Actor): Promise<SettingsView> {
    return this.settings.get(actor);
  }

  @Patch()
  @ApiOperation({ summary: 'Changes the tenant settings (admin); version-guarded, audited. standingPartnerIds null = the default set.' })
  @ApiOkResponse({ type: SettingsView })
  @ApiProblems(400, 409, 422)
  @CheckPolicies((a) => a.can('update', 'Settings'))
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateSettingsDto): Promise<SettingsView> {
    return this.settings.update(actor, dto);
  }
}
