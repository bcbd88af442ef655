import { SESSION_COOKIE } from '@kernteam/auth';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const CONFIG = new DocumentBuilder()
  .setTitle('Kernteam API')
  .setDescription('Case management for a Belgian LIVC-R (kernteam radicalisering). Contract: shared/API.md.')
  .setVersion('1')
  .addBearerAuth()
  .addCookieAuth(SESSION_COOKIE)
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

/** The OpenAPI document of the app's routes, normalised: what `/api/docs-json` serves and `openapi.json` holds. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return normaliseOpenApi(SwaggerModule.createDocument(app, CONFIG, { operationIdFactory: operationId }));
}

/** The committed file's exact text, of a document as `buildOpenApiDocument` gives it: two-space JSON and a trailing newline. */
export const renderOpenApi = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
