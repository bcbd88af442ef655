import { MigrationInterface, QueryRunner } from 'typeorm';

/** Foundation: tenants, partners, users, dossiers with subjects apart, workflow events, contributions, audit, outbox. */
export class InitialSchema1763700000000 implements MigrationInterface {
  name = 'InitialSchema1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE partners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('BURGEMEESTER','CASEMANAGEMENT','POLITIE','PARKET','OCMW','ONDERWIJS','PREVENTIE','JURIDISCHE_DIENST','OTHER')),
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name),
        UNIQUE (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin','chair','casemanager','member','evaluator','auditor')),
        partner_id uuid,
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, partner_id) REFERENCES partners(tenant_id, id),
        CHECK (role IN ('admin','evaluator','auditor') OR partner_id IS NOT NULL),
        UNIQUE (tenant_id, id)
      )`);
    // Login has no tenant in its request, so an e-mail address identifies one account across tenants.
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);

    await q.query(`
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        account_key text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_failures_account ON login_failures (account_key, at)`);
    await q.query(`CREATE INDEX login_failures_ip ON login_failures (ip, at)`);

    await q.query(`
      CREATE TABLE dossier_reference_counters (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        year integer NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (tenant_id, year)
      )`);
    await q.query(`
      CREATE TABLE dossiers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        reference text NOT NULL,
        phenomenon text NOT NULL CHECK (phenomenon IN ('RADICALISERING','POLARISERING','EXTREMISME','TERRORISME')),
        state text NOT NULL,
        referring_partner_id uuid NOT NULL,
        received_on date NOT NULL,
        summary text,
        casemanager_id uuid,
        involved_partner_ids uuid[] NOT NULL DEFAULT '{}',
        closure_reason text,
        return_state text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        anonymised_at timestamptz,
        UNIQUE (tenant_id, reference),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, referring_partner_id) REFERENCES partners(tenant_id, id),
        FOREIGN KEY (tenant_id, casemanager_id) REFERENCES users(tenant_id, id)
      )`);
    await q.query(`CREATE INDEX dossiers_tenant_state ON dossiers (tenant_id, state)`);
    await q.query(`CREATE INDEX dossiers_involved ON dossiers USING gin (involved_partner_ids)`);

    // Identification is stored apart from case content (GDPR art. 9/10 minimisation).
    await q.query(`
      CREATE TABLE subjects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        dossier_id uuid NOT NULL UNIQUE,
        first_name text,
        last_name text,
        birth_date date,
        gender text CHECK (gender IN ('M','V','X')),
        municipality text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers(tenant_id, id)
      )`);

    // One event table for every lifecycle (dossier, meeting, agreement, feedback sheet): same engine, same shape.
    await q.query(`
      CREATE TABLE workflow_events (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        seq integer NOT NULL,
        event text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor_id uuid,
        reason text,
        payload jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (entity_type, entity_id, seq)
      )`);
    await q.query(`CREATE INDEX workflow_events_tenant ON workflow_events (tenant_id, entity_type, at)`);

    await q.query(`
      CREATE TABLE contributions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        dossier_id uuid NOT NULL,
        author_id uuid NOT NULL,
        author_partner_id uuid,
        visibility text NOT NULL CHECK (visibility IN ('KERNTEAM','RESTRICTED')),
        text text,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers(tenant_id, id),
        FOREIGN KEY (tenant_id, author_id) REFERENCES users(tenant_id, id)
      )`);
    await q.query(`CREATE INDEX contributions_dossier ON contributions (dossier_id, created_at)`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        tenant_id uuid REFERENCES tenants(id),
        seq bigint NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid,
        action text NOT NULL,
        entity_type text,
        entity_id uuid,
        outcome text NOT NULL CHECK (outcome IN ('ALLOWED','DENIED')),
        ip text,
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX audit_events_chain ON audit_events (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), seq)`);
    await q.query(`CREATE INDEX audit_events_entity ON audit_events (tenant_id, entity_type, entity_id)`);
    await q.query(`CREATE INDEX audit_events_at ON audit_events (tenant_id, at)`);
    // The head of each tenant's hash chain; its row lock serialises appends so the chain stays linear.
    await q.query(`
      CREATE TABLE audit_chain_heads (
        chain_key uuid PRIMARY KEY,
        last_seq bigint NOT NULL,
        last_hash text NOT NULL
      )`);

    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        tenant_id uuid REFERENCES tenants(id),
        job_name text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['outbox', 'audit_chain_heads', 'audit_events', 'contributions', 'workflow_events', 'subjects', 'dossiers',
      'dossier_reference_counters', 'login_failures', 'users', 'partners', 'tenants']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
