import { INestApplication, LogLevel, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { answerClientErrors, bodyGuard, bodyParserErrors, ProblemFilter, requestTargetGuard, validationPipe } from '@kernteam/http';
import { readRuntimeConfig, requestScope } from '@kernteam/persistence';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi';
import { beforeProblem, endUnitBeforeReply } from './request-unit';
import { noStore, securityHeaders } from './security-headers';
import { serveWebUi } from './web-ui';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
export const logLevels = (level: string): LogLevel[] => LEVELS.slice(0, Math.max(1, LEVELS.indexOf(level as LogLevel) + 1));

/**
 * Builds the HTTP application exactly as production runs it; tests use the same function. `preview` builds the module
 * graph without creating any provider (no database, no queue): enough for the OpenAPI document, not for serving.
 */
export async function createApiApp(options: { preview?: boolean } = {}): Promise<INestApplication> {
  const cfg = readRuntimeConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: options.preview ? ['error'] : logLevels(cfg.logLevel), bodyParser: false, preview: options.preview,
  });
  app.set('trust proxy', cfg.trustProxy);
  app.disable('x-powered-by');
  // API answers are no-store: an ETag (a hash of every body) would never be used to revalidate one. Static files keep theirs.
  app.set('etag', false);
  // First, so that every answer carries them, also a body-parser refusal.
  app.use(securityHeaders);
  app.use('/api', noStore);
  // Bad input is refused at the edge, before anything reads it: an over-long address, NUL bytes, deep nesting.
  app.use(requestTargetGuard);
  app.useBodyParser('json', { limit: '1mb' });
  app.use(bodyParserErrors);
  app.use(bodyGuard);
  // From here on (the body is read) the request runs in a unit of work of its own: see request-unit.ts.
  app.use(requestScope);
  answerClientErrors(app.getHttpServer());
  // Closed by default: the web UI is served from the same origin; other origins must be listed.
  app.enableCors(cfg.corsOrigins.length ? { origin: cfg.corsOrigins, credentials: false } : { origin: false });
  serveWebUi(app, cfg.webDir);
  app.setGlobalPrefix('api', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemFilter(options.preview ? undefined : beforeProblem(app)));
  if (!options.preview) endUnitBeforeReply(app);
  // JSON only (the contract's format): no YAML copy, so js-yaml is never loaded (apps/api/src/unused-modules.ts).
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json', raw: ['json'] });
  return app;
}
