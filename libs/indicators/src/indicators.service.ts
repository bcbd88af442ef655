import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { invalid } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { INDICATOR_KEYS, IndicatorKey } from './indicator-definitions';
import type { Period } from './indicator-math';
import { IndicatorResult, toResult } from './indicator-result';
import { IndicatorParams, indicatorQuery, IndicatorRow, JOINT_ONLY_INDICATORS } from './indicator.sql';

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

  /**
   * A joint LIVC: every indicator about dossiers for each municipality of the tenant's list, and for the dossiers that
   * name none (`municipality: null`, only when it counts anything). Numerators and denominators of the parts add up to
   * the total; meeting indicators (JOINT_ONLY_INDICATORS) belong to the whole LIVC and are not split.
   */
  async computeByMunicipality(em: EntityManager, tenantId: string, period: Period): Promise<{ municipality: string | null; results: IndicatorResult[] }[]> {
    const list = await this.municipalities(em, tenantId);
    const out: { municipality: string | null; results: IndicatorResult[] }[] = [];
    for (const m of [...list, null]) {
      const results: IndicatorResult[] = [];
      for (const key of INDICATOR_KEYS) {
        if (JOINT_ONLY_INDICATORS.includes(key)) continue;
        results.push(await this.compute(em, tenantId, key, period, { municipality: m ?? '' }));
      }
      if (m === null && results.every((r) => !r.numerator && !r.denominator)) continue;
      out.push({ municipality: m, results });
    }
    return out;
  }

  async municipalities(em: EntityManager, tenantId: string): Promise<string[]> {
    const [t]: { municipalities: string[] }[] = await em.query(`SELECT municipalities FROM tenants WHERE id = $1`, [tenantId]);
    return t?.municipalities ?? [];
  }

  /**
   * `GET /api/indicators`: every computed indicator, in one transaction (one consistent view of the data); with
   * `by: 'municipality'` also per municipality, with `municipality` only that municipality's dossiers (meeting
   * indicators stay those of the whole LIVC, marked TOTAL).
   */
  async readAll(actor: Actor, period: Period, opts: { by?: 'municipality'; municipality?: string } = {}): Promise<IndicatorResult[]> {
    return this.db.tx(actor, async (em) => {
      let results: IndicatorResult[];
      if (opts.municipality !== undefined) {
        const list = await this.municipalities(em, actor.tenantId);
        const name = list.find((m) => m.toLocaleLowerCase('nl-BE') === opts.municipality!.trim().toLocaleLowerCase('nl-BE'));
        if (!name) throw invalid([{ field: 'municipality', message: list.length ? `municipality must be one of ${list.join(', ')}` : 'this LIVC has no list of municipalities' }]);
        results = [];
        for (const key of INDICATOR_KEYS) {
          results.push(JOINT_ONLY_INDICATORS.includes(key)
            ? { ...(await this.compute(em, actor.tenantId, key, period)), scope: 'TOTAL', municipality: null }
            : { ...(await this.compute(em, actor.tenantId, key, period, { municipality: name })), scope: 'MUNICIPALITY', municipality: name });
        }
      } else {
        results = await this.computeAll(em, actor.tenantId, period);
        if (opts.by === 'municipality') {
          results = results.map((r) => ({ ...r, scope: 'TOTAL' as const, municipality: null }));
          for (const part of await this.computeByMunicipality(em, actor.tenantId, period)) {
            for (const r of part.results) {
              results.push({ ...r, scope: part.municipality === null ? 'NONE' : 'MUNICIPALITY', municipality: part.municipality });
            }
          }
        }
      }
      await this.audit.record(em, actor, 'indicator.read', null, {
        key: 'ALL', from: period.from, to: period.to, ...(opts.by ? { by: opts.by } : {}), ...(opts.municipality !== undefined ? { municipality: true } : {}),
      });
      return results;
    });
  }
}
