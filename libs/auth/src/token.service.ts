import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { readRuntimeConfig } from '@kernteam/persistence';
import { authSecret } from './auth-secret';

/** `cv`: the user's credentials version when the token was issued (absent in tokens from before it existed: version 1). */
export interface TokenClaims { sub: string; tid: string; cv: number; restriction?: 'mfa-enrolment' }

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

  /** `restriction`: the token only reaches the second-factor enrolment routes (claim `rst`). */
  sign(userId: string, tenantId: string, credentialsVersion: number, restriction?: 'mfa-enrolment'): Promise<string> {
    return new SignJWT({ tid: tenantId, cv: credentialsVersion, ...(restriction ? { rst: restriction } : {}) })
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
      const cv = payload.cv === undefined ? 1 : payload.cv;
      if (typeof cv !== 'number' || !Number.isInteger(cv)) return null;
      if (payload.rst !== undefined && payload.rst !== 'mfa-enrolment') return null;
      return { sub: payload.sub, tid: payload.tid, cv, ...(payload.rst ? { restriction: 'mfa-enrolment' as const } : {}) };
    } catch {
      return null;
    }
  }
}
