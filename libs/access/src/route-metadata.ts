import type { ExecutionContext, Type } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ALLOWED_DURING_ENROLMENT, AUDIT_ENTITY, IS_PUBLIC, NOT_SESSION_ACTIVITY, POLICY_CHECKS, PolicyCheck } from './access.decorators';

/** What the guards read of a route's decorators (handler over class, as `Reflector.getAllAndOverride`). */
export interface RouteMetadata {
  isPublic: boolean;
  notSessionActivity: boolean;
  allowedDuringEnrolment: boolean;
  policyChecks: readonly PolicyCheck[];
  auditEntity: string | undefined;
}

// Per controller class, per handler: decorators are fixed once the app is built.
const KEPT = new WeakMap<Type<unknown>, WeakMap<object, RouteMetadata>>();

/**
 * The route's metadata, read once per route and kept: every request passes both guards, and the five reflection reads
 * (two targets each, down the prototype chains of reflect-metadata's maps) cost about 10 µs a request (issue 12).
 */
export function routeMetadata(reflector: Reflector, context: ExecutionContext): RouteMetadata {
  const handler = context.getHandler();
  const cls = context.getClass();
  let byHandler = KEPT.get(cls);
  if (!byHandler) KEPT.set(cls, (byHandler = new WeakMap()));
  let meta = byHandler.get(handler);
  if (!meta) {
    const targets = [handler, cls];
    meta = {
      isPublic: Boolean(reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)),
      notSessionActivity: Boolean(reflector.getAllAndOverride<boolean>(NOT_SESSION_ACTIVITY, targets)),
      allowedDuringEnrolment: Boolean(reflector.getAllAndOverride<boolean>(ALLOWED_DURING_ENROLMENT, targets)),
      policyChecks: reflector.getAllAndOverride<PolicyCheck[] | undefined>(POLICY_CHECKS, targets) ?? [],
      auditEntity: reflector.getAllAndOverride<string | undefined>(AUDIT_ENTITY, targets),
    };
    byHandler.set(handler, meta);
  }
  return meta;
}
