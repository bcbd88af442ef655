import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { readRuntimeConfig } from '@kernteam/persistence';
import { authSecret } from './auth-secret';

/** `cv`: the user's credentials version when the token was issued (absent in tokens from before it existed: version 1). */
export interface TokenClaims { sub: string; tid: string; cv: number; restriction?: 'mfa-enrolment' }

/** Verified tokens kept (their claims only, no personal data); the oldest goes first. */
const VERIFIED_CACHE_SIZE = 10_000;

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

  /**
   * Tokens whose signature was checked, with their claims and end: an API client sends the same token for an hour, and
   * the HMAC and the JSON of each request are then skipped. Expiry is still checked on every use; whether the account is
   * still active and its credentials version unchanged is checked in the database on every request, as before.
   */
  private readonly verified = new Map<string, { claims: TokenClaims; exp: number }>();

  async verify(token: string): Promise<TokenClaims | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp * 1000 > Date.now()) return known.claims;
      this.verified.delete(token);
      return null;
    }
    const claims = await this.check(token);
    if (claims) {
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
      return claims.claims;
    }
    return null;
  }

  private async check(token: string): Promise<{ claims: TokenClaims; exp: number } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'kernteam', audience: 'kernteam-api' });
      if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string') return null;
      const cv = payload.cv === undefined ? 1 : payload.cv;
      if (typeof cv !== 'number' || !Number.isInteger(cv)) return null;
      if (payload.rst !== undefined && payload.rst !== 'mfa-enrolment') return null;
      if (typeof payload.exp !== 'number') return null;
      return { claims: { sub: payload.sub, tid: payload.tid, cv, ...(payload.rst ? { restriction: 'mfa-enrolment' as const } : {}) }, exp: payload.exp };
    } catch {
      return null;
    }
  }
}
