import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../layout/routes';
import { type IndicatorKey, isIndicatorKey } from './indicatorFormat';
import { IndicatorsPage } from './IndicatorsPage';
import { validatePeriodSearch } from './period';

export interface IndicatorsSearch { year?: number; indicator?: IndicatorKey; municipality?: string }

/** `/indicators?year=&indicator=&municipality=`: the year's indicators, one of them per quarter, and the breakdowns. */
export const indicatorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/indicators',
  validateSearch: (s: Record<string, unknown>): IndicatorsSearch => ({
    year: validatePeriodSearch(s).year,
    indicator: isIndicatorKey(s.indicator) ? s.indicator : undefined,
    municipality: typeof s.municipality === 'string' && s.municipality.trim() ? s.municipality.trim().slice(0, 200) : undefined,
  }),
  component: IndicatorsPage,
});

export const indicatorsRoutes = [indicatorsRoute];
