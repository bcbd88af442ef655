import { createRoute } from '@tanstack/react-router';
import { appRoute, rootRoute } from '../layout/routes';
import { PasswordResetPage } from './PasswordResetPage';
import { ProfilePage } from './ProfilePage';

/** `/profile`: every signed-in user's own page. */
export const profileRoute = createRoute({ getParentRoute: () => appRoute, path: '/profile', component: ProfilePage });

/** `/password-reset?token=…`: public, outside the signed-in app (the one who opens it has no password yet). */
export const passwordResetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/password-reset',
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: typeof s.token === 'string' ? s.token : undefined }),
  component: PasswordResetPage,
});

export const profileRoutes = [profileRoute];
