import type { QueryClient } from '@tanstack/react-query';
import { createRoute, createRouter } from '@tanstack/react-router';
import { agreementsRoutes } from './agreements/agreements.routes';
import { auditRoutes } from './audit/audit.routes';
import { transfersRoutes } from './transfers/transfers.routes';
import { feedbackRoutes } from './feedback/feedback.routes';
import { dossierRoutes } from './dossiers/dossiers.routes';
import { homeRoutes } from './home/home.routes';
import { meetingsRoutes } from './meetings/meetings.routes';
import { plansRoutes } from './plans/plans.routes';
import { indicatorsRoutes } from './indicators/indicators.routes';
import { exportsRoutes } from './exports/exports.routes';
import { adminRoutes } from './admin/admin.routes';
import { passwordResetRoute, profileRoutes } from './profile/profile.routes';
import { appRoute, rootRoute } from './layout/routes';
import { LoginPage } from './session/LoginPage';
import { NotFound } from './layout/NotFound';

/** Why the login page is shown; `oidc-*` come from the identity-provider callback. */
const LOGIN_REASONS = ['expired', 'signedOut', 'passwordSet', 'oidc-refused', 'oidc-failed'] as const;
type LoginReason = (typeof LOGIN_REASONS)[number];

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (s: Record<string, unknown>): { redirect?: string; reason?: LoginReason; tenant?: string } => ({
    redirect: typeof s.redirect === 'string' ? s.redirect : undefined,
    reason: (LOGIN_REASONS as readonly unknown[]).includes(s.reason) ? (s.reason as LoginReason) : undefined,
    // `?tenant=<id>`: the LIVC whose identity-provider buttons to show (a link the admin hands out).
    tenant: typeof s.tenant === 'string' && /^[0-9a-f-]{36}$/i.test(s.tenant) ? s.tenant : undefined,
  }),
  component: LoginPage,
});

/** The route tree of UI.md. Each domain folder declares its own routes under the signed-in app route. */
const routeTree = rootRoute.addChildren([
  loginRoute,
  passwordResetRoute,
  appRoute.addChildren([...homeRoutes, ...dossierRoutes, ...meetingsRoutes, ...agreementsRoutes, ...feedbackRoutes, ...plansRoutes, ...indicatorsRoutes, ...exportsRoutes, ...adminRoutes, ...profileRoutes, ...auditRoutes, ...transfersRoutes]),
]);

export const createAppRouter = (queryClient: QueryClient) =>
  createRouter({ routeTree, context: { queryClient }, defaultPreload: false, defaultNotFoundComponent: NotFound, scrollRestoration: false });

declare module '@tanstack/react-router' {
  interface Register { router: ReturnType<typeof createAppRouter> }
}
