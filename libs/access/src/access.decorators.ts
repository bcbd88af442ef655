import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AppAbility } from './ability';
import type { Actor } from './actor';

export const IS_PUBLIC = 'kernteam:public';
/** A route reachable without a token (login, health). Everything else needs one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const NOT_SESSION_ACTIVITY = 'kernteam:not-session-activity';
/**
 * A route whose calls do not keep a browser session alive (a long-lived event stream would otherwise keep it open
 * for ever): the session is checked, its idle clock is not reset.
 */
export const NotSessionActivity = () => SetMetadata(NOT_SESSION_ACTIVITY, true);

export type PolicyCheck = (ability: AppAbility) => boolean;
export const POLICY_CHECKS = 'kernteam:policies';
/** Route-level rule: a role that may never use the route gets 403 before any record is touched. */
export const CheckPolicies = (...checks: PolicyCheck[]) => SetMetadata(POLICY_CHECKS, checks);

/** The browser session a cookie-authenticated request runs in (absent for Bearer requests). */
export interface RequestSession {
  /** The session row's id (not the cookie value). */
  id: string;
  expiresAt: Date;
}

/** The entity type a route-level refusal is audited under (no id: the route was refused before any record was read). */
export const AUDIT_ENTITY = 'kernteam:audit-entity';
export const AuditEntity = (entityType: string) => SetMetadata(AUDIT_ENTITY, entityType);

export interface AuthenticatedRequest {
  actor?: Actor;
  ability?: AppAbility;
  session?: RequestSession;
  /**
   * Checks again, without counting as activity, that the caller's token or session and account are still valid
   * (for long-lived responses); null once they are not.
   */
  reauthenticate?: () => Promise<{ actor: Actor; ability: AppAbility } | null>;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.actor) throw new Error('CurrentActor used on a public route');
  return req.actor;
});

export const CurrentAbility = createParamDecorator((_: unknown, ctx: ExecutionContext): AppAbility => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.ability) throw new Error('CurrentAbility used on a public route');
  return req.ability;
});

export const ALLOWED_DURING_ENROLMENT = 'kernteam:allowed-during-mfa-enrolment';
/**
 * A route a user who still has to enrol a second factor may call (the session, the enrolment itself, who am I, my
 * abilities and the tenant settings the shell needs); every other route answers 403 `mfa-enrolment-required` for them.
 */
export const AllowedDuringEnrolment = () => SetMetadata(ALLOWED_DURING_ENROLMENT, true);
