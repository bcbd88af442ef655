import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor, CheckPolicies, CurrentActor } from '@kernteam/access';
import { notFound } from '@kernteam/http';
import { INDICATOR_KEYS, indicatorBySlug, indicatorSlug } from './indicator-definitions';
import { parsePeriod, PeriodQuery } from './indicator.dto';
import { IndicatorsService } from './indicators.service';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @ApiOperation({ summary: 'Every computed indicator for a period (calendar dates, Europe/Brussels)' })
  @CheckPolicies((a) => a.can('read', 'Indicator'))
  all(@CurrentActor() actor: Actor, @Query() q: PeriodQuery) {
    return this.indicators.readAll(actor, parsePeriod(q));
  }

  @Get(':indicator')
  @ApiOperation({ summary: 'One computed indicator, e.g. shared-agreements (DESIGN.md §5)' })
  @ApiParam({ name: 'indicator', enum: INDICATOR_KEYS.map(indicatorSlug) })
  @CheckPolicies((a) => a.can('read', 'Indicator'))
  one(@CurrentActor() actor: Actor, @Param('indicator') slug: string, @Query() q: PeriodQuery) {
    const key = indicatorBySlug(slug);
    if (!key) throw notFound('indicator');
    return this.indicators.read(actor, key, parsePeriod(q));
  }
}
