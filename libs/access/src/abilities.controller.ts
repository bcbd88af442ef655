import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@kernteam/http';
import type { AppAbility } from './ability';
import { AllowedDuringEnrolment, CurrentAbility } from './access.decorators';

export class AbilityRuleView {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }) action: string | string[];
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }) subject: string | string[];
  @ApiProperty({ required: false, type: Object, additionalProperties: true }) conditions?: Record<string, unknown>;
  @ApiProperty({ required: false }) inverted?: boolean;
  @ApiProperty({ required: false, type: [String] }) fields?: string[];
}

export class AbilitiesView {
  @ApiProperty({ type: [AbilityRuleView] }) rules: AbilityRuleView[];
}

/**
 * The caller's own CASL rules, exactly those the API decides with. The web UI builds the same ability from them, so
 * it offers only what the rules allow (no link to a page that would answer 403). They describe the caller's rights
 * only (their role, partner and id), nothing about other users.
 */
@ApiTags('auth')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('me')
export class AbilitiesController {
  @Get('abilities')
  @AllowedDuringEnrolment()
  @ApiOkResponse({ type: AbilitiesView })
  abilities(@CurrentAbility() ability: AppAbility): AbilitiesView {
    return { rules: ability.rules as AbilityRuleView[] };
  }
}
