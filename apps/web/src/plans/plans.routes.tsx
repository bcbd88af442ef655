import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../layout/routes';
import { type PeriodSearch, validatePeriodSearch } from '../indicators/period';
import { PlanPage } from './PlanPage';
import { PlansPage } from './PlansPage';

export const plansRoute = createRoute({ getParentRoute: () => appRoute, path: '/plans', component: PlansPage });

/** `/plans/:id?year=` or `?from=&to=`: the plan tree with each indicator's figures for that period. */
export const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/$id',
  validateSearch: (s: Record<string, unknown>): PeriodSearch => validatePeriodSearch(s),
  component: PlanPage,
});

export const plansRoutes = [plansRoute, planRoute];
