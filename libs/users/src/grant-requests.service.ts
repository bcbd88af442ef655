import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { abilityToSqlWhere, Actor, AppAbility, as, toPositional } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { conflict, domainRule, forbidden, notFound, staleVersion } from '@kernteam/http';
import { NotificationsService } from '@kernteam/notifications';
import { lockTenantInvariants, TenantDb } from '@kernteam/persistence';
import { AccountLinksService, AccountLinkView } from './account-links.service';
import { GrantRequestDecision, GrantRequestKind, GrantRequestListQuery, GrantRequestState, GrantRequestView } from './grant-request.dto';
import { Role, User } from './user.entity';
import { UsersService } from './users.service';

interface Row {
  id: string; tenant_id: string; kind: GrantRequestKind; state: GrantRequestState; target_user_id: string; target_name: string; role: Role;
  partner_id: string | null; active: boolean; new_user: boolean; invite: boolean; requested_by: string; requested_by_name: string;
  created_at: Date; expires_at: Date; decided_by: string | null; decided_at: Date | null; reason: string | null; version: number;
}

const SELECT = `SELECT g.*, t.name AS target_name, r.name AS requested_by_name
  FROM grant_requests g JOIN users t ON t.id = g.target_user_id JOIN users r ON r.id = g.requested_by`;
const FIELDS = { tenantId: 'g.tenant_id', id: 'g.id', requestedBy: 'g.requested_by', state: 'g.state' };

/**
 * Four-eyes approval of grants (tenant setting `grantsNeedSecondApproval`): lists the requests, and lets another admin
 * or the chair approve (the change is made then, by the same code as without the setting) or reject them.
 */
@Injectable()
export class GrantRequestsService {
  constructor(
    private readonly db: TenantDb,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly links: AccountLinksService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(actor: Actor, ability: AppAbility, q: GrantRequestListQuery): Promise<GrantRequestView[]> {
    const where = toPositional(abilityToSqlWhere(ability, 'read', 'GrantRequest', FIELDS), 1);
    return this.db.tx(actor, async (em) => {
      await this.expire(em, actor.tenantId);
      const params: unknown[] = [...where.values];
      let sql = `${SELECT} WHERE (${where.sql})`;
      if (q.state) { params.push(q.state); sql += ` AND g.state = $${params.length}`; }
      const rows: Row[] = await em.query(`${sql} ORDER BY g.created_at DESC, g.id LIMIT 200`, params);
      return rows.map(toView);
    });
  }

  async approve(actor: Actor, ability: AppAbility, id: string, version: number): Promise<GrantRequestDecision> {
    return this.db.tx(actor, async (em) => {
      // The same lock the admin's own PATCH takes: the last-admin rule and the partner checks hold at approval too.
      await lockTenantInvariants(em, actor.tenantId);
      const g = await this.decidable(em, actor, ability, id, version);
      const user = await em.getRepository(User).findOneBy({ id: g.target_user_id, tenantId: actor.tenantId });
      if (!user) throw notFound('user');
      let link: AccountLinkView | undefined;
      if (g.kind === 'ROLE_GRANT') {
        await this.users.applyUpdate(em, actor, user, { role: g.role, partnerId: g.partner_id, active: g.active }, g.new_user);
        if (g.invite) {
          link = await this.links.issue(em, actor, user, 'INVITATION');
          await this.audit.record(em, actor, 'user.invitation.issue', { type: 'User', id: user.id }, { delivery: link.delivery });
        }
      } else if (g.kind === 'PASSWORD_RESET') {
        link = await this.users.applyPasswordReset(em, actor, user);
      } else {
        await this.users.applySecondFactorReset(em, actor, user);
      }
      const decided = await this.decide(em, actor, g, 'APPROVED', null);
      return link ? { grantRequest: decided, link } : { grantRequest: decided };
    });
  }

  async reject(actor: Actor, ability: AppAbility, id: string, version: number, reason: string): Promise<GrantRequestView> {
    return this.db.tx(actor, async (em) => {
      const g = await this.decidable(em, actor, ability, id, version);
      return this.decide(em, actor, g, 'REJECTED', reason.trim());
    });
  }

  /** The pending request, locked; refused when another person must decide it, or it was decided or changed since. */
  private async decidable(em: EntityManager, actor: Actor, ability: AppAbility, id: string, version: number): Promise<Row> {
    await this.expire(em, actor.tenantId);
    const [g]: Row[] = await em.query(`${SELECT} WHERE g.id = $1 AND g.tenant_id = $2 FOR UPDATE OF g`, [id, actor.tenantId]);
    if (!g || !ability.can('read', as('GrantRequest', { tenantId: g.tenant_id, id: g.id, requestedBy: g.requested_by, state: g.state }))) throw notFound('grant request');
    if (!ability.can('update', as('GrantRequest', { tenantId: g.tenant_id, id: g.id, requestedBy: g.requested_by, state: g.state }))) throw forbidden();
    if (g.state !== 'PENDING') throw conflict(`This request is already ${g.state.toLowerCase()}.`);
    if (g.version !== version) throw staleVersion();
    if (g.requested_by === actor.id) throw domainRule('A second person must approve: the requester cannot decide their own request.');
    if (g.target_user_id === actor.id) throw domainRule('A request about your own account is decided by someone else.');
    return g;
  }

  private async decide(em: EntityManager, actor: Actor, g: Row, state: 'APPROVED' | 'REJECTED', reason: string | null): Promise<GrantRequestView> {
    const [[row]]: [{ id: string }[], number] = await em.query(
      `UPDATE grant_requests SET state = $2, decided_by = $3, decided_at = now(), reason = $4, version = version + 1
        WHERE id = $1 AND state = 'PENDING' AND version = $5 RETURNING id`, [g.id, state, actor.id, reason, g.version]);
    if (!row) throw staleVersion();
    await this.audit.record(em, actor, state === 'APPROVED' ? 'grant-request.approve' : 'grant-request.reject', { type: 'GrantRequest', id: g.id },
      { kind: g.kind, role: g.role, user: g.target_user_id, requestedBy: g.requested_by });
    await this.notifications.notify(em, {
      tenantId: actor.tenantId, userId: g.requested_by, kind: 'grant.decided', entityType: 'GrantRequest', entityId: g.id,
      data: { kind: g.kind, role: g.role, state }, dedupeKey: `grant.decided:${g.id}`,
    });
    const [fresh]: Row[] = await em.query(`${SELECT} WHERE g.id = $1`, [g.id]);
    return toView(fresh);
  }

  /** Pending requests older than GRANT_REQUEST_DAYS lapse; marked when next read or decided. */
  private async expire(em: EntityManager, tenantId: string): Promise<void> {
    await em.query(`UPDATE grant_requests SET state = 'EXPIRED', version = version + 1 WHERE tenant_id = $1 AND state = 'PENDING' AND expires_at <= now()`, [tenantId]);
  }
}

const toView = (g: Row): GrantRequestView => ({
  id: g.id, kind: g.kind, state: g.state, targetUserId: g.target_user_id, targetName: g.target_name, role: g.role, partnerId: g.partner_id,
  active: g.active, newUser: g.new_user, requestedBy: g.requested_by, requestedByName: g.requested_by_name,
  requestedAt: new Date(g.created_at).toISOString(), expiresAt: new Date(g.expires_at).toISOString(),
  decidedBy: g.decided_by, decidedAt: g.decided_at ? new Date(g.decided_at).toISOString() : null, reason: g.reason, version: Number(g.version),
});
