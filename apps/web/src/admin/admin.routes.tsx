import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../layout/routes';
import type { Role } from '../session/session';
import { IdentityProvidersAdminPage } from './IdentityProvidersAdminPage';
import { PartnersAdminPage } from './PartnersAdminPage';
import { ROLES } from './roles';
import { SettingsAdminPage } from './SettingsAdminPage';
import { UsersAdminPage } from './UsersAdminPage';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `active` is a boolean here so the router writes it as `active=false` (a string 'false' would be quoted). */
export interface UsersSearch { role?: Role; partnerId?: string; active?: boolean; page?: number }

/** `/admin/users?role=&partnerId=&active=&page=`: the filters of `GET /api/users`, under its names. */
export const usersAdminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users',
  validateSearch: (s: Record<string, unknown>): UsersSearch => ({
    role: typeof s.role === 'string' && (ROLES as string[]).includes(s.role) ? (s.role as Role) : undefined,
    partnerId: typeof s.partnerId === 'string' && UUID.test(s.partnerId) ? s.partnerId : undefined,
    active: s.active === 'true' || s.active === true ? true : s.active === 'false' || s.active === false ? false : undefined,
    page: Number.isInteger(Number(s.page)) && Number(s.page) > 1 ? Number(s.page) : undefined,
  }),
  component: UsersAdminPage,
});

export const partnersAdminRoute = createRoute({ getParentRoute: () => appRoute, path: '/admin/partners', component: PartnersAdminPage });
export const settingsAdminRoute = createRoute({ getParentRoute: () => appRoute, path: '/admin/settings', component: SettingsAdminPage });

export const identityProvidersAdminRoute = createRoute({ getParentRoute: () => appRoute, path: '/admin/identity-providers', component: IdentityProvidersAdminPage });

export const adminRoutes = [usersAdminRoute, partnersAdminRoute, settingsAdminRoute, identityProvidersAdminRoute];
