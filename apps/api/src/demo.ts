import { INestApplicationContext, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlansService } from '@kernteam/plans';
import { DEMO_PARTNERS, DEMO_TENANT, DEMO_USERS, DemoLogin, TenantsService } from '@kernteam/tenants';
import { seedDemoCasework } from './demo-casework';

const demoPassword = () => process.env.DEMO_PASSWORD || `demo-${randomBytes(9).toString('base64url')}`;

/**
 * Creates the demo tenant with one user per role and its SVPP plan (Gent plan change of 25 March 2016, Molenbeek LIVC
 * participation) and some fictitious case work; returns the new logins (none when it already existed). Idempotent.
 * Needs the API's modules (the CLI's `seed-demo` builds the same application context).
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoLogin[]> {
  const shared = demoPassword(); // one password for the whole demo tenant, easy to try every role
  const { tenantId, logins } = await app.get(TenantsService).seedTenant(DEMO_TENANT, DEMO_PARTNERS, DEMO_USERS, () => shared, { theme: 'gent' });
  await app.get(PlansService).seedDemoPlan(tenantId);
  await seedDemoCasework(app, tenantId);
  return logins;
}

export function printLogins(logins: DemoLogin[], file?: string): void {
  const lines = [`Demo tenant "${DEMO_TENANT}": sign in with`, ...logins.map((l) => `  ${l.role.padEnd(12)} ${l.email.padEnd(32)} ${l.password}`)];
  // Printed once on purpose: these are the operator's own demo credentials, not personal data of a dossier.
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  if (file) writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
}

export async function seedDemoIfEmpty(app: INestApplicationContext, dataDir: string): Promise<void> {
  if (!(await app.get(TenantsService).isEmpty())) return;
  const logins = await seedDemo(app);
  const file = join(dataDir, 'demo-logins.txt');
  printLogins(logins, file);
  new Logger('Demo').log(`demo logins kept in ${file}`);
}
