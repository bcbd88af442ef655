import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../layout/routes';
import { AccessLogPage } from './AccessLogPage';
import { AuditTrailPage } from './AuditTrailPage';
import { parseAccessLogSearch, parseAuditSearch } from './auditSearch';

export const auditRoute = createRoute({ getParentRoute: () => appRoute, path: '/audit', validateSearch: parseAuditSearch, component: AuditTrailPage });
export const accessLogRoute = createRoute({ getParentRoute: () => appRoute, path: '/audit/access-log', validateSearch: parseAccessLogSearch, component: AccessLogPage });

export const auditRoutes = [auditRoute, accessLogRoute];
