import { IS_PUBLIC } from '@kernteam/access';
import { SESSION_COOKIE } from '@kernteam/auth';
import { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Every route but the public ones takes a Bearer token or the session cookie (the guard accepts either). */
const CONFIG = new DocumentBuilder()
  .setTitle('Kernteam API')
  .setDescription('Case management for a Belgian LIVC-R (kernteam radicalisering). Contract: shared/API.md.')
  .setVersion('1')
  .addBearerAuth()
  .addCookieAuth(SESSION_COOKIE)
  .addSecurityRequirements('bearer')
  .addSecurityRequirements('cookie')
  .build();

/** `DossiersController` + `list` → `dossiers_list`: stable, readable and unique (one controller per class name). */
export const operationId = (controllerKey: string, methodKey: string) => {
  const base = controllerKey.replace(/Controller$/, '');
  return `${base.charAt(0).toLowerCase()}${base.slice(1)}_${methodKey}`;
};

/** Every object's keys sorted (arrays keep their order), so the same routes always give the same bytes. */
export function normaliseOpenApi<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => normaliseOpenApi(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = normaliseOpenApi((value as Record<string, unknown>)[key]);
  return out as T;
}

/** The operationIds of the `@Public()` routes (sign-in, health), read from the same metadata the guard reads. */
function publicOperationIds(app: INestApplication): Set<string> {
  const reflector = new Reflector();
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as Type | undefined;
      if (!controller) continue;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const handler: unknown = key === 'constructor' ? undefined : controller.prototype[key];
        if (typeof handler !== 'function') continue;
        if (reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller])) ids.add(operationId(controller.name, key));
      }
    }
  }
  return ids;
}

/**
 * The document-level requirement (Bearer or cookie) holds for every operation: a public one says it needs nothing;
 * one that takes only the cookie (the browser session itself) keeps saying so; any other declaration (a controller's
 * `@ApiBearerAuth()`) is dropped, since the guard takes the cookie there too.
 */
function applySecurity(doc: OpenAPIObject, publicIds: Set<string>): OpenAPIObject {
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item) as { operationId?: string; security?: Record<string, string[]>[] }[]) {
      if (typeof op !== 'object' || !op || !('responses' in op)) continue;
      const cookieOnly = !!op.security?.length && op.security.every((r) => Object.keys(r).join() === 'cookie');
      if (op.operationId && publicIds.has(op.operationId)) op.security = [];
      else if (!cookieOnly) delete op.security;
    }
  }
  return doc;
}

/** The OpenAPI document of the app's routes, normalised: what `/api/docs-json` serves and `openapi.json` holds. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(app, CONFIG, { operationIdFactory: operationId });
  return normaliseOpenApi(applySecurity(doc, publicOperationIds(app)));
}

/** The committed file's exact text, of a document as `buildOpenApiDocument` gives it: two-space JSON and a trailing newline. */
export const renderOpenApi = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
