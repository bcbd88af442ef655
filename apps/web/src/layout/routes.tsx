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
    // A role the tenant requires a second factor for, none set up yet: the profile's enrolment comes before anything else.
    if (session.mfaEnrolmentRequired && location.pathname !== '/profile') throw redirect({ to: '/profile' });
    const ability = await context.queryClient.ensureQueryData(abilityQuery);
    return { session, ability };
  },
  component: AppLayout,
});
