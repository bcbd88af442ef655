import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../layout/routes';
import { HomePage } from './HomePage';

export const homeRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage })];
