import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../layout/routes';
import { DossierListPage } from './DossierListPage';
import { DossierPage } from './DossierPage';
import { NewDossierPage } from './NewDossierPage';
import { parseDossierSearch } from './dossierSearch';

export const dossierListRoute = createRoute({ getParentRoute: () => appRoute, path: '/dossiers', validateSearch: parseDossierSearch, component: DossierListPage });
export const newDossierRoute = createRoute({ getParentRoute: () => appRoute, path: '/dossiers/new', component: NewDossierPage });
export const dossierRoute = createRoute({ getParentRoute: () => appRoute, path: '/dossiers/$id', component: DossierPage });

export const dossierRoutes = [dossierListRoute, newDossierRoute, dossierRoute];
