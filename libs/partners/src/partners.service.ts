import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { abilityToSqlWhere, Actor, AppAbility, as } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { conflict, domainRule, notFound, staleVersion } from '@kernteam/http';
import { lockTenantInvariants, TenantDb } from '@kernteam/persistence';
import { CreatePartnerDto, PartnerView, UpdatePartnerDto } from './partner.dto';
import { Partner } from './partner.entity';

const view = (p: Partner): PartnerView => ({ id: p.id, name: p.name, type: p.type, active: p.active, version: p.version });
const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

@Injectable()
export class PartnersService {
  constructor(private readonly db: TenantDb, private readonly audit: AuditService) {}

  async list(actor: Actor, ability: AppAbility): Promise<PartnerView[]> {
    const where = abilityToSqlWhere(ability, 'read', 'Partner', { tenantId: 'p.tenant_id', id: 'p.id' });
    return this.db.tx(actor, async (em) =>
      (await em.getRepository(Partner).createQueryBuilder('p').where(where.sql, where.params).orderBy('p.name').getMany()).map(view),
    );
  }

  async create(actor: Actor, dto: CreatePartnerDto): Promise<PartnerView> {
    try {
      return await this.db.tx(actor, async (em) => {
        const [row] = await em.query(`INSERT INTO partners (tenant_id, name, type) VALUES ($1, $2, $3) RETURNING id`, [actor.tenantId, dto.name.trim(), dto.type]);
        await this.audit.record(em, actor, 'partner.create', { type: 'Partner', id: row.id }, { type: dto.type });
        return view(await em.getRepository(Partner).findOneByOrFail({ id: row.id }));
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('A partner with this name already exists.');
      throw e;
    }
  }

  async update(actor: Actor, ability: AppAbility, id: string, dto: UpdatePartnerDto): Promise<PartnerView> {
    try {
      return await this.db.tx(actor, async (em) => {
        await lockTenantInvariants(em, actor.tenantId);
        const partner = await em.getRepository(Partner).findOneBy({ id, tenantId: actor.tenantId });
        if (!partner || !ability.can('read', as('Partner', partner))) throw notFound('partner');
        if (dto.version !== undefined && dto.version !== partner.version) throw staleVersion();
        await this.checkRelyingOn(em, actor.tenantId, partner, dto);
        const res = await em.query(
          `UPDATE partners SET name = $3, type = $4, active = $5, version = version + 1, updated_at = now()
            WHERE id = $1 AND tenant_id = $2 AND version = $6 RETURNING id`,
          [id, actor.tenantId, dto.name?.trim() ?? partner.name, dto.type ?? partner.type, dto.active ?? partner.active, partner.version],
        );
        if (!res[0]?.length) throw staleVersion();
        await this.audit.record(em, actor, 'partner.update', { type: 'Partner', id: id }, { fields: Object.keys(dto).filter((k) => k !== 'version').join(',') });
        return view(await em.getRepository(Partner).findOneByOrFail({ id }));
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('A partner with this name already exists.');
      throw e;
    }
  }

  /**
   * Rules others rely on, checked under the tenant's invariant lock: an active casemanager keeps a partner of type
   * CASEMANAGEMENT, and a partner the tenant chose as standing stays active (settings first, then the partner).
   */
  private async checkRelyingOn(em: EntityManager, tenantId: string, partner: Partner, dto: UpdatePartnerDto): Promise<void> {
    if (partner.type === 'CASEMANAGEMENT' && dto.type !== undefined && dto.type !== 'CASEMANAGEMENT') {
      const [{ n }] = await em.query(
        `SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND partner_id = $2 AND role = 'casemanager' AND active`, [tenantId, partner.id]);
      if (n > 0) throw domainRule('A partner with active casemanagers stays of type CASEMANAGEMENT.', [{ field: 'type', message: 'the partner has active casemanagers' }]);
    }
    if (partner.active && dto.active === false) {
      const standing = await em.query(`SELECT 1 FROM tenants WHERE id = $1 AND $2::uuid = ANY(standing_partner_ids)`, [tenantId, partner.id]);
      if (standing.length) throw domainRule('A standing partner cannot be deactivated; remove it from the standing partners first.', [{ field: 'active', message: 'the partner is a standing partner' }]);
    }
  }
}
