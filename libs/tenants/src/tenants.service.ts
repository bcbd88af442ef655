import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@kernteam/audit';
import { TenantDb } from '@kernteam/persistence';
import { hashPassword, isStrongPassword, MIN_PASSWORD_LENGTH, partnerTypeRefusal, Role, verifyPassword } from '@kernteam/users';
import type { PartnerType } from '@kernteam/partners';
import type { Theme } from './settings.dto';

export interface BootstrapResult { tenantId: string; adminId: string; created: boolean }

export interface SeedUser { email: string; name: string; role: Role; partner?: string }
export interface DemoLogin { email: string; role: Role; password: string; tenant?: string }

/** Tenant provisioning: the operator's bootstrap and the demo tenant. Runs outside any user's rights. */
@Injectable()
export class TenantsService {
  constructor(private readonly db: TenantDb, private readonly audit: AuditService) {}

  /** Creates the tenant and its first admin; with the same values again it changes nothing. */
  async bootstrap(tenantName: string, adminEmail: string, adminPassword: string): Promise<BootstrapResult> {
    if (!tenantName.trim()) throw new Error('--tenant must not be empty');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail)) throw new Error('--admin-email is not an e-mail address');
    if (adminPassword.length < MIN_PASSWORD_LENGTH) throw new Error(`--admin-password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    if (!isStrongPassword(adminPassword, [adminEmail, 'Functioneel beheerder', tenantName])) {
      throw new Error('--admin-password is too weak or too common (zxcvbn score below 3): choose a longer phrase unrelated to the address or the tenant');
    }
    return this.db.system(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('kernteam.bootstrap'))`);
      const [tenant] = await em.query(`SELECT id FROM tenants WHERE name = $1`, [tenantName.trim()]);
      // An address is unique per tenant: the same person may administer several LIVCs.
      const [user] = tenant
        ? await em.query(`SELECT id, role, password_hash FROM users WHERE tenant_id = $1 AND lower(email) = lower($2)`, [tenant.id, adminEmail])
        : [];
      if (user) {
        if (user.role !== 'admin') throw new Error('that e-mail address belongs to another account');
        if (!(await verifyPassword(user.password_hash, adminPassword))) throw new Error('the admin exists with another password; change it in the product');
        return { tenantId: tenant.id, adminId: user.id, created: false };
      }
      const tenantId = tenant?.id ?? (await em.query(`INSERT INTO tenants (name) VALUES ($1) RETURNING id`, [tenantName.trim()]))[0].id;
      await em.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const adminId = await this.insertUser(em, tenantId, { email: adminEmail, name: 'Functioneel beheerder', role: 'admin' }, null, adminPassword);
      await this.audit.append(em, { tenantId, actorId: null, action: 'tenant.bootstrap', entityType: 'User', entityId: adminId, outcome: 'ALLOWED', details: { tenantCreated: !tenant } });
      return { tenantId, adminId, created: true };
    });
  }

  /** Creates a tenant with partners and users when it does not exist yet; returns the logins it created. */
  async seedTenant(
    name: string,
    partners: { name: string; type: PartnerType }[],
    users: SeedUser[],
    password: (u: SeedUser) => string,
    settings: { theme?: Theme; mfaRequiredRoles?: Role[]; acceptsTransfers?: boolean } = {},
  ): Promise<{ tenantId: string; logins: DemoLogin[] }> {
    return this.db.system(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('kernteam.bootstrap'))`);
      const [existing] = await em.query(`SELECT id FROM tenants WHERE name = $1`, [name]);
      if (existing) return { tenantId: existing.id, logins: [] };
      // A seeded tenant (the demo, the tests' tenants) requires no second factor unless told: its users sign in with
      // a password only. A bootstrapped tenant gets the column's default (admin, auditor, casemanager, chair).
      const [{ id: tenantId }] = await em.query(
        `INSERT INTO tenants (name, theme, mfa_required_roles, accepts_transfers) VALUES ($1, coalesce($2, 'neutral'), $3::text[], $4) RETURNING id`,
        [name, settings.theme ?? null, settings.mfaRequiredRoles ?? [], settings.acceptsTransfers ?? false]);
      await em.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      for (const u of users) {
        const refusal = u.partner ? partnerTypeRefusal(u.role, partners.find((p) => p.name === u.partner)?.type ?? '') : null;
        if (refusal) throw new Error(`${u.email}: ${refusal}`);
      }
      const partnerIds = new Map<string, string>();
      for (const p of partners) {
        const [{ id }] = await em.query(`INSERT INTO partners (tenant_id, name, type) VALUES ($1, $2, $3) RETURNING id`, [tenantId, p.name, p.type]);
        partnerIds.set(p.name, id);
      }
      const logins: DemoLogin[] = [];
      for (const u of users) {
        const pw = password(u);
        if (!isStrongPassword(pw, [u.email, u.name, name])) throw new Error(`${u.email}: the seed password is too weak`);
        await this.insertUser(em, tenantId, u, u.partner ? partnerIds.get(u.partner)! : null, pw);
        logins.push({ email: u.email, role: u.role, password: pw });
      }
      await this.audit.append(em, { tenantId, actorId: null, action: 'tenant.seed', outcome: 'ALLOWED', details: { partners: partners.length, users: users.length } });
      return { tenantId, logins };
    });
  }

  async isEmpty(): Promise<boolean> {
    const [{ n }] = await this.db.system((em) => em.query(`SELECT count(*)::int AS n FROM tenants`));
    return n === 0;
  }

  private async insertUser(em: EntityManager, tenantId: string, u: SeedUser, partnerId: string | null, password: string): Promise<string> {
    const [{ id }] = await em.query(
      `INSERT INTO users (tenant_id, email, name, role, partner_id, password_hash) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [tenantId, u.email, u.name, u.role, partnerId, await hashPassword(password)],
    );
    return id;
  }
}
