import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Kept in step with migrations/support/tenant-rls.ts. */
export const APP_ROLE = 'kernteam_app';

/** The tenant a unit of work runs for; every query in it is scoped to this tenant. */
export interface TenantScope {
  tenantId: string;
}

/**
 * The one way to touch tenant data: a transaction that first records its tenant in the session
 * (`app.tenant_id`, read by the row-level security policies), so a query that forgets its tenant filter
 * still sees nothing of another tenant.
 */
@Injectable()
export class TenantDb {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async tx<T>(scope: TenantScope, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      // Both revert at the end of the transaction, so a pooled connection carries nothing over.
      await em.query(`SET LOCAL ROLE ${APP_ROLE}`);
      await em.query(`SELECT set_config('app.tenant_id', $1, true)`, [scope.tenantId]);
      return work(em);
    });
  }

  /**
   * Work across tenants that no user request does: sign-in lookup by e-mail, the outbox relay, provisioning,
   * scheduled jobs. It runs as the connecting (owning) role, which row-level security does not restrict.
   */
  async system<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

/**
 * Serialises, per tenant, the writes that keep an "at least one" rule (an active admin; a partner a user or a standing
 * seat relies on is active): a transaction-scoped advisory lock taken before the rule is checked, so two requests
 * cannot both see the other's row still there and both remove it. Released at commit or rollback.
 */
export async function lockTenantInvariants(em: EntityManager, tenantId: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('kernteam:tenant-invariants:' || $1, 0))`, [tenantId]);
}
