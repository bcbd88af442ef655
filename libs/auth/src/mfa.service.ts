import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '@kernteam/audit';
import { conflict, domainRule, invalid, Problem } from '@kernteam/http';
import { readRuntimeConfig, TenantDb } from '@kernteam/persistence';
import { authSecret } from './auth-secret';
import { SessionService } from './session.service';
import { base32Encode, newTotpSecret, openSecret, otpauthUri, sealSecret, verifyTotp } from './totp';

/** A sign-in challenge (password proven, second factor still to come) is valid this long, and once. */
export const CHALLENGE_SECONDS = 300;
export const RECOVERY_CODE_COUNT = 10;

/** The otpauth URI as an SVG QR code; qrcode (and its PNG stack) is loaded on the first enrolment, not at boot. */
const qrSvg = (uri: string): Promise<string> =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('qrcode') as typeof import('qrcode')).toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

export class TotpEnrolmentView {
  @ApiProperty({ description: 'The secret in base32, to type into an authenticator app that cannot scan the QR code.', example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  secret: string;
  @ApiProperty({ example: 'otpauth://totp/Kernteam:jan%40example.be?secret=…&issuer=Kernteam&algorithm=SHA1&digits=6&period=30' })
  otpauthUri: string;
  @ApiProperty({ description: 'The otpauth URI as a QR code, an SVG document (show it as a data: image).' })
  qrSvg: string;
}

export class RecoveryCodesView {
  @ApiProperty({ type: [String], description: 'Ten one-time recovery codes, shown this once; only their hashes are kept.' })
  recoveryCodes: string[];
}

export class TotpStatusView {
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) enabledAt: string | null;
  @ApiProperty({ description: "The tenant requires a second factor for the user's role (tenant setting mfaRequiredRoles)." }) required: boolean;
  @ApiProperty({ type: 'integer' }) recoveryCodesLeft: number;
}

export interface Challenged { challenge: string; expiresAt: Date }

/** The second sign-in step: not an error of the client, the answer to a correct password of a user with a second factor. */
export const mfaRequired = (c: Challenged) => Object.assign(
  new Problem(401, 'The password is correct; now send a code of the authenticator app (or a recovery code) with the challenge.', 'urn:kernteam:problem:mfa-required'),
  { extensions: { mfaRequired: true, challenge: c.challenge, challengeExpiresAt: c.expiresAt.toISOString() } },
);

const badCode = (field: 'code' | 'recoveryCode') => new Problem(401, 'The code is not correct.', 'urn:kernteam:problem:unauthenticated', [
  { field, message: field === 'code' ? 'De code klopt niet. / Le code est incorrect.' : 'Deze herstelcode is onbekend of al gebruikt. / Ce code de récupération est inconnu ou déjà utilisé.' },
]);

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
/** Recovery codes as people type them: case, spaces and dashes do not matter. */
const normaliseRecovery = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

interface TotpRow { email: string; totp_secret: string | null; totp_pending_secret: string | null; totp_last_step: string | null; required: boolean; enabled_at: Date | null }

/**
 * The second factor of local accounts: TOTP (RFC 6238) with ten one-time recovery codes, and the sign-in challenge
 * between password and code. Secrets are sealed with a key derived from AUTH_SECRET.
 */
@Injectable()
export class MfaService {
  private readonly key: Buffer;
  private readonly recoveryKey: Buffer;

  constructor(private readonly db: TenantDb, private readonly audit: AuditService, private readonly sessions: SessionService) {
    const secret = authSecret(readRuntimeConfig());
    this.key = createHmac('sha256', secret).update('kernteam totp secret').digest();
    this.recoveryKey = createHmac('sha256', secret).update('kernteam recovery code').digest();
  }

  /** Whether the user has a second factor, and whether their tenant requires one for their role. */
  async state(em: EntityManager, userId: string): Promise<{ enrolled: boolean; required: boolean }> {
    const [r]: { enrolled: boolean; required: boolean }[] = await em.query(
      `SELECT u.totp_enabled_at IS NOT NULL AS enrolled, u.role = ANY(t.mfa_required_roles) AS required
         FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.id = $1`, [userId]);
    return r;
  }

