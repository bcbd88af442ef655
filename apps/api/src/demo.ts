import { INestApplicationContext, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlansService } from '@kernteam/plans';
import {
  DEMO_PARTNERS, DEMO_PARTNERS_OOST, DEMO_TENANT, DEMO_TENANT_OOST, DEMO_USERS, DEMO_USERS_OOST, DemoLogin, TenantsService,
} from '@kernteam/tenants';
import { seedDemoCasework, seedDemoOostCasework } from './demo-casework';

// Each demo user has a password of its own: a demo tenant is often left running, and one leaked line must not open
// every role (the admin and the auditor included).
const demoPassword = () => `demo-${randomBytes(12).toString('base64url')}`;

/**
 * Creates the demo tenant with one user per role and its SVPP plan (Gent plan change of 25 March 2016, Molenbeek LIVC
 * participation) and some fictitious case work; returns the new logins (none when it already existed). Idempotent.
 * Needs the API's modules (the CLI's `seed-demo` builds the same application context).
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoLogin[]> {
  const tenants = app.get(TenantsService);
  const { tenantId, logins } = await tenants.seedTenant(DEMO_TENANT, DEMO_PARTNERS, DEMO_USERS, demoPassword, { theme: 'gent', acceptsTransfers: true, mfaRequiredRoles: [] });
  await app.get(PlansService).seedDemoPlan(tenantId);
  await seedDemoCasework(app, tenantId);
  // A second LIVC of the same deployment with its own casemanager: to try a transfer and "known in another LIVC".
  const oost = await tenants.seedTenant(DEMO_TENANT_OOST, DEMO_PARTNERS_OOST, DEMO_USERS_OOST, demoPassword, { acceptsTransfers: true });
  await seedDemoOostCasework(app, oost.tenantId);
  return [...logins.map((l) => ({ ...l, tenant: DEMO_TENANT })), ...oost.logins.map((l) => ({ ...l, tenant: DEMO_TENANT_OOST }))];
}

export function printLogins(logins: DemoLogin[], file?: string): void {
  const lines: string[] = [];
  for (const tenant of [...new Set(logins.map((l) => l.tenant ?? DEMO_TENANT))]) {
    if (lines.length) lines.push('');
    lines.push(`Demo tenant "${tenant}": sign in with`);
    for (const l of logins.filter((x) => (x.tenant ?? DEMO_TENANT) === tenant)) lines.push(`  ${l.role.padEnd(12)} ${l.email.padEnd(34)} ${l.password}`);
  }
  // Printed once on purpose: these are the operator's own demo credentials, not personal data of a dossier.
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  if (file) {
    writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600); // `mode` applies only when the file is created
  }
}

/** First start: seeds and prints the logins. Later starts: says where they were kept (they are printed only once). */
export async function seedDemoIfEmpty(app: INestApplicationContext, dataDir: string): Promise<void> {
  const file = join(dataDir, 'demo-logins.txt');
  const logger = new Logger('Demo');
  if (!(await app.get(TenantsService).isEmpty())) {
    if (existsSync(file)) logger.log(`demo logins are kept in ${file} (readable by you only)`);
    return;
  }
  const logins = await seedDemo(app);
  printLogins(logins, file);
  logger.log(`demo logins kept in ${file} (readable by you only)`);
}
