import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../layout/routes';
import { AgreementPage } from './AgreementPage';
import { AgreementsPage } from './AgreementsPage';

export interface AgreementsSearch { state?: string; overdue?: 'true'; responsiblePartnerId?: string; page?: number }

const STATES = ['OPEN', 'IN_UITVOERING', 'UITGEVOERD', 'NIET_UITGEVOERD', 'VERVALLEN'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/agreements?state=&overdue=true&responsiblePartnerId=&page=`: the API's filter names. */
export const agreementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements',
  validateSearch: (s: Record<string, unknown>): AgreementsSearch => ({
    state: typeof s.state === 'string' && STATES.includes(s.state) ? s.state : undefined,
    overdue: s.overdue === 'true' || s.overdue === true ? 'true' : undefined,
    responsiblePartnerId: typeof s.responsiblePartnerId === 'string' && UUID.test(s.responsiblePartnerId) ? s.responsiblePartnerId : undefined,
    page: Number.isInteger(Number(s.page)) && Number(s.page) > 1 ? Number(s.page) : undefined,
  }),
  component: AgreementsPage,
});

export const agreementRoute = createRoute({ getParentRoute: () => appRoute, path: '/agreements/$id', component: AgreementPage });

export const agreementsRoutes = [agreementsRoute, agreementRoute];