  async status(actor: { id: string; tenantId: string }): Promise<TotpStatusView> {
    return this.db.tx(actor, async (em) => {
      const r = await this.row(em, actor.id);
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [actor.id]);
      return { enabled: !!r.enabled_at, enabledAt: r.enabled_at ? new Date(r.enabled_at).toISOString() : null, required: r.required, recoveryCodesLeft: r.enabled_at ? n : 0 };
    });
  }

  /** `POST /api/me/totp/enrol`: a new pending secret (an earlier unconfirmed one is replaced). */
  async enrol(actor: { id: string; tenantId: string; ip: string | null }): Promise<TotpEnrolmentView> {
    return this.db.tx(actor, async (em) => {
      const r = await this.row(em, actor.id);
      if (r.enabled_at) throw conflict('Two-step verification is already on; turn it off first to enrol another device.');
      const secret = newTotpSecret();
      await em.query(`UPDATE users SET totp_pending_secret = $2 WHERE id = $1`, [actor.id, sealSecret(this.key, secret)]);
      await this.audit.record(em, actor, 'user.totp.enrol', { type: 'User', id: actor.id });
      const uri = otpauthUri(secret, r.email, 'Kernteam');
      return { secret: base32Encode(secret), otpauthUri: uri, qrSvg: await qrSvg(uri) };
    });
  }

  /** `POST /api/me/totp/confirm`: a code of the pending secret turns it on; the recovery codes are answered once. */
  async confirm(actor: { id: string; tenantId: string; ip: string | null }, code: string, sessionId: string | undefined): Promise<RecoveryCodesView> {
    return this.db.tx(actor, async (em) => {
      const r = await this.row(em, actor.id);
      if (r.enabled_at) throw conflict('Two-step verification is already on.');
      if (!r.totp_pending_secret) throw domainRule('Start the enrolment first (POST /api/me/totp/enrol).');
      const step = verifyTotp(openSecret(this.key, r.totp_pending_secret), code.trim(), null);
      if (step === null) throw invalid([{ field: 'code', message: 'De code klopt niet: controleer de tijd van uw toestel en probeer de volgende code. / Le code est incorrect : vérifiez l\'heure de votre appareil et essayez le code suivant.' }]);
      await em.query(
        `UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = now(), totp_last_step = $2 WHERE id = $1`,
        [actor.id, step]);
      const codes = await this.newRecoveryCodes(em, actor);
      if (sessionId) await this.sessions.lift(em, sessionId);
      await this.audit.record(em, actor, 'user.totp.enable', { type: 'User', id: actor.id });
      return { recoveryCodes: codes };
    });
  }

