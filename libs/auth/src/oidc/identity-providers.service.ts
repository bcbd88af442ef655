import { Injectable } from '@nestjs/common';
import { Actor } from '@kernteam/access';
import { AuditService } from '@kernteam/audit';
import { conflict, FieldError, invalid, notFound, staleVersion } from '@kernteam/http';
import { readRuntimeConfig, TenantDb } from '@kernteam/persistence';
import { EntityManager } from 'typeorm';
import { ClientAuthMethod, CreateIdentityProviderDto, IdentityProviderView, UpdateIdentityProviderDto } from './identity-provider.dto';
import { SecretBox } from './secret-box';

/** A provider row with its secret still sealed. */
export interface IdentityProviderRow {
  id: string;
  tenant_id: string;
  display_name: string;
  issuer: string;
  client_id: string;
  client_auth: ClientAuthMethod;
  secret_enc: string;
  end_session: boolean;
  active: boolean;
  version: number;
  updated_at: Date;
}

export const CALLBACK_PATH = '/api/auth/oidc/callback';
export const callbackUrl = () => `${readRuntimeConfig().publicUrl}${CALLBACK_PATH}`;
export const postLogoutUrl = () => `${readRuntimeConfig().publicUrl}/login`;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** http is for a provider on this machine only (the demo, tests); anything else must be https. */
export const isLoopbackHttp = (u: URL) => u.protocol === 'http:' && LOOPBACK.has(u.hostname);

const PRIVATE_JWK_ALGS = ['RS256', 'PS256', 'ES256'];

/** The field errors of a provider's settings: issuer URL form, and a private JWK that is one. */
export function settingsErrors(issuer: string, clientAuth: ClientAuthMethod, secret: string | undefined): FieldError[] {
  const errors: FieldError[] = [];
  let url: URL | undefined;
  try {
    url = new URL(issuer);
  } catch {
    /* reported below */
  }
  if (!url || !(url.protocol === 'https:' || isLoopbackHttp(url)) || url.search || url.hash || url.username) {
    errors.push({ field: 'issuer', message: 'The issuer must be an https URL without query (http only on loopback).' });
  }
  if (clientAuth === 'private_key_jwt' && secret !== undefined) {
    let jwk: Record<string, unknown> | undefined;
    try {
      jwk = JSON.parse(secret);
    } catch {
      /* reported below */
    }
    if (!jwk || typeof jwk !== 'object' || typeof jwk.d !== 'string' || typeof jwk.kid !== 'string' || !PRIVATE_JWK_ALGS.includes(String(jwk.alg))) {
      errors.push({ field: 'secret', message: 'For private_key_jwt the secret is a private JWK (JSON with d, kid and alg RS256, PS256 or ES256).' });
    }
  }
  return errors;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/** `/api/identity-providers`: a tenant's OpenID providers, managed by its admin; secrets go in, never out. */
@Injectable()
export class IdentityProvidersService {
  readonly box = new SecretBox('identity-provider secrets');

  constructor(private readonly db: TenantDb, private readonly audit: AuditService) {}

  view(r: IdentityProviderRow): IdentityProviderView {
    return {
      id: r.id, displayName: r.display_name, issuer: r.issuer, clientId: r.client_id, clientAuth: r.client_auth, endSession: r.end_session,
      active: r.active, version: r.version, redirectUri: callbackUrl(), postLogoutRedirectUri: postLogoutUrl(),
    };
  }

  list(actor: Actor): Promise<IdentityProviderView[]> {
    return this.db.tx(actor, async (em) =>
      ((await em.query(`SELECT * FROM identity_providers WHERE tenant_id = $1 ORDER BY display_name`, [actor.tenantId])) as IdentityProviderRow[]).map((r) => this.view(r)));
  }

  async get(actor: Actor, id: string): Promise<IdentityProviderView> {
    return this.db.tx(actor, async (em) => this.view(await this.row(em, actor.tenantId, id)));
  }

  async create(actor: Actor, dto: CreateIdentityProviderDto): Promise<IdentityProviderView> {
    const errors = settingsErrors(dto.issuer, dto.clientAuth, dto.secret);
    if (errors.length) throw invalid(errors);
    try {
      return await this.db.tx(actor, async (em) => {
        const [row] = await em.query(
          `INSERT INTO identity_providers (tenant_id, display_name, issuer, client_id, client_auth, secret_enc, end_session, active)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [actor.tenantId, dto.displayName.trim(), dto.issuer.replace(/\/+$/, ''), dto.clientId, dto.clientAuth, this.box.seal(dto.secret), dto.endSession ?? true, dto.active ?? true],
        );
        await this.audit.record(em, actor, 'identity-provider.create', { type: 'IdentityProvider', id: row.id }, { clientAuth: dto.clientAuth });
        return this.view(row);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('An identity provider with this name already exists.');
      throw e;
    }
  }

  async update(actor: Actor, id: string, dto: UpdateIdentityProviderDto): Promise<IdentityProviderView> {
    try {
      return await this.db.tx(actor, async (em) => {
        const current = await this.row(em, actor.tenantId, id);
        if (dto.version !== undefined && dto.version !== current.version) throw staleVersion();
        const clientAuth = dto.clientAuth ?? current.client_auth;
        const kindChanged = (clientAuth === 'private_key_jwt') !== (current.client_auth === 'private_key_jwt');
        const errors = settingsErrors(dto.issuer ?? current.issuer, clientAuth, dto.secret);
        if (kindChanged && dto.secret === undefined) errors.push({ field: 'secret', message: 'A new secret is needed when the client authentication changes.' });
        if (errors.length) throw invalid(errors);
        const [rows] = await em.query(
          `UPDATE identity_providers SET display_name = $3, issuer = $4, client_id = $5, client_auth = $6, secret_enc = $7, end_session = $8, active = $9,
                  version = version + 1, updated_at = now()
            WHERE id = $1 AND tenant_id = $2 AND version = $10 RETURNING *`,
          [id, actor.tenantId, dto.displayName?.trim() ?? current.display_name, dto.issuer?.replace(/\/+$/, '') ?? current.issuer, dto.clientId ?? current.client_id,
            clientAuth, dto.secret !== undefined ? this.box.seal(dto.secret) : current.secret_enc, dto.endSession ?? current.end_session, dto.active ?? current.active, current.version],
        );
        if (!rows?.length) throw staleVersion();
        // Which fields changed, never their values (a secret above all).
        const fields = Object.keys(dto).filter((k) => k !== 'version').sort().join(',');
        await this.audit.record(em, actor, 'identity-provider.update', { type: 'IdentityProvider', id }, { fields });
        return this.view(rows[0]);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('An identity provider with this name already exists.');
      throw e;
    }
  }

  /** Its matched identities and sessions' ID tokens go with it; the users stay (they sign in with a password or another provider). */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.tx(actor, async (em) => {
      await this.row(em, actor.tenantId, id);
      await em.query(`DELETE FROM identity_providers WHERE id = $1 AND tenant_id = $2`, [id, actor.tenantId]);
      await this.audit.record(em, actor, 'identity-provider.delete', { type: 'IdentityProvider', id });
    });
  }

  private async row(em: EntityManager, tenantId: string, id: string): Promise<IdentityProviderRow> {
    const [row] = await em.query(`SELECT * FROM identity_providers WHERE id = $1 AND tenant_id = $2`, [id, tenantId]);
    if (!row) throw notFound('identity provider');
    return row;
  }
}
