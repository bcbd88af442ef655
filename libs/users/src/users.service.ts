import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { abilityToSqlWhere, Actor, AppAbility, as } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { conflict, domainRule, forbidden, invalid, notFound, Page, staleVersion } from '@kernteam/http';
import { lockTenantInvariants, TenantDb } from '@kernteam/persistence';
import { hashPassword } from './password';
import { CreateUserDto, UpdateUserDto } from './user.dto';
import { PARTNER_ROLES, partnerTypeRefusal, Role, toUserView, User, UserView } from './user.entity';

const USER_FIELDS = { tenantId: 'u.tenant_id', id: 'u.id', partnerId: 'u.partner_id', role: 'u.role' };

@Injectable()
export class UsersService {
  constructor(private readonly db: TenantDb, private readonly audit: AuditService) {}

  async list(actor: Actor, ability: AppAbility, page: number, pageSize: number): Promise<Page<UserView>> {
    const where = abilityToSqlWhere(ability, 'read', 'User', USER_FIELDS);
    return this.db.tx(actor, async (em) => {
      const qb = em.getRepository(User).createQueryBuilder('u').where(where.sql, where.params).orderBy('u.name').addOrderBy('u.id');
      const [rows, total] = await qb.skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
      return { items: rows.map(toUserView), total, page, pageSize };
    });
  }

  async get(actor: Actor, ability: AppAbility, id: string): Promise<UserView> {
    return this.db.tx(actor, async (em) => toUserView(await this.visible(em, actor, ability, id)));
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    return this.db.tx(actor, async (em) => {
      // The partner must stay active and of its type until this user is written (PATCH /api/partners takes the same lock).
      await lockTenantInvariants(em, actor.tenantId);
      const partnerId = await this.checkPartner(em, actor.tenantId, dto.role, dto.partnerId ?? null);
      // Unique per tenant: the same person may sit in several LIVCs (sign-in then asks which one), and an address used
      // in another tenant is none of this admin's business.
      const taken = await em.query(`SELECT 1 FROM users WHERE tenant_id = $1 AND lower(email) = lower($2)`, [actor.tenantId, dto.email.trim()]);
      if (taken.length) throw conflict('A user with this e-mail address already exists.');
      const passwordHash = await hashPassword(dto.password);
      const [row] = await em.query(
        `INSERT INTO users (tenant_id, email, name, role, partner_id, password_hash) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
        [actor.tenantId, dto.email.trim(), dto.name.trim(), dto.role, partnerId, passwordHash],
      );
      await this.audit.record(em, actor, 'user.create', { type: 'User', id: row.id }, { role: dto.role });
      return toUserView(await em.getRepository(User).findOneByOrFail({ id: row.id }));
    });
  }

  async update(actor: Actor, ability: AppAbility, id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.db.tx(actor, async (em) => {
      // First: two admins demoting each other at once must not both count the other as the remaining admin.
      await lockTenantInvariants(em, actor.tenantId);
      const user = await this.visible(em, actor, ability, id);
      if (!ability.can('update', as('User', user))) throw forbidden();
      if (dto.version !== undefined && dto.version !== user.version) throw staleVersion();
      const role = dto.role ?? user.role;
      // The partner rules apply to a change of role or partner; an account from before a rule can still be renamed or deactivated.
      const partnerId = dto.role === undefined && dto.partnerId === undefined
        ? user.partnerId
        : await this.checkPartner(em, actor.tenantId, role, dto.partnerId === undefined ? user.partnerId : dto.partnerId);
      const active = dto.active ?? user.active;
      if (user.role === 'admin' && user.active && (role !== 'admin' || !active)) {
        const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND role = 'admin' AND active AND id <> $2`, [actor.tenantId, id]);
        if (n === 0) throw domainRule('The last active admin of a tenant cannot be demoted or deactivated.');
      }
      const passwordHash = dto.password ? await hashPassword(dto.password) : null;
      const res = await em.query(
        `UPDATE users SET name = $3, role = $4, partner_id = $5, active = $6, password_hash = coalesce($7, password_hash),
                version = version + 1, updated_at = now()
          WHERE id = $1 AND tenant_id = $2 AND version = $8 RETURNING id`,
        [id, actor.tenantId, dto.name?.trim() ?? user.name, role, partnerId, active, passwordHash, user.version],
      );
      if (!res[0]?.length) throw staleVersion();
      // A new password ends the browser sessions signed in with the old one (the sessions table is the auth module's;
      // users cannot import it without a cycle, and this is the one write it needs).
      if (passwordHash) await em.query(`UPDATE sessions SET ended_at = now(), end_reason = 'password' WHERE user_id = $1 AND ended_at IS NULL`, [id]);
      const changed = Object.keys(dto).filter((k) => k !== 'version' && k !== 'password').concat(dto.password ? ['password'] : []);
      await this.audit.record(em, actor, 'user.update', { type: 'User', id: id }, { fields: changed.join(',') });
      return toUserView(await em.getRepository(User).findOneByOrFail({ id }));
    });
  }

  private async visible(em: EntityManager, actor: Actor, ability: AppAbility, id: string): Promise<User> {
    const user = await em.getRepository(User).findOneBy({ id, tenantId: actor.tenantId });
    if (!user || !ability.can('read', as('User', user))) throw notFound('user');
    return user;
  }

  /** Chair, casemanager and member act for a partner of their own tenant; the other roles have none. */
  private async checkPartner(em: EntityManager, tenantId: string, role: Role, partnerId: string | null): Promise<string | null> {
    if (!PARTNER_ROLES.includes(role)) return null;
    if (!partnerId) throw invalid([{ field: 'partnerId', message: `partnerId is required for role ${role}` }]);
    const found = await em.query(`SELECT active, type FROM partners WHERE id = $1 AND tenant_id = $2`, [partnerId, tenantId]);
    if (!found.length) throw invalid([{ field: 'partnerId', message: 'partnerId names no partner of this tenant' }]);
    if (!found[0].active) throw domainRule('The partner is not active.');
    const refusal = partnerTypeRefusal(role, found[0].type);
    if (refusal) throw domainRule(refusal, [{ field: 'partnerId', message: `a ${role} needs a partner of type CASEMANAGEMENT` }]);
    return partnerId;
  }
}
