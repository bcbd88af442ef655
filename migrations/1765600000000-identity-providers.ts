import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from './support/tenant-rls';

/**
 * OpenID Connect sign-in. `identity_providers`: a tenant's providers as its admin configured them; the client secret
 * or private JWK is stored only encrypted (`secret_enc`, AES-256-GCM under a key derived from AUTH_SECRET) and never
 * shown again. `user_identities`: the provider subject (`sub`) a Kernteam user was matched to on a first sign-in, so
 * later sign-ins match by subject, not by e-mail. `oidc_sessions`: the ID token of a browser session signed in through a
 * provider (encrypted), kept for the RP-initiated logout (`id_token_hint`); it goes with its session.
 */
export class IdentityProviders1765600000000 implements MigrationInterface {
  name = 'IdentityProviders1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity_providers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        issuer text NOT NULL,
        client_id text NOT NULL,
        client_auth text NOT NULL CHECK (client_auth IN ('client_secret_basic', 'client_secret_post', 'private_key_jwt')),
        secret_enc text NOT NULL,
        end_session boolean NOT NULL DEFAULT true,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, display_name)
      )`);
    await enableTenantRls(q, 'identity_providers');
    await q.query(`
      CREATE TABLE user_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        provider_id uuid NOT NULL,
        user_id uuid NOT NULL,
        subject text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, provider_id) REFERENCES identity_providers(tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE,
        UNIQUE (provider_id, subject),
        UNIQUE (provider_id, user_id)
      )`);
    await enableTenantRls(q, 'user_identities');
    await q.query(`
      CREATE TABLE oidc_sessions (
        session_id uuid PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL,
        provider_id uuid NOT NULL,
        id_token_enc text NOT NULL,
        FOREIGN KEY (tenant_id, provider_id) REFERENCES identity_providers(tenant_id, id) ON DELETE CASCADE
      )`);
    await enableTenantRls(q, 'oidc_sessions');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS oidc_sessions`);
    await q.query(`DROP TABLE IF EXISTS user_identities`);
    await q.query(`DROP TABLE IF EXISTS identity_providers`);
  }
}
