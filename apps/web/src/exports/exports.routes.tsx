import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../layout/routes';
import { ExportsPage } from './ExportsPage';

export interface ExportsSearch { page?: number }

export const exportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/exports',
  validateSearch: (s: Record<string, unknown>): ExportsSearch => ({ page: Number.isInteger(Number(s.page)) && Number(s.page) > 1 ? Number(s.page) : undefined }),
  component: ExportsPage,
});

export const exportsRoutes = [exportsRoute];
