import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { authSecret } from '../auth-secret';

/**
 * Encrypts what Kernteam must keep but never show (an identity provider's client secret or private JWK, a session's
 * ID token): AES-256-GCM under a key derived from AUTH_SECRET by HKDF with a purpose label of its own. Stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). A changed AUTH_SECRET makes these unreadable: the admin enters the secrets
 * again (every session ends with such a change anyway).
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(purpose: string, secret: string = authSecret()) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'kernteam', `kernteam ${purpose}`, 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  /** The plain text, or null when the value was not sealed with this key (tampered, or AUTH_SECRET changed). */
  open(sealed: string): string | null {
    const [v, iv, tag, data] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || data === undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