  /** `POST /api/me/totp/disable`: the current password and a code; refused when the tenant requires it for the role. */
  async disable(actor: { id: string; tenantId: string; ip: string | null }, code: string): Promise<void> {
    await this.db.tx(actor, async (em) => {
      const r = await this.row(em, actor.id);
      if (!r.enabled_at || !r.totp_secret) throw domainRule('Two-step verification is not on.');
      if (r.required) throw domainRule('Your role requires two-step verification in this LIVC; an administrator can reset it when you lost your device.');
      if (verifyTotp(openSecret(this.key, r.totp_secret), code.trim(), r.totp_last_step === null ? null : Number(r.totp_last_step)) === null) {
        throw invalid([{ field: 'code', message: 'De code klopt niet. / Le code est incorrect.' }]);
      }
      await em.query(`UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1`, [actor.id]);
      await em.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [actor.id]);
      await this.audit.record(em, actor, 'user.totp.disable', { type: 'User', id: actor.id });
    });
  }

  /** After a correct password, in the sign-in transaction: a challenge bound to the user and to how they sign in. */
  async issueChallenge(em: EntityManager, user: { id: string; tenantId: string }, via: 'token' | 'session'): Promise<Challenged> {
    const challenge = randomBytes(32).toString('base64url');
    await em.query(`DELETE FROM mfa_challenges WHERE user_id = $1 AND (used_at IS NOT NULL OR expires_at < now())`, [user.id]);
    const [row] = await em.query(
      `INSERT INTO mfa_challenges (tenant_id, user_id, challenge_hash, via, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING expires_at`,
      [user.tenantId, user.id, sha256(challenge), via, CHALLENGE_SECONDS]);
    return { challenge, expiresAt: new Date(row.expires_at) };
  }

  /** The user and tenant of a live, unused challenge of this kind of sign-in, or null. */
  async findChallenge(challenge: string, via: 'token' | 'session'): Promise<{ userId: string; tenantId: string; email: string } | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return null;
    const [row]: { user_id: string; tenant_id: string; email: string }[] = await this.db.system((em) => em.query(
      `SELECT c.user_id, c.tenant_id, u.email FROM mfa_challenges c JOIN users u ON u.id = c.user_id AND u.active
        WHERE c.challenge_hash = $1 AND c.via = $2 AND c.used_at IS NULL AND c.expires_at > now()`, [sha256(challenge), via]));
    return row ? { userId: row.user_id, tenantId: row.tenant_id, email: row.email } : null;
  }

  /**
   * In the completing transaction: checks the code (or spends the recovery code) and spends the challenge; throws the
   * field's 401 when the code is wrong (nothing spent), or a plain 401 when the challenge was used meanwhile.
   */
  async complete(em: EntityManager, challenge: string, userId: string, proof: { code?: string; recoveryCode?: string }): Promise<'totp' | 'recovery-code'> {
    const r = await this.row(em, userId);
    let factor: 'totp' | 'recovery-code';
    if (proof.code !== undefined) {
      const step = r.totp_secret ? verifyTotp(openSecret(this.key, r.totp_secret), proof.code.trim(), r.totp_last_step === null ? null : Number(r.totp_last_step)) : null;
      if (step === null) throw badCode('code');
      const [, n]: [unknown, number] = await em.query(
        `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`, [userId, step]);
      if (n !== 1) throw badCode('code');
      factor = 'totp';
    } else {
      const [, n]: [unknown, number] = await em.query(
        `UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
        [userId, this.recoveryHash(userId, normaliseRecovery(proof.recoveryCode ?? ''))]);
      if (n !== 1) throw badCode('recoveryCode');
      factor = 'recovery-code';
    }
    const [, used]: [unknown, number] = await em.query(
      `UPDATE mfa_challenges SET used_at = now() WHERE challenge_hash = $1 AND used_at IS NULL AND expires_at > now()`, [sha256(challenge)]);
    if (used !== 1) throw challengeGone();
    return factor;
  }

  private async newRecoveryCodes(em: EntityManager, user: { id: string; tenantId: string }): Promise<string[]> {
    await em.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [user.id]);
    const codes: string[] = [];
    for (let i = 0; i < RECOVERY_CODE_COUNT; i++) {
      const raw = base32Encode(randomBytes(7)).slice(0, 10);
      codes.push(`${raw.slice(0, 5)}-${raw.slice(5)}`);
      await em.query(`INSERT INTO recovery_codes (tenant_id, user_id, code_hash) VALUES ($1, $2, $3)`, [user.tenantId, user.id, this.recoveryHash(user.id, raw)]);
    }
    return codes;
  }

  private recoveryHash(userId: string, normalised: string): string {
    return createHmac('sha256', this.recoveryKey).update(`${userId}:${normalised}`).digest('hex');
  }

  private async row(em: EntityManager, userId: string): Promise<TotpRow> {
    const [r]: TotpRow[] = await em.query(
      `SELECT u.email, u.totp_secret, u.totp_pending_secret, u.totp_last_step, u.totp_enabled_at AS enabled_at, u.role = ANY(t.mfa_required_roles) AS required
         FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.id = $1`, [userId]);
    return r;
  }
}

export const challengeGone = () =>
  new Problem(401, 'This sign-in step has expired or was used already. Sign in again with your password.', 'urn:kernteam:problem:mfa-challenge-expired');
