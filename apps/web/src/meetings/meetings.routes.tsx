import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../layout/routes';
import { MeetingModePage } from './MeetingModePage';
import { MeetingPage } from './MeetingPage';
import { MeetingsPage } from './MeetingsPage';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (v: unknown) => (typeof v === 'string' && DATE.test(v) ? v : undefined);

export interface MeetingsSearch { view?: 'past'; from?: string; to?: string; page?: number }

/** `/meetings?view=past&from=&to=&page=`: filters named like the API's, so a list can be bookmarked and restored. */
export const meetingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings',
  validateSearch: (s: Record<string, unknown>): MeetingsSearch => ({
    view: s.view === 'past' ? 'past' : undefined,
    from: date(s.from),
    to: date(s.to),
    page: Number.isInteger(Number(s.page)) && Number(s.page) > 1 ? Number(s.page) : undefined,
  }),
  component: MeetingsPage,
});

export const meetingRoute = createRoute({ getParentRoute: () => appRoute, path: '/meetings/$id', component: MeetingPage });

export const meetingModeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$id/zitting',
  // `?item=<agenda item id>` keeps the item shown, so a reload (or a link from the "missing" list) lands on it.
  validateSearch: (s: Record<string, unknown>): { item?: string } => ({ item: typeof s.item === 'string' ? s.item : undefined }),
  component: MeetingModePage,
});

export const meetingsRoutes = [meetingsRoute, meetingRoute, meetingModeRoute];
