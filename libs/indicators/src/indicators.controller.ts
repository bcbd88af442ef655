import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor, CheckPolicies, CurrentActor } from '@kernteam/access';
import { ApiProblems, invalid, notFound } from '@kernteam/http';
import { INDICATOR_KEYS, indicatorBySlug, indicatorSlug } from './indicator-definitions';
import { IndicatorsQuery, parsePeriod, PeriodQuery } from './indicator.dto';
import { IndicatorsService } from './indicators.service';
import { IndicatorResult } from './indicator-result';

@ApiTags('indicators')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @ApiOperation({
    summary: 'Every computed indicator for a period (calendar dates, Europe/Brussels); ?by=municipality adds each municipality of a joint LIVC, ?municipality= restricts to one',
  })
  @ApiOkResponse({ type: [IndicatorResult] })
  @ApiProblems(400)
  @CheckPolicies((a) => a.can('read', 'Indicator'))
  all(@CurrentActor() actor: Actor, @Query() q: IndicatorsQuery) {
    if (q.by && q.municipality !== undefined) throw invalid([{ field: 'by', message: 'give either by or municipality' }]);
    return this.indicators.readAll(actor, parsePeriod(q), { by: q.by, municipality: q.municipality });
  }

  @Get(':indicator')
  @ApiOperation({ summary: 'One computed indicator, e.g. shared-agreements (DESIGN.md §5)' })
  @ApiParam({ name: 'indicator', enum: INDICATOR_KEYS.map(indicatorSlug) })
  @ApiOkResponse({ type: IndicatorResult })
  @ApiProblems(400, 404)
  @CheckPolicies((a) => a.can('read', 'Indicator'))
  one(@CurrentActor() actor: Actor, @Param('indicator') slug: string, @Query() q: PeriodQuery) {
    const key = indicatorBySlug(slug);
    if (!key) throw notFound('indicator');
    return this.indicators.read(actor, key, parsePeriod(q));
  }
}
