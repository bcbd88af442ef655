import { Injectable, Logger } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { createHash, createHmac } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Actor } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { invalid } from '@kernteam/http';
import { OnJob, OutboxService } from '@kernteam/jobs';
import { accountLinkMail, MailerService, NotificationsService } from '@kernteam/notifications';
import { readRuntimeConfig, TenantDb } from '@kernteam/persistence';
import { hashPassword } from './password';
import { assertStrongPassword } from './password-strength';
import type { Role } from './user.entity';

export type AccountLinkPurpose = 'INVITATION' | 'RESET';
/** A link is valid this long, and once. */
export const ACCOUNT_LINK_HOURS = 24;
/** Roles that see dossiers or the audit trail: granting one, or resetting such an account, is told to the auditors. */
export const WATCHED_ROLES: readonly Role[] = ['casemanager', 'chair', 'member', 'auditor'];

/** A one-time link as the admin gets it: `url` only when it was not e-mailed (shown once, to hand over). */
export class AccountLinkView {
  @ApiPropertyOptional({ description: 'The one-time link, present only when it was not e-mailed; shown once, never again.' }) url?: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: ['EMAIL', 'SHOWN'] }) delivery: 'EMAIL' | 'SHOWN';
}

/**
 * One-time account links (table `account_links`). The token is an HMAC of the row id under AUTH_SECRET, so the table
 * holds only its SHA-256 and the mail job can derive the token again from the id without any secret in the outbox.
 */
@Injectable()
export class AccountLinksService {
  private readonly logger = new Logger('AccountLinks');
  private readonly key: Buffer;

  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxService,
    private readonly mailer: MailerService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {
    const secret = readRuntimeConfig().authSecret ?? '';
    this.key = createHmac('sha256', secret).update('kernteam account link').digest();
  }

  /** In the caller's transaction: a new link for the user (earlier unused ones of the same purpose lapse), e-mailed when SMTP is configured. */
  async issue(em: EntityManager, actor: Actor, user: { id: string; tenantId: string }, purpose: AccountLinkPurpose): Promise<AccountLinkView> {
    await em.query(`UPDATE account_links SET expires_at = least(expires_at, now()) WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [user.id, purpose]);
    const [{ id }] = await em.query(`SELECT gen_random_uuid() AS id`);
    const token = this.token(id);
    const [row] = await em.query(
      `INSERT INTO account_links (id, tenant_id, user_id, purpose, token_hash, expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6), $7) RETURNING expires_at`,
      [id, user.tenantId, user.id, purpose, tokenHash(token), ACCOUNT_LINK_HOURS, actor.id],
    );
    const expiresAt = new Date(row.expires_at).toISOString();
    if (this.mailer.enabled) {
      await this.outbox.add(em, user.tenantId, 'account.link-mail', { tenantId: user.tenantId, linkId: id });
      return { expiresAt, delivery: 'EMAIL' };
    }
    return { url: linkUrl(token), expiresAt, delivery: 'SHOWN' };
  }

  /**
   * Uses a link: the password is set, the link spent, the user's browser sessions ended and their earlier bearer
   * tokens made invalid. An unknown, used or expired token gets one answer that does not say which.
   */
  async redeem(token: string, password: string, ip: string | null): Promise<void> {
    const refused = () => invalid([{ field: 'token', message: 'This link is not valid (any more). Ask the administrator for a new one.' }]);
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw refused();
    const [found]: { tenant_id: string; email: string; name: string; tenant: string; live: boolean }[] = await this.db.system((em) => em.query(
      `SELECT l.tenant_id, u.email, u.name, t.name AS tenant, l.used_at IS NULL AND l.expires_at > now() AS live
         FROM account_links l JOIN users u ON u.id = l.user_id JOIN tenants t ON t.id = l.tenant_id WHERE l.token_hash = $1`, [tokenHash(token)]));
    if (!found) throw refused();
    // Only a live link learns that its password is too weak; a spent one gets the one refusal that says nothing.
    if (found.live) assertStrongPassword(password, 'password', [found.email, found.name, found.tenant]);
    const passwordHash = await hashPassword(password);
    await this.db.tx({ tenantId: found.tenant_id }, async (em) => {
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [[link]]: [{ id: string; user_id: string; purpose: AccountLinkPurpose }[], number] = await em.query(
        `UPDATE account_links SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING id, user_id, purpose`,
        [tokenHash(token)],
      );
      if (!link) throw refused();
      await em.query(
        `UPDATE users SET password_hash = $2, credentials_version = credentials_version + 1, version = version + 1, updated_at = now() WHERE id = $1`,
        [link.user_id, passwordHash],
      );
      // Every other open link of the user lapses with it: the password they chose is the one that counts.
      await em.query(`UPDATE account_links SET expires_at = least(expires_at, now()) WHERE user_id = $1 AND used_at IS NULL`, [link.user_id]);
      await em.query(`UPDATE sessions SET ended_at = now(), end_reason = 'password' WHERE user_id = $1 AND ended_at IS NULL`, [link.user_id]);
      await this.audit.record(em, { id: link.user_id, tenantId: found.tenant_id, ip }, link.purpose === 'INVITATION' ? 'user.invitation.accept' : 'user.password.reset', { type: 'User', id: link.user_id });
    });
  }

  /** Tells every active auditor of the tenant, in the caller's transaction. */
  async notifyAuditors(em: EntityManager, tenantId: string, kind: 'user.role_granted' | 'user.password_reset' | 'user.second_factor_reset', user: { id: string; role: Role }, key: string): Promise<void> {
    const auditors: { id: string }[] = await em.query(`SELECT id FROM users WHERE tenant_id = $1 AND role = 'auditor' AND active ORDER BY id`, [tenantId]);
    for (const a of auditors) {
      await this.notifications.notify(em, { tenantId, userId: a.id, kind, entityType: 'User', entityId: user.id, data: { role: user.role }, dedupeKey: `${kind}:${key}` });
    }
  }

  @OnJob('account.link-mail')
  async mail(payload: Record<string, unknown>): Promise<{ mailed: boolean }> {
    const tenantId = String(payload.tenantId);
    const linkId = String(payload.linkId);
    const [row]: { user_id: string; email: string; purpose: AccountLinkPurpose; expires_at: Date }[] = await this.db.tx({ tenantId }, (em) => em.query(
      `SELECT l.user_id, u.email, l.purpose, l.expires_at FROM account_links l JOIN users u ON u.id = l.user_id
        WHERE l.id = $1 AND l.used_at IS NULL AND l.expires_at > now()`, [linkId]));
    if (!row) return { mailed: false };
    const mail = accountLinkMail({ purpose: row.purpose, link: linkUrl(this.token(linkId)), expiresAt: new Date(row.expires_at).toISOString() });
    const sent = await this.mailer.deliverOnce(tenantId, row.user_id, `account.link:${linkId}`, { to: row.email, ...mail });
    this.logger.log(`account link ${linkId}: ${sent}`);
    return { mailed: sent === 'sent' };
  }

  private token(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }

}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const linkUrl = (token: string) => `${readRuntimeConfig().publicUrl}/password-reset?token=${token}`;
