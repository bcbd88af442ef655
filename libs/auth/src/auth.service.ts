import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';
import { AuditService } from '@kernteam/audit';
import { unauthenticated, Problem } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { DUMMY_HASH, SignedInUserView, toUserView, User, verifyPassword } from '@kernteam/users';
import { accountKey, throttleLimits } from './login-throttle';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

export class LoginResult {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`.' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires.' }) expiresIn: number;
  @ApiProperty({ type: () => SignedInUserView }) user: SignedInUserView;
}

export type SignedInUser = SignedInUserView;

/** A browser sign-in: the cookie value (set by the controller, never shown) and what the body says. */
export interface SessionStart {
  sessionId: string;
  user: SignedInUser;
  csrfToken: string;
  expiresAt: Date;
}

const tooMany = (retryAfter: number) =>
  Object.assign(new Problem(429, 'Too many failed sign-in attempts. Try again later.', 'urn:kernteam:problem:throttled'), { retryAfter });

export const signedInUser = (user: User): SignedInUser => {
  const { id, email, name, role, partnerId, tenantId } = toUserView(user);
  return { id, email, name, role, partnerId, tenantId };
};

@Injectable()
export class AuthService {
  constructor(
    private readonly db: TenantDb,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  /** `POST /api/auth/login`: a Bearer token. */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const user = await this.signIn(email, password, ip, 'token', async () => undefined);
    return { accessToken: await this.tokens.sign(user.id, user.tenantId), tokenType: 'Bearer', expiresIn: this.tokens.ttlSeconds, user: signedInUser(user) };
  }

  /** `POST /api/auth/session`: a browser session; a live session of the same browser (`previous` cookie) is replaced. */
  async startSession(email: string, password: string, ip: string, previous?: string): Promise<SessionStart> {
    const sessionId = this.sessions.newId();
    let expiresAt!: Date;
    const user = await this.signIn(email, password, ip, 'session', async (em, u) => {
      if (previous) await this.sessions.endByCookie(previous, em);
      ({ expiresAt } = await this.sessions.create(em, u, sessionId));
    });
    return { sessionId, user: signedInUser(user), csrfToken: this.sessions.csrfToken(sessionId), expiresAt };
  }

  /**
   * The one credential check of both sign-in routes: throttle, password, audit (`auth.login`, with how), and on
   * success `grant` in the same transaction as the success audit row.
   */
  private async signIn(
    email: string, password: string, ip: string, via: 'token' | 'session', grant: (em: EntityManager, user: User) => Promise<void>,
  ): Promise<User> {
    const key = accountKey(email);
    const limits = throttleLimits();
    const [counts] = await this.db.system((em) =>
      em.query(
        `SELECT count(*) FILTER (WHERE account_key = $1)::int AS account, count(*) FILTER (WHERE ip = $2)::int AS address
           FROM login_failures WHERE at > now() - make_interval(secs => $3) AND (account_key = $1 OR ip = $2)`,
        [key, ip, limits.windowSeconds],
      ),
    );
    if (counts.account >= limits.perAccount || counts.address >= limits.perAddress) {
      await this.db.system((em) => this.audit.append(em, { tenantId: null, actorId: null, action: 'auth.login.throttled', outcome: 'DENIED', ip }));
      throw tooMany(limits.windowSeconds);
    }
    const user = await this.db.system((em) =>
      em.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('lower(u.email) = lower(:email)', { email }).getOne(),
    );
    // Always verify a hash, so an unknown address answers as slowly as a wrong password.
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !ok || !user.active) {
      await this.db.system(async (em) => {
        await em.query(`INSERT INTO login_failures (account_key, ip) VALUES ($1, $2)`, [key, ip]);
        await this.audit.append(em, {
          tenantId: user?.tenantId ?? null, actorId: user?.id ?? null, action: 'auth.login', entityType: user ? 'User' : null,
          entityId: user?.id ?? null, outcome: 'DENIED', ip, details: { via, reason: !user ? 'unknown-account' : !ok ? 'bad-password' : 'inactive' },
        });
      });
      throw unauthenticated('Wrong e-mail address or password.');
    }
    await this.db.system(async (em) => {
      await em.query(`DELETE FROM login_failures WHERE account_key = $1`, [key]);
      await this.audit.append(em, { tenantId: user.tenantId, actorId: user.id, action: 'auth.login', entityType: 'User', entityId: user.id, outcome: 'ALLOWED', ip, details: { via } });
      await grant(em, user);
    });
    return user;
  }

  /** `DELETE /api/auth/session`: the session ends and the sign-out is audited, together. */
  async endSession(actor: { id: string; tenantId: string; ip: string | null }, sessionId: string): Promise<void> {
    await this.db.tx(actor, async (em) => {
      await this.sessions.end(sessionId, 'logout', em);
      await this.audit.record(em, actor, 'auth.logout', { type: 'User', id: actor.id });
    });
  }
}
