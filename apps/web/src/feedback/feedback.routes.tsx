import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../layout/routes';
import { FeedbackSheetPage } from './FeedbackSheetPage';

/** The page an approval-request e-mail links to; after sign-in the app route returns here. */
export const feedbackRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/feedback-sheets/$id', component: FeedbackSheetPage })];
