import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

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
      await em.query(`SELECT set_config('app.tenant_id', $1, true)`, [scope.tenantId]);
      return work(em);
    });
  }

  /** Work that is not tenant data (login lookup, health, relay): no tenant set, so tenant rows stay hidden under RLS. */
  async system<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT set_config('app.system', 'on', true)`);
      return work(em);
    });
  }
}
