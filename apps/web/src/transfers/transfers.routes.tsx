import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../layout/routes';
import { TransferPage } from './TransferPage';

export const transferRoute = createRoute({ getParentRoute: () => appRoute, path: '/transfers/$id', component: TransferPage });

export const transfersRoutes = [transferRoute];
