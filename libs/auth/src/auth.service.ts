import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';
import { AuditService } from '@kernteam/audit';
import { domainRule, unauthenticated, Problem } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { assertStrongPassword, DUMMY_HASH, hashPassword, Language, SignedInUserView, toUserView, User, verifyPassword } from '@kernteam/users';
import { giveBackAttempt, returnAttempt, takeAttempt } from './login-throttle';
import { challengeGone, mfaRequired, MfaService } from './mfa.service';
import { SessionOrigin, SessionRestriction, SessionService } from './session.service';
import { TokenService } from './token.service';

export class LoginResult {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`.' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires.' }) expiresIn: number;
  @ApiProperty({ type: () => SignedInUserView }) user: SignedInUserView;
  @ApiProperty({ description: 'The tenant requires a second factor for this role and none is set up: the token reaches only GET /api/me, GET /api/me/abilities and /api/me/totp/* until it is (then sign in again).' })
  mfaEnrolmentRequired: boolean;
}

/** How a sign-in proved who it is, after the password (audited with `auth.login`). */
type SecondStep = { challenge: string; proof: { code?: string; recoveryCode?: string } };

/** A browser sign-in: the cookie value (set by the controller, never shown) and what the body says. */
export interface SessionStart {
  sessionId: string;
  user: SignedInUserView;
  csrfToken: string;
  expiresAt: Date;
  restriction: SessionRestriction | null;
}

const tooMany = (retryAfter: number) =>
  Object.assign(new Problem(429, 'Too many failed sign-in attempts. Try again later.', 'urn:kernteam:problem:throttled'), { retryAfter });

export const signedInUser = (user: User): SignedInUserView => {
  const { id, email, name, role, partnerId, tenantId, language } = toUserView(user);
  return { id, email, name, role, partnerId, tenantId, language };
};

/**
 * The tenant a sign-in for an unknown address concerns, if it is clear: the tenant the request named, or else the one
 * tenant whose users' addresses have exactly this domain; otherwise null (the deployment-level trail).
 */
async function unknownAccountTenant(em: EntityManager, email: string, chosenTenantId: string | undefined): Promise<string | null> {
  if (chosenTenantId) {
    const named = await em.query(`SELECT id FROM tenants WHERE id = $1::uuid`, [chosenTenantId.toLowerCase()]);
    return named[0]?.id ?? null;
  }
  const domain = email.trim().toLowerCase().split('@').pop() ?? '';
  if (!domain) return null;
  const rows: { tenant_id: string }[] = await em.query(
    `SELECT DISTINCT tenant_id FROM users WHERE split_part(lower(email), '@', 2) = $1 LIMIT 2`, [domain]);
  return rows.length === 1 ? rows[0].tenant_id : null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: TenantDb,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly mfa: MfaService,
  ) {}

  /** `POST /api/auth/login`: a Bearer token, or (second factor on) the 401 `mfa-required` step with its challenge. */
  async login(email: string, password: string, ip: string, chosenTenantId?: string): Promise<LoginResult> {
    return this.signIn(email, password, ip, 'token', chosenTenantId, this.tokenGrant());
  }

  /** `POST /api/auth/login/totp`: the second step of a bearer sign-in. */
  async loginSecondStep(step: SecondStep, ip: string): Promise<LoginResult> {
    return this.secondStep(step, ip, 'token', this.tokenGrant());
  }

  /** `POST /api/auth/session`: a browser session; a live session of the same browser (`previous` cookie) is replaced. */
  async startSession(email: string, password: string, origin: SessionOrigin & { ip: string }, previous?: string, chosenTenantId?: string): Promise<SessionStart> {
    return this.signIn(email, password, origin.ip, 'session', chosenTenantId, this.sessionGrant(origin, previous));
  }

  /** `POST /api/auth/session/totp`: the second step of a browser sign-in. */
  async sessionSecondStep(step: SecondStep, origin: SessionOrigin & { ip: string }, previous?: string): Promise<SessionStart> {
    return this.secondStep(step, origin.ip, 'session', this.sessionGrant(origin, previous));
  }

  private tokenGrant() {
    return async (_em: EntityManager, user: User, restriction: SessionRestriction | null): Promise<LoginResult> => ({
      accessToken: await this.tokens.sign(user.id, user.tenantId, user.credentialsVersion, restriction ?? undefined), tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds, user: signedInUser(user), mfaEnrolmentRequired: restriction === 'mfa-enrolment',
    });
  }

  private sessionGrant(origin: SessionOrigin, previous: string | undefined) {
    return async (em: EntityManager, user: User, restriction: SessionRestriction | null): Promise<SessionStart> => {
      const sessionId = this.sessions.newId();
      if (previous) await this.sessions.endByCookie(previous, em);
      const { expiresAt } = await this.sessions.create(em, user, sessionId, { ...origin, restriction }, { atCommit: true });
      return { sessionId, user: signedInUser(user), csrfToken: this.sessions.csrfToken(sessionId), expiresAt, restriction };
    };
  }

  /**
   * Takes one attempt of this account and address (counted and decided in one statement, before any hash is computed);
   * over the limit: 429, audited by `onRefusal`. A proof that turns out right gives it back (`returnAttempt`).
   */
  private async throttle(email: string, ip: string, onRefusal: (em: EntityManager) => Promise<void>): Promise<void> {
    // One statement, committed on its own before anything else happens.
    const ticket = await takeAttempt(this.db.dataSource.manager, email, ip);
    if (!ticket.allowed) {
      await this.db.system(onRefusal);
      throw tooMany(ticket.retryAfter);
    }
  }

  /**
   * The second step: a live challenge of this kind of sign-in, throttled with the same counters as the password (a
   * wrong code counts as a failed sign-in), then the code or a recovery code; on success `grant` as after a password.
   */
  private async secondStep<T>(step: SecondStep, ip: string, via: 'token' | 'session', grant: (em: EntityManager, user: User, restriction: SessionRestriction | null) => Promise<T>): Promise<T> {
    const found = await this.mfa.findChallenge(step.challenge, via);
    if (!found) throw challengeGone();
    await this.throttle(found.email, ip, (em) => this.audit.append(em, { tenantId: found.tenantId, actorId: found.userId, action: 'auth.login.throttled', entityType: 'User', entityId: found.userId, outcome: 'DENIED', ip, details: { via, step: 'second-factor' } }));
    try {
      return await this.db.system(async (em) => {
        const factor = await this.mfa.complete(em, step.challenge, found.userId, step.proof);
        const user = await em.getRepository(User).findOneByOrFail({ id: found.userId });
        await returnAttempt(em, found.email, ip);
        await this.audit.append(em, { tenantId: user.tenantId, actorId: user.id, action: 'auth.login', entityType: 'User', entityId: user.id, outcome: 'ALLOWED', ip, details: { via, factor } });
        return grant(em, user, null);
      });
    } catch (e) {
      if (e instanceof Problem && e.errors?.length) {
        // A wrong code: counted like a wrong password, audited under the account; the challenge stays until it expires.
        await this.db.system((em) => this.audit.append(em, { tenantId: found.tenantId, actorId: found.userId, action: 'auth.login', entityType: 'User', entityId: found.userId, outcome: 'DENIED', ip, details: { via, reason: 'bad-second-factor' } }));
      }
      throw e;
    }
  }

  /**
   * The one credential check of both sign-in routes: throttle, password, audit (`auth.login`, with how), and on
   * success `grant` in the same transaction as the success audit row; answers what `grant` gives.
   */
  private async signIn<T>(
    email: string, password: string, ip: string, via: 'token' | 'session', chosenTenantId: string | undefined,
    grant: (em: EntityManager, user: User, restriction: SessionRestriction | null) => Promise<T>,
  ): Promise<T> {
    // The attempt is counted, and the decision taken, in one statement before any hash is computed.
    await this.throttle(email, ip, (em) => this.audit.append(em, { tenantId: null, actorId: null, action: 'auth.login.throttled', outcome: 'DENIED', ip }));
    // One address may have an account in several tenants (a police officer in two neighbouring LIVCs).
    // With each account what the sign-in decides on later (its partner switched off, its second factor), in one read.
    const q = this.db.dataSource.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash')
      .addSelect('NOT coalesce((SELECT p.active FROM partners p WHERE p.id = u.partner_id AND p.tenant_id = u.tenant_id), true)', 'partner_off')
      .addSelect('u.totp_enabled_at IS NOT NULL', 'mfa_enrolled')
      .addSelect('EXISTS (SELECT 1 FROM tenants t WHERE t.id = u.tenant_id AND u.role = ANY(t.mfa_required_roles))', 'mfa_required')
      .where('lower(u.email) = lower(:email)', { email });
    if (chosenTenantId) q.andWhere('u.tenant_id = :tenantId', { tenantId: chosenTenantId.toLowerCase() });
    const found = await q.orderBy('u.tenant_id').getRawAndEntities<{ partner_off: boolean; mfa_enrolled: boolean; mfa_required: boolean }>();
    const accounts = found.entities;
    const facts = new Map(accounts.map((u, i) => [u, found.raw[i]]));
    // Always verify at least one hash, so an unknown address answers as slowly as a wrong password.
    const checks = accounts.length
      ? await Promise.all(accounts.map(async (u) => ({ u, ok: await verifyPassword(u.passwordHash, password) })))
      : [{ u: undefined, ok: await verifyPassword(DUMMY_HASH, password) }];
    const matched = checks.filter((c) => c.ok && c.u).map((c) => c.u!);
    // An account of a deactivated partner signs in no more than a deactivated account.
    const usable = matched.filter((u) => u.active && !facts.get(u)?.partner_off);
    if (usable.length > 1) {
      // The password proved who this is; only now may the answer name the LIVCs (names only, no roles or ids of accounts).
      const tenants: { id: string; name: string }[] = await this.db.system((em) =>
        em.query(`SELECT id, name FROM tenants WHERE id = ANY($1::uuid[]) ORDER BY name`, [usable.map((u) => u.tenantId)]));
      await this.db.system(async (em) => {
        await returnAttempt(em, email, ip);
        await this.audit.append(em, { tenantId: null, actorId: null, action: 'auth.login.choose-tenant', outcome: 'ALLOWED', ip, details: { accounts: usable.length } });
      });
      throw Object.assign(new Problem(409, 'This address has an account in several LIVCs: sign in again with the tenantId of one of them.', 'urn:kernteam:problem:choose-tenant'), { extensions: { tenants } });
    }
    const [user] = usable;
    if (!user) {
      // The refusal is audited under the account when it is clear whose it was: a matched one that is off, or the only one.
      const whose = matched[0] ?? (accounts.length === 1 ? accounts[0] : undefined);
      const reason = !accounts.length ? 'unknown-account' : matched.length ? 'inactive' : 'bad-password';
      await this.db.system(async (em) => {
        // An unknown address is audited where an auditor reads it: its tenant when that is clear, else the deployment's trail.
        const tenantId = whose?.tenantId ?? await unknownAccountTenant(em, email, chosenTenantId);
        await this.audit.append(em, {
          tenantId, actorId: whose?.id ?? null, action: 'auth.login', entityType: whose ? 'User' : null,
          entityId: whose?.id ?? null, outcome: 'DENIED', ip, details: { via, reason },
        });
      });
      throw unauthenticated('Wrong e-mail address or password.');
    }
    const outcome = await this.db.system(async (em): Promise<{ granted: T } | { challenged: Awaited<ReturnType<MfaService['issueChallenge']>> }> => {
      const mfa = { enrolled: facts.get(user)?.mfa_enrolled === true, required: facts.get(user)?.mfa_required === true };
      if (mfa.enrolled) {
        // The password is right, the sign-in is not done: this attempt is given back (a right password is no failure),
        // but the failures before it stay counted until the code is right too, and each wrong code counts.
        await giveBackAttempt(em, email, ip);
        await this.audit.append(em, { tenantId: user.tenantId, actorId: user.id, action: 'auth.login.password', entityType: 'User', entityId: user.id, outcome: 'ALLOWED', ip, details: { via } });
        return { challenged: await this.mfa.issueChallenge(em, user, via) };
      }
      await returnAttempt(em, email, ip);
      const restriction = mfa.required ? 'mfa-enrolment' : null;
      await this.audit.append(em, { tenantId: user.tenantId, actorId: user.id, action: 'auth.login', entityType: 'User', entityId: user.id, outcome: 'ALLOWED', ip, details: { via, ...(restriction ? { restriction } : {}) } });
      return { granted: await grant(em, user, restriction) };
    });
    if ('challenged' in outcome) throw mfaRequired(outcome.challenged);
    return outcome.granted;
  }

  /**
   * `POST /api/me/password`: throttled like sign-in (a wrong current password counts as a failed sign-in of the
   * account). On success the credentials version goes up (every earlier bearer token is refused) and every other
   * browser session of the user ends; `keepSessionId` (the session of this request, if any) stays.
   */
  async changePassword(actor: { id: string; tenantId: string; ip: string | null }, currentPassword: string, newPassword: string, keepSessionId?: string): Promise<void> {
    const user = await this.db.tx(actor, (em) =>
      em.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: actor.id }).getOneOrFail());
    await this.checkCurrentPassword(actor, user, currentPassword, 'user.password.change');
    const [{ tenant }] = await this.db.tx(actor, (em) => em.query(`SELECT name AS tenant FROM tenants WHERE id = $1`, [actor.tenantId]));
    assertStrongPassword(newPassword, 'newPassword', [user.email, user.name, tenant]);
    const passwordHash = await hashPassword(newPassword);
    await this.db.tx(actor, async (em) => {
      await em.query(
        `UPDATE users SET password_hash = $2, credentials_version = credentials_version + 1, version = version + 1, updated_at = now() WHERE id = $1`,
        [actor.id, passwordHash],
      );
      await em.query(
        `UPDATE sessions SET ended_at = now(), end_reason = 'password' WHERE user_id = $1 AND ended_at IS NULL AND id IS DISTINCT FROM $2::uuid`,
        [actor.id, keepSessionId ?? null],
      );
      // A pending reset link would undo the password just chosen.
      await em.query(`UPDATE account_links SET expires_at = least(expires_at, now()) WHERE user_id = $1 AND used_at IS NULL`, [actor.id]);
      await this.audit.record(em, actor, 'user.password.change', { type: 'User', id: actor.id });
    });
    await this.db.system((em) => returnAttempt(em, user.email, actor.ip ?? 'unknown'));
  }

  /** `POST /api/me/totp/disable`: the current password (throttled like sign-in) and a code of the app. */
  async disableTotp(actor: { id: string; tenantId: string; ip: string | null }, currentPassword: string, code: string): Promise<void> {
    const user = await this.db.tx(actor, (em) =>
      em.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: actor.id }).getOneOrFail());
    await this.checkCurrentPassword(actor, user, currentPassword, 'user.totp.disable');
    await this.mfa.disable(actor, code);
  }

  /** The current password of a signed-in user, throttled and counted like a sign-in; refused with a field error. */
  private async checkCurrentPassword(actor: { id: string; tenantId: string; ip: string | null }, user: User, currentPassword: string, action: string): Promise<void> {
    const ip = actor.ip ?? 'unknown';
    await this.throttle(user.email, ip, (em) => this.audit.append(em, { tenantId: actor.tenantId, actorId: actor.id, action, entityType: 'User', entityId: actor.id, outcome: 'DENIED', ip, details: { reason: 'throttled' } }));
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      await this.db.system((em) => this.audit.append(em, { tenantId: actor.tenantId, actorId: actor.id, action, entityType: 'User', entityId: actor.id, outcome: 'DENIED', ip, details: { reason: 'bad-password' } }));
      throw domainRule('The current password is not correct.', [{ field: 'currentPassword', message: 'Het huidige wachtwoord klopt niet. / Le mot de passe actuel est incorrect.' }]);
    }
  }

  /** `PATCH /api/me`: the preferred UI language. */
  async updateMe(actor: { id: string; tenantId: string; ip: string | null }, language: Language): Promise<void> {
    await this.db.tx(actor, async (em) => {
      await em.query(`UPDATE users SET language = $2, updated_at = now() WHERE id = $1`, [actor.id, language]);
      await this.audit.record(em, actor, 'user.preferences.update', { type: 'User', id: actor.id }, { language });
    });
  }

  /** `DELETE /api/auth/session`: the session ends and the sign-out is audited, together. */
  async endSession(actor: { id: string; tenantId: string; ip: string | null }, sessionId: string): Promise<void> {
    await this.db.tx(actor, async (em) => {
      await this.sessions.end(sessionId, 'logout', em);
      await this.audit.record(em, actor, 'auth.logout', { type: 'User', id: actor.id });
    });
  }
}
