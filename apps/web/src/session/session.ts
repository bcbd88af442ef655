import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { queryOptions } from '@tanstack/react-query';
import { api, call, setCsrfToken } from '../api/client';
import type { components } from '../api/schema';

export type SessionUser = { id: string; email: string; name: string; role: Role; partnerId: string | null; tenantId: string; language?: 'nl-BE' | 'fr-BE' | null };
export type Role = 'admin' | 'chair' | 'casemanager' | 'member' | 'evaluator' | 'auditor';
export interface Session { user: SessionUser; csrfToken: string; idleTimeoutSeconds: number; expiresAt: string; mfaEnrolmentRequired?: boolean }

/** The same CASL rules the API decides with, sent to the signed-in user: the UI shows only what they allow. */
export type UiAbility = MongoAbility;
export const abilityFrom = (rules: RawRuleOf<MongoAbility>[]) => createMongoAbility(rules);

type Schemas = components['schemas'];
export type { Schemas };

const remember = (s: Session) => {
  setCsrfToken(s.csrfToken);
  return s;
};

/** `GET /api/auth/session`: the signed-in user after a reload, or null (401). */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<Session | null> => {
    const { data, response } = await api.GET('/api/auth/session');
    if (response.status === 401) {
      setCsrfToken(null);
      return null;
    }
    if (!response.ok || !data) throw { type: 'about:blank', title: response.statusText, status: response.status };
    return remember(data as Session);
  },
  staleTime: Infinity,
  retry: false,
});

export const abilityQuery = queryOptions({
  queryKey: ['session', 'abilities'],
  queryFn: async () => abilityFrom((await call(api.GET('/api/me/abilities'))).rules as RawRuleOf<MongoAbility>[]),
  staleTime: Infinity,
});

/** Sign-in; `tenantId` answers the API's 409 choose-tenant when the address has an account in several LIVCs. */
export async function signIn(email: string, password: string, tenantId?: string): Promise<Session> {
  return remember((await call(api.POST('/api/auth/session', { body: { email, password, ...(tenantId ? { tenantId } : {}) } }))) as Session);
}

/** The second step of a sign-in: a code of the app or a recovery code, with the challenge of the password step. */
export async function signInSecondStep(challenge: string, proof: { code: string } | { recoveryCode: string }): Promise<Session> {
  return remember((await call(api.POST('/api/auth/session/totp', { body: { challenge, ...proof } }))) as Session);
}

/** The challenge of a 401 `mfa-required` answer: the password was right, a second factor is to come. */
export function mfaChallenge(e: unknown): string | null {
  const p = e as { status?: number; type?: string; challenge?: string };
  return p?.status === 401 && p.type === 'urn:kernteam:problem:mfa-required' && typeof p.challenge === 'string' ? p.challenge : null;
}

/** The LIVCs a 409 choose-tenant answer lists (only after the password matched). */
export function tenantChoices(e: unknown): { id: string; name: string }[] | null {
  const p = e as { status?: number; type?: string; tenants?: { id: string; name: string }[] };
  return p?.status === 409 && p.type === 'urn:kernteam:problem:choose-tenant' && Array.isArray(p.tenants) ? p.tenants : null;
}

/**
 * Signs out; answers where the browser goes next: the identity provider's sign-out (a session that began there) or
 * null (the login page of this app).
 */
export async function signOut(): Promise<string | null> {
  const { data } = await api.POST('/api/auth/oidc/logout');
  if (!data) await api.DELETE('/api/auth/session');
  setCsrfToken(null);
  return data && data.redirectTo !== '/login' ? data.redirectTo : null;
}

