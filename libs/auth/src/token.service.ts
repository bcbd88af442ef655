import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { readRuntimeConfig } from '@kernteam/persistence';
import { authSecret } from './auth-secret';

export interface TokenClaims { sub: string; tid: string }

/** HS256 access tokens signed with `AUTH_SECRET`. They identify a user; rights are re-read on every request. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  readonly ttlSeconds: number;

  constructor() {
    const cfg = readRuntimeConfig();
    this.key = new TextEncoder().encode(authSecret(cfg));
    this.ttlSeconds = cfg.tokenTtlSeconds;
  }

  sign(userId: string, tenantId: string): Promise<string> {
    return new SignJWT({ tid: tenantId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer('kernteam')
      .setAudience('kernteam-api')
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'kernteam', audience: 'kernteam-api' });
      if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string') return null;
      return { sub: payload.sub, tid: payload.tid };
    } catch {
      return null;
    }
  }
}
