import { useQueryClient } from '@tanstack/react-query';
import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryHooks from 'openapi-react-query';
import type { paths } from './schema';

/**
 * The one way the UI talks to the API: typed by `schema.d.ts`, generated from the committed `openapi.json`.
 * The browser is signed in by an httpOnly session cookie; scripts never see it. Writes carry the session's CSRF token,
 * which lives only in this module's memory (a reload fetches it again from `GET /api/auth/session`).
 */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

type Listener = (expiresAt: string) => void;
const activityListeners = new Set<Listener>();
/** Every signed-in response says when the session will end if nothing else happens. */
export const onSessionActivity = (l: Listener) => {
  activityListeners.add(l);
  return () => void activityListeners.delete(l);
};

let unauthenticatedHandler: (() => void) | null = null;
/** Called on a 401 from any route but the session's own: the session ended (idle, signed out elsewhere, deactivated). */
export const onUnauthenticated = (h: () => void) => {
  unauthenticatedHandler = h;
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const session: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !SAFE.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    const expiresAt = response.headers.get('X-Session-Expires-At');
    if (expiresAt) for (const l of activityListeners) l(expiresAt);
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/api/auth/')) unauthenticatedHandler?.();
    return response;
  },
};

export const api = createFetchClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);

/** Generated data hooks: `$api.useQuery('get', '/api/dossiers/{id}', { params: { path: { id } } })`. */
export const $api = createQueryHooks(api);

/** After a write: a function that has every cached GET of `path` (whatever its parameters) read again. */
export function useRefetch(path: keyof paths): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['get', path] });
}

/** Unwraps an openapi-fetch result: the data, or the problem thrown (so react-query and forms see it). */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (error !== undefined || !response.ok) throw error ?? { type: 'about:blank', title: response.statusText, status: response.status };
  return data as T;
}
