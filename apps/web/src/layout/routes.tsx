import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, Outlet, redirect } from '@tanstack/react-router';
import { abilityQuery, sessionQuery } from '../session/session';
import { AppLayout } from './AppLayout';

export interface RouterContext { queryClient: QueryClient }

export const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Outlet });

/**
 * Every signed-in page lives under this route: it needs a session (else to `/login`, and back here afterwards) and
 * gives its children the user and the CASL ability built from the API's own rules.
 */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: '/login', search: { redirect: location.href } });
    const ability = await context.queryClient.ensureQueryData(abilityQuery);
    return { session, ability };
  },
  component: AppLayout,
});
