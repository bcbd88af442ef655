import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { domainRule, invalid, staleVersion } from '@kernteam/http';
import { lockTenantInvariants, TenantDb } from '@kernteam/persistence';
import { ROLES, Role } from '@kernteam/users';
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
      let municipalities: string[] | undefined;
      if (dto.municipalities) {
        municipalities = dto.municipalities.map((m) => m.trim().replace(/\s+/g, ' '));
        if (municipalities.some((m) => !m)) throw invalid([{ field: 'municipalities', message: 'a municipality name must not be blank' }]);
        const seen = new Set<string>();
        for (const m of municipalities) {
          if (seen.has(m.toLocaleLowerCase('nl-BE'))) throw invalid([{ field: 'municipalities', message: `municipality ${m} is named twice` }]);
          seen.add(m.toLocaleLowerCase('nl-BE'));
        }
        // A municipality that dossiers name stays in the list: their figures must stay reportable.
        const used: { municipality: string }[] = await em.query(
          `SELECT DISTINCT municipality FROM dossiers WHERE tenant_id = $1 AND municipality IS NOT NULL AND NOT (municipality = ANY($2::text[]))`,
          [actor.tenantId, municipalities],
        );
        if (used.length) {
          throw domainRule('A municipality that dossiers name cannot be removed from the list.', [{ field: 'municipalities', message: `dossiers name ${used.map((u) => u.municipality).join(', ')}` }]);
        }
      }
      if (dto.name !== undefined && !dto.name.trim()) throw invalid([{ field: 'name', message: 'name must not be blank' }]);
      const [rows]: [{ version: number }[], number] = await em.query(
        `UPDATE tenants SET name = $2, default_language = $3, theme = $4, mfa_required_roles = $9::text[], accepts_transfers = coalesce($10, accepts_transfers), grants_need_second_approval = coalesce($11, grants_need_second_approval),
                standing_partner_ids = CASE WHEN $5::boolean THEN $6::uuid[] ELSE standing_partner_ids END,
                municipalities = $8::text[], version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $7 RETURNING version`,
        [actor.tenantId, dto.name?.trim() ?? current.name, dto.defaultLanguage ?? current.defaultLanguage, dto.theme ?? current.theme,
          standing !== undefined, standing ?? null, dto.version, municipalities ?? current.municipalities,
          dto.mfaRequiredRoles ? ROLES.filter((r) => dto.mfaRequiredRoles!.includes(r)) : current.mfaRequiredRoles, dto.acceptsTransfers ?? null, dto.grantsNeedSecondApproval ?? null],
      );
      if (rows.length !== 1) throw staleVersion();
      const fields = Object.entries(dto).filter(([k, v]) => k !== 'version' && v !== undefined).map(([k]) => k);
      await this.audit.record(em, actor, 'settings.update', { type: 'Tenant', id: actor.tenantId }, { fields: fields.join(',') });
      return this.read(em, actor.tenantId);
    });
  }

  /** The tenant's municipalities (a joint LIVC has more than one), in the caller's transaction. */
  async municipalities(em: EntityManager, tenantId: string): Promise<string[]> {
    const [t]: { municipalities: string[] }[] = await em.query(`SELECT municipalities FROM tenants WHERE id = $1`, [tenantId]);
    return t?.municipalities ?? [];
  }

  private async read(em: EntityManager, tenantId: string): Promise<SettingsView> {
    const [t]: { name: string; default_language: Language; theme: Theme; version: number; chosen: boolean; standing: string[]; municipalities: string[]; mfa: Role[]; accepts_transfers: boolean; grants_need_second_approval: boolean }[] = await em.query(
      `SELECT t.name, t.default_language, t.theme, t.version, t.municipalities, t.mfa_required_roles AS mfa, t.accepts_transfers, t.grants_need_second_approval, t.standing_partner_ids IS NOT NULL AS chosen,
              ARRAY(SELECT s.id FROM (${standingPartnersSql('t.id')}) s ORDER BY s.id) AS standing
         FROM tenants t WHERE t.id = $1`,
      [tenantId],
    );
    return {
      name: t.name, standingPartnerIds: t.standing, standingPartnersDefault: !t.chosen, defaultLanguage: t.default_language, theme: t.theme, acceptsTransfers: t.accepts_transfers, grantsNeedSecondApproval: t.grants_need_second_approval,
      municipalities: t.municipalities, mfaRequiredRoles: ROLES.filter((r) => t.mfa.includes(r)), version: Number(t.version),
    };
  }
}
