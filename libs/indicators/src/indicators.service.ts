import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { TenantDb } from '@kernteam/persistence';
import { INDICATOR_KEYS, IndicatorKey } from './indicator-definitions';
import type { Period } from './indicator-math';
import { IndicatorResult, toResult } from './indicator-result';
import { IndicatorParams, indicatorQuery, IndicatorRow } from './indicator.sql';

/** The indicator engine: one SQL aggregate per indicator, per tenant and period (see indicator.sql.ts). */
@Injectable()
export class IndicatorsService {
  constructor(private readonly db: TenantDb, private readonly audit: AuditService) {}

  /** One indicator in the caller's transaction (a tenant transaction: row-level security applies). */
  async compute(em: EntityManager, tenantId: string, key: IndicatorKey, period: Period, params: IndicatorParams = {}): Promise<IndicatorResult> {
    const { sql, values } = indicatorQuery(key, tenantId, period, params);
    const [row] = (await em.query(sql, values)) as IndicatorRow[];
    return toResult(key, period, row);
  }

  /** Every computed indicator for a period, in the order of INDICATOR_KEYS. */
  async computeAll(em: EntityManager, tenantId: string, period: Period): Promise<IndicatorResult[]> {
    const results: IndicatorResult[] = [];
    for (const key of INDICATOR_KEYS) results.push(await this.compute(em, tenantId, key, period));
    return results;
  }

  /** `GET /api/indicators/:indicator`: one indicator for the caller's tenant; the read is audited (codes and dates only). */
  async read(actor: Actor, key: IndicatorKey, period: Period): Promise<IndicatorResult> {
    return this.db.tx(actor, async (em) => {
      const result = await this.compute(em, actor.tenantId, key, period);
      await this.audit.record(em, actor, 'indicator.read', null, { key, from: period.from, to: period.to });
      return result;
    });
  }

  /** `GET /api/indicators`: every computed indicator, in one transaction (one consistent view of the data). */
  async readAll(actor: Actor, period: Period): Promise<IndicatorResult[]> {
    return this.db.tx(actor, async (em) => {
      const results = await this.computeAll(em, actor.tenantId, period);
      await this.audit.record(em, actor, 'indicator.read', null, { key: 'ALL', from: period.from, to: period.to });
      return results;
    });
  }
}
