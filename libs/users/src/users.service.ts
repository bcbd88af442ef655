import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { abilityToSqlWhere, Actor, AppAbility, as } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { conflict, domainRule, forbidden, invalid, notFound, Page, staleVersion } from '@kernteam/http';
import { lockTenantInvariants, TenantDb } from '@kernteam/persistence';
import { randomBytes } from 'node:crypto';
import { AccountLinksService, AccountLinkView, WATCHED_ROLES } from './account-links.service';
import { hashPassword } from './password';
import { CreatedUserView, CreateUserDto, UpdateUserDto, UserListQuery } from './user.dto';
import { PARTNER_ROLES, partnerTypeRefusal, Role, toUserView, User, UserView } from './user.entity';

const USER_FIELDS = { tenantId: 'u.tenant_id', id: 'u.id', partnerId: 'u.partner_id', role: 'u.role' };

@Injectable()
export class UsersService {
  constructor(private readonly db: TenantDb, private readonly audit: AuditService, private readonly links: AccountLinksService) {}

  async list(actor: Actor, ability: AppAbility, q: UserListQuery): Promise<Page<UserView>> {
    const where = abilityToSqlWhere(ability, 'read', 'User', USER_FIELDS);
    return this.db.tx(actor, async (em) => {
      const qb = em.getRepository(User).createQueryBuilder('u').where(where.sql, where.params);
      if (q.role) qb.andWhere('u.role = :role', { role: q.role });
      if (q.partnerId) qb.andWhere('u.partner_id = :partnerId', { partnerId: q.partnerId });
      if (q.active) qb.andWhere('u.active = :active', { active: q.active === 'true' });
      const [rows, total] = await qb.orderBy('u.name').addOrderBy('u.id').skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
      const pending = await this.pendingInvitations(em, rows.map((u) => u.id));
      return { items: rows.map((u) => toUserView(u, pending.has(u.id))), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async get(actor: Actor, ability: AppAbility, id: string): Promise<UserView> {
    return this.db.tx(actor, async (em) => this.view(em, await this.visible(em, actor, ability, id)));
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<CreatedUserView> {
    return this.db.tx(actor, async (em) => {
      // The partner must stay active and of its type until this user is written (PATCH /api/partners takes the same lock).
      await lockTenantInvariants(em, actor.tenantId);
      const partnerId = await this.checkPartner(em, actor.tenantId, dto.role, dto.partnerId ?? null);
      // Unique per tenant: the same person may sit in several LIVCs (sign-in then asks which one), and an address used
      // in another tenant is none of this admin's business.
      const taken = await em.query(`SELECT 1 FROM users WHERE tenant_id = $1 AND lower(email) = lower($2)`, [actor.tenantId, dto.email.trim()]);
      if (taken.length) throw conflict('A user with this e-mail address already exists.');
      // Without a password the account gets an unguessable one nobody knows, until the invitation is used.
      const passwordHash = await hashPassword(dto.password ?? randomBytes(32).toString('base64url'));
      const [row] = await em.query(
        `INSERT INTO users (tenant_id, email, name, role, partner_id, password_hash) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
        [actor.tenantId, dto.email.trim(), dto.name.trim(), dto.role, partnerId, passwordHash],
      );
      const user = { id: row.id as string, tenantId: actor.tenantId, role: dto.role };
      const invitation = dto.password === undefined ? await this.links.issue(em, actor, user, 'INVITATION') : undefined;
      await this.audit.record(em, actor, 'user.create', { type: 'User', id: row.id }, { role: dto.role, invitation: invitation?.delivery ?? null });
      if (WATCHED_ROLES.includes(dto.role)) await this.links.notifyAuditors(em, actor.tenantId, 'user.role_granted', user, `${row.id}:1`);
      const view = await this.view(em, await em.getRepository(User).findOneByOrFail({ id: row.id }));
      return invitation ? { ...view, invitation } : view;
    });
  }

  /** `POST /api/users/:id/password-reset`: a one-time link, e-mailed or shown once; the admin never sees a password. */
  async resetPassword(actor: Actor, ability: AppAbility, id: string): Promise<AccountLinkView> {
    return this.db.tx(actor, async (em) => {
      const user = await this.visible(em, actor, ability, id);
      if (!ability.can('update', as('User', user))) throw forbidden();
      const link = await this.links.issue(em, actor, user, 'RESET');
      await this.audit.record(em, actor, 'user.password-reset.issue', { type: 'User', id }, { delivery: link.delivery });
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM account_links WHERE user_id = $1 AND purpose = 'RESET'`, [id]);
      if (WATCHED_ROLES.includes(user.role)) await this.links.notifyAuditors(em, actor.tenantId, 'user.password_reset', user, `${id}:${n}`);
      return link;
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
      const res = await em.query(
        `UPDATE users SET name = $3, role = $4, partner_id = $5, active = $6, version = version + 1, updated_at = now()
          WHERE id = $1 AND tenant_id = $2 AND version = $7 RETURNING id`,
        [id, actor.tenantId, dto.name?.trim() ?? user.name, role, partnerId, active, user.version],
      );
      if (!res[0]?.length) throw staleVersion();
      const changed = Object.keys(dto).filter((k) => k !== 'version');
      await this.audit.record(em, actor, 'user.update', { type: 'User', id: id }, { fields: changed.join(',') });
      if (role !== user.role && WATCHED_ROLES.includes(role)) {
        await this.links.notifyAuditors(em, actor.tenantId, 'user.role_granted', { id, role }, `${id}:${user.version + 1}`);
      }
      return this.view(em, await em.getRepository(User).findOneByOrFail({ id }));
    });
  }

  private async view(em: EntityManager, user: User): Promise<UserView> {
    return toUserView(user, (await this.pendingInvitations(em, [user.id])).has(user.id));
  }

  private async pendingInvitations(em: EntityManager, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { user_id: string }[] = await em.query(
      `SELECT DISTINCT user_id FROM account_links WHERE user_id = ANY($1::uuid[]) AND purpose = 'INVITATION' AND used_at IS NULL AND expires_at > now()`, [ids]);
    return new Set(rows.map((r) => r.user_id));
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
