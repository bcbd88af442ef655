import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { prepareRuntime, readRuntimeConfig, runSchemaMigrations } from '@kernteam/persistence';
import { AuditTrailService } from '@kernteam/audit';
import { TenantsService } from '@kernteam/tenants';
import { printLogins, seedDemo } from '../../api/src/demo';
import { AppModule } from '../../api/src/app.module';
import { createApiApp } from '../../api/src/app.factory';
import { buildOpenApiDocument, renderOpenApi } from '../../api/src/openapi';
import { CliModule } from './cli.module';

const USAGE = `Usage:
  npm run cli -- bootstrap --tenant "<name>" --admin-email <email> --admin-password <password>
  npm run cli -- seed-demo
  npm run cli -- deployment-audit [--limit 100]
  node dist/apps/cli/src/main.js openapi [--out openapi.json]`;

/** Writes the API's OpenAPI document. A preview app: no provider runs, so no database or queue is needed. */
async function writeOpenApi(out: string): Promise<number> {
  const app = await createApiApp({ preview: true });
  try {
    writeFileSync(out, renderOpenApi(buildOpenApiDocument(app)));
    process.stdout.write(`wrote ${out}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/** The tenant-less audit rows (one JSON object a line, newest first) and whether their hash chain holds. */
async function deploymentAudit(limit: number): Promise<number> {
  const runtime = await prepareRuntime();
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const { items, chain } = await app.get(AuditTrailService).deploymentTrail(Math.min(Math.max(limit, 1), 10_000));
    for (const item of items) process.stdout.write(`${JSON.stringify(item)}\n`);
    process.stderr.write(`deployment audit chain: ${JSON.stringify(chain)}\n`);
    return 0;
  } finally {
    await app.close();
    await runtime.stop();
  }
}

/** Operator commands. Without DATABASE_URL they work on the embedded database (the running one, if `npm start` runs). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'openapi') {
    const { values } = parseArgs({ args: rest, options: { out: { type: 'string', default: 'openapi.json' } }, strict: true });
    return writeOpenApi(values.out!);
  }
  if (command === 'deployment-audit') {
    const { values } = parseArgs({ args: rest, options: { limit: { type: 'string', default: '100' } }, strict: true });
    return deploymentAudit(Number(values.limit) || 100);
  }
  if (command !== 'bootstrap' && command !== 'seed-demo') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { tenant: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-password': { type: 'string' } },
    strict: true,
  });
  if (command === 'bootstrap' && (!values.tenant || !values['admin-email'] || !values['admin-password'])) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const runtime = await prepareRuntime();
  if (readRuntimeConfig().migrationsRun) await runSchemaMigrations(runtime.databaseUrl);
  // The demo's case work goes through the API's own services, so seed-demo needs the API's modules.
  const app = await NestFactory.createApplicationContext(command === 'seed-demo' ? AppModule : CliModule, { logger: ['error', 'warn'] });
  try {
    if (command === 'bootstrap') {
      const r = await app.get(TenantsService).bootstrap(values.tenant!, values['admin-email']!, values['admin-password']!);
      process.stdout.write(r.created ? `tenant ${r.tenantId} ready; admin ${r.adminId} created\n` : `tenant ${r.tenantId} and admin ${r.adminId} already exist; nothing changed\n`);
    } else {
      const logins = await seedDemo(app);
      if (logins.length) printLogins(logins);
      else process.stdout.write('the demo tenant already exists; nothing changed\n');
    }
    return 0;
  } catch (e) {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await app.close();
    await runtime.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
