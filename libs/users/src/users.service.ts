import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { abilityToSqlWhere, Actor, AppAbility, as } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { conflict, domainRule, forbidden, invalid, notFound, Page, staleVersion } from '@kernteam/http';
import { lockTenantInvariants, TenantDb } from '@kernteam/persistence';
import { randomBytes } from 'node:crypto';
import { AccountLinksService, AccountLinkView, WATCHED_ROLES } from './account-links.service';
import { hashPassword } from './password';
import { assertStrongPassword } from './password-strength';
import { CreatedUserView, CreateUserDto, UpdateUserDto, UserListQuery } from './user.dto';
import { GrantRequestAccepted, GrantRequestKind } from './grant-request.dto';
import { NotificationsService } from '@kernteam/notifications';
import { PARTNER_ROLES, partnerTypeRefusal, Role, toUserView, User, UserView } from './user.entity';

const USER_FIELDS = { tenantId: 'u.tenant_id', id: 'u.id', partnerId: 'u.partner_id', role: 'u.role' };

@Injectable()
export class UsersService {
  constructor(
    private readonly db: TenantDb,
    private readonly audit: AuditService,
    private readonly links: AccountLinksService,
    private readonly notifications: NotificationsService,
  ) {}

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

  async create(actor: Actor, dto: CreateUserDto): Promise<CreatedUserView | GrantRequestAccepted> {
    return this.db.tx(actor, async (em) => {
      // The partner must stay active and of its type until this user is written (PATCH /api/partners takes the same lock).
      await lockTenantInvariants(em, actor.tenantId);
      const partnerId = await this.checkPartner(em, actor.tenantId, dto.role, dto.partnerId ?? null);
      // Unique per tenant: the same person may sit in several LIVCs (sign-in then asks which one), and an address used
      // in another tenant is none of this admin's business.
      const taken = await em.query(`SELECT 1 FROM users WHERE tenant_id = $1 AND lower(email) = lower($2)`, [actor.tenantId, dto.email.trim()]);
      if (taken.length) throw conflict('A user with this e-mail address already exists.');
      if (dto.password !== undefined) {
        const [{ name }] = await em.query(`SELECT name FROM tenants WHERE id = $1`, [actor.tenantId]);
        assertStrongPassword(dto.password, 'password', [dto.email, dto.name, name]);
      }
      // A watched role waits for a second person: the account exists inactive, and gets its invitation on approval.
      const pending = WATCHED_ROLES.includes(dto.role) && await this.needsSecondApproval(em, actor.tenantId);
      // Without a password the account gets an unguessable one nobody knows, until the invitation is used.
      const passwordHash = await hashPassword(dto.password ?? randomBytes(32).toString('base64url'));
      const [row] = await em.query(
        `INSERT INTO users (tenant_id, email, name, role, partner_id, password_hash, active) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
        [actor.tenantId, dto.email.trim(), dto.name.trim(), dto.role, partnerId, passwordHash, !pending],
      );
      const user = { id: row.id as string, tenantId: actor.tenantId, role: dto.role };
      if (pending) {
        await this.audit.record(em, actor, 'user.create', { type: 'User', id: row.id }, { role: dto.role, invitation: null, pendingApproval: true });
        return this.openGrantRequest(em, actor, 'ROLE_GRANT', user.id, { role: dto.role, partnerId, active: true, newUser: true, invite: dto.password === undefined });
      }
      const invitation = dto.password === undefined ? await this.links.issue(em, actor, user, 'INVITATION') : undefined;
      await this.audit.record(em, actor, 'user.create', { type: 'User', id: row.id }, { role: dto.role, invitation: invitation?.delivery ?? null });
      if (WATCHED_ROLES.includes(dto.role)) await this.links.notifyAuditors(em, actor.tenantId, 'user.role_granted', user, `${row.id}:1`);
      const view = await this.view(em, await em.getRepository(User).findOneByOrFail({ id: row.id }));
      return invitation ? { ...view, invitation } : view;
    });
  }

  /** `POST /api/users/:id/password-reset`: a one-time link, e-mailed or shown once; the admin never sees a password. */
  async resetPassword(actor: Actor, ability: AppAbility, id: string): Promise<AccountLinkView | GrantRequestAccepted> {
    return this.db.tx(actor, async (em) => {
      const user = await this.visible(em, actor, ability, id);
      if (!ability.can('update', as('User', user))) throw forbidden();
      if (WATCHED_ROLES.includes(user.role) && await this.needsSecondApproval(em, actor.tenantId)) {
        return this.openGrantRequest(em, actor, 'PASSWORD_RESET', id, { role: user.role, partnerId: user.partnerId, active: user.active });
      }
      return this.applyPasswordReset(em, actor, user);
    });
  }

  /** The reset itself, in the caller's transaction: from the admin's request, or from a second person's approval of it. */
  async applyPasswordReset(em: EntityManager, actor: Actor, user: User): Promise<AccountLinkView> {
    const id = user.id;
    const link = await this.links.issue(em, actor, user, 'RESET');
    await this.audit.record(em, actor, 'user.password-reset.issue', { type: 'User', id }, { delivery: link.delivery });
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM account_links WHERE user_id = $1 AND purpose = 'RESET'`, [id]);
    if (WATCHED_ROLES.includes(user.role)) await this.links.notifyAuditors(em, actor.tenantId, 'user.password_reset', user, `${id}:${n}`);
    return link;
  }

  /**
   * `POST /api/users/:id/sessions/revoke`: ends every browser session of the user and, with the credentials version,
   * makes every bearer token issued to them invalid. Audited; answers how many sessions ended.
   */
  async revokeSessions(actor: Actor, ability: AppAbility, id: string): Promise<{ endedSessions: number }> {
    return this.db.tx(actor, async (em) => {
      const user = await this.visible(em, actor, ability, id);
      if (!ability.can('update', as('User', user))) throw forbidden();
      const [, endedSessions]: [unknown, number] = await em.query(
        `UPDATE sessions SET ended_at = now(), end_reason = 'revoked-by-admin' WHERE user_id = $1 AND ended_at IS NULL`, [id]);
      await em.query(`UPDATE users SET credentials_version = credentials_version + 1, updated_at = now() WHERE id = $1`, [id]);
      await em.query(`UPDATE mfa_challenges SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [id]);
      await this.audit.record(em, actor, 'user.sessions.revoke', { type: 'User', id }, { ended: endedSessions });
      return { endedSessions };
    });
  }

  /**
   * `DELETE /api/users/:id/totp`: the user lost their authenticator; the second factor and the recovery codes are
   * removed (a user of a role that requires one enrols again at the next sign-in). Audited and told to the auditors.
   */
  async resetSecondFactor(actor: Actor, ability: AppAbility, id: string): Promise<GrantRequestAccepted | undefined> {
    return this.db.tx(actor, async (em) => {
      const user = await this.visible(em, actor, ability, id);
      if (!ability.can('update', as('User', user))) throw forbidden();
      if (WATCHED_ROLES.includes(user.role) && await this.needsSecondApproval(em, actor.tenantId)) {
        const [{ on }] = await em.query(`SELECT totp_enabled_at IS NOT NULL AS on FROM users WHERE id = $1`, [id]);
        if (!on) throw domainRule('This user has no second factor.');
        return this.openGrantRequest(em, actor, 'TOTP_RESET', id, { role: user.role, partnerId: user.partnerId, active: user.active });
      }
      await this.applySecondFactorReset(em, actor, user);
      return undefined;
    });
  }

  /** The second-factor reset itself, in the caller's transaction (the admin's request or its approval). */
  async applySecondFactorReset(em: EntityManager, actor: Actor, user: User): Promise<void> {
    const id = user.id;
    {
      const [[row]]: [{ id: string }[], number] = await em.query(
        `UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, updated_at = now()
          WHERE id = $1 AND totp_enabled_at IS NOT NULL RETURNING id`, [id]);
      if (!row) throw domainRule('This user has no second factor.');
      await em.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [id]);
      await em.query(`UPDATE mfa_challenges SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [id]);
      await this.audit.record(em, actor, 'user.totp.reset', { type: 'User', id });
      // Each reset is an event of its own: the key only keeps one reset from being told twice.
      const [{ at }] = await em.query(`SELECT (extract(epoch FROM now()) * 1000)::bigint::text AS at`);
      await this.links.notifyAuditors(em, actor.tenantId, 'user.second_factor_reset', user, `${id}:${at}`);
    }
  }

  async update(actor: Actor, ability: AppAbility, id: string, dto: UpdateUserDto): Promise<UserView | GrantRequestAccepted> {
    return this.db.tx(actor, async (em) => {
      // First: two admins demoting each other at once must not both count the other as the remaining admin.
      await lockTenantInvariants(em, actor.tenantId);
      const user = await this.visible(em, actor, ability, id);
      if (!ability.can('update', as('User', user))) throw forbidden();
      if (dto.version !== undefined && dto.version !== user.version) throw staleVersion();
      const role = dto.role ?? user.role;
      const active = dto.active ?? user.active;
      // Granting a watched role, or re-activating an account of one, waits for a second person when the tenant says so.
      if (WATCHED_ROLES.includes(role) && active && (role !== user.role || !user.active) && await this.needsSecondApproval(em, actor.tenantId)) {
        const partnerId = await this.checkPartner(em, actor.tenantId, role, dto.partnerId === undefined ? user.partnerId : dto.partnerId);
        // A new name is no grant: it takes effect now, the rest waits.
        if (dto.name !== undefined && dto.name.trim() !== user.name) await this.applyUpdate(em, actor, user, { name: dto.name });
        return this.openGrantRequest(em, actor, 'ROLE_GRANT', id, { role, partnerId, active: true });
      }
      return this.applyUpdate(em, actor, user, dto);
    });
  }

  /**
   * The change itself, in the caller's transaction (which holds the tenant invariants lock): from the admin's PATCH,
   * or from a second person's approval of a grant request (`granted`: the approval of a new user, told to the auditors).
   */
  async applyUpdate(em: EntityManager, actor: Actor, user: User, dto: Omit<UpdateUserDto, 'version' | 'password'>, granted = false): Promise<UserView> {
    const id = user.id;
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
    const changed = Object.keys(dto).filter((k) => k !== 'version' && (dto as Record<string, unknown>)[k] !== undefined);
    await this.audit.record(em, actor, 'user.update', { type: 'User', id: id }, { fields: changed.join(',') });
    if ((granted || role !== user.role) && WATCHED_ROLES.includes(role)) {
      await this.links.notifyAuditors(em, actor.tenantId, 'user.role_granted', { id, role }, `${id}:${user.version + 1}`);
    }
    return this.view(em, await em.getRepository(User).findOneByOrFail({ id }));
  }

  /** Whether the tenant wants a second person's approval for grants of watched roles and resets of such accounts. */
  async needsSecondApproval(em: EntityManager, tenantId: string): Promise<boolean> {
    const [t]: { on: boolean }[] = await em.query(`SELECT grants_need_second_approval AS on FROM tenants WHERE id = $1`, [tenantId]);
    return !!t?.on;
  }

  /**
   * Records the change as a pending grant request instead of making it (202): audited, and told in-app to every other
   * active admin and to the chairs, who may approve it.
   */
  private async openGrantRequest(
    em: EntityManager, actor: Actor, kind: GrantRequestKind, userId: string,
    change: { role: Role; partnerId: string | null; active: boolean; newUser?: boolean; invite?: boolean },
  ): Promise<GrantRequestAccepted> {
    const open = await em.query(`SELECT 1 FROM grant_requests WHERE target_user_id = $1 AND kind = $2 AND state = 'PENDING' AND expires_at > now()`, [userId, kind]);
    if (open.length) throw conflict('A request of this kind for this user already waits for approval.');
    // A lapsed one that nobody marked yet makes way for the new one.
    await em.query(`UPDATE grant_requests SET state = 'EXPIRED', version = version + 1 WHERE target_user_id = $1 AND kind = $2 AND state = 'PENDING'`, [userId, kind]);
    const [row]: { id: string }[] = await em.query(
      `INSERT INTO grant_requests (tenant_id, kind, target_user_id, role, partner_id, active, new_user, invite, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [actor.tenantId, kind, userId, change.role, change.partnerId, change.active, !!change.newUser, !!change.invite, actor.id],
    );
    await this.audit.record(em, actor, 'grant-request.create', { type: 'GrantRequest', id: row.id }, { kind, role: change.role, user: userId });
    const deciders: { id: string }[] = await em.query(
      `SELECT id FROM users WHERE tenant_id = $1 AND active AND role IN ('admin', 'chair') AND id <> $2 AND id <> $3 ORDER BY id`, [actor.tenantId, actor.id, userId]);
    for (const d of deciders) {
      await this.notifications.notify(em, {
        tenantId: actor.tenantId, userId: d.id, kind: 'grant.requested', entityType: 'GrantRequest', entityId: row.id,
        data: { kind, role: change.role }, dedupeKey: `grant.requested:${row.id}`,
      });
    }
    return { grantRequest: { id: row.id, state: 'PENDING', kind } };
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
