import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { domainRule, invalid, staleVersion } from '@kernteam/http';
import { lockTenantInvariants, TenantDb } from '@kernteam/persistence';
import { Language, SettingsView, Theme, UpdateSettingsDto } from './settings.dto';
import { standingPartnersSql } from './standing-partners';

@Injectable()
export class SettingsService {
  constructor(private readonly db: TenantDb, private readonly audit: AuditService) {}

  async get(actor: Actor): Promise<SettingsView> {
    return this.db.tx(actor, (em) => this.read(em, actor.tenantId));
  }

  async update(actor: Actor, dto: UpdateSettingsDto): Promise<SettingsView> {
    return this.db.tx(actor, async (em) => {
      // A standing partner must be active: a parallel partner deactivation waits for this (and this for it).
      await lockTenantInvariants(em, actor.tenantId);
      const current = await this.read(em, actor.tenantId);
      if (dto.version !== current.version) throw staleVersion();
      let standing: string[] | null | undefined = dto.standingPartnerIds;
      if (standing) {
        standing = [...new Set(standing.map((p) => p.toLowerCase()))];
        const rows: { id: string; active: boolean }[] = standing.length
          ? await em.query(`SELECT id, active FROM partners WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [actor.tenantId, standing])
          : [];
        if (rows.length !== standing.length) throw invalid([{ field: 'standingPartnerIds', message: 'standingPartnerIds names a partner that does not exist in this tenant' }]);
        if (rows.some((r) => !r.active)) throw domainRule('A standing partner must be an active partner.', [{ field: 'standingPartnerIds', message: 'partner is inactive' }]);
      }
      if (dto.name !== undefined && !dto.name.trim()) throw invalid([{ field: 'name', message: 'name must not be blank' }]);
      const [rows]: [{ version: number }[], number] = await em.query(
        `UPDATE tenants SET name = $2, default_language = $3, theme = $4,
                standing_partner_ids = CASE WHEN $5::boolean THEN $6::uuid[] ELSE standing_partner_ids END,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $7 RETURNING version`,
        [actor.tenantId, dto.name?.trim() ?? current.name, dto.defaultLanguage ?? current.defaultLanguage, dto.theme ?? current.theme,
          standing !== undefined, standing ?? null, dto.version],
      );
      if (rows.length !== 1) throw staleVersion();
      const fields = Object.entries(dto).filter(([k, v]) => k !== 'version' && v !== undefined).map(([k]) => k);
      await this.audit.record(em, actor, 'settings.update', { type: 'Tenant', id: actor.tenantId }, { fields: fields.join(',') });
      return this.read(em, actor.tenantId);
    });
  }

  private async read(em: EntityManager, tenantId: string): Promise<SettingsView> {
    const [t]: { name: string; default_language: Language; theme: Theme; version: number; chosen: boolean; standing: string[] }[] = await em.query(
      `SELECT t.name, t.default_language, t.theme, t.version, t.standing_partner_ids IS NOT NULL AS chosen,
              ARRAY(SELECT s.id FROM (${standingPartnersSql('t.id')}) s ORDER BY s.id) AS standing
         FROM tenants t WHERE t.id = $1`,
      [tenantId],
    );
    return {
      name: t.name, standingPartnerIds: t.standing, standingPartnersDefault: !t.chosen, defaultLanguage: t.default_language, theme: t.theme,
      version: Number(t.version),
    };
  }
}
