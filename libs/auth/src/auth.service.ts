import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { AuditService } from '@kernteam/audit';
import { unauthenticated, Problem } from '@kernteam/http';
import { TenantDb } from '@kernteam/persistence';
import { DUMMY_HASH, SignedInUserView, toUserView, User, verifyPassword } from '@kernteam/users';
import { accountKey, throttleLimits } from './login-throttle';
import { TokenService } from './token.service';

export class LoginResult {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`.' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires.' }) expiresIn: number;
  @ApiProperty({ type: () => SignedInUserView }) user: SignedInUserView;
}

const tooMany = (retryAfter: number) =>
  Object.assign(new Problem(429, 'Too many failed sign-in attempts. Try again later.', 'urn:kernteam:problem:throttled'), { retryAfter });

@Injectable()
export class AuthService {
  constructor(private readonly db: TenantDb, private readonly tokens: TokenService, private readonly audit: AuditService) {}

  async login(email: string, password: string, ip: string): Promise<LoginResult> {
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
          entityId: user?.id ?? null, outcome: 'DENIED', ip, details: { reason: !user ? 'unknown-account' : !ok ? 'bad-password' : 'inactive' },
        });
      });
      throw unauthenticated('Wrong e-mail address or password.');
    }
    await this.db.system(async (em) => {
      await em.query(`DELETE FROM login_failures WHERE account_key = $1`, [key]);
      await this.audit.append(em, { tenantId: user.tenantId, actorId: user.id, action: 'auth.login', entityType: 'User', entityId: user.id, outcome: 'ALLOWED', ip });
    });
    const { id, email: mail, name, role, partnerId, tenantId } = toUserView(user);
    return {
      accessToken: await this.tokens.sign(user.id, user.tenantId),
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      user: { id, email: mail, name, role, partnerId, tenantId },
    };
  }
}
