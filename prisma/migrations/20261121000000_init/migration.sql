-- Core records of the walking skeleton: tenants, api keys, conversations,
-- messages and jobs. Runs as the schema owner. The apps connect as
-- `copilot_app`, which owns nothing and cannot bypass row level security.

CREATE EXTENSION IF NOT EXISTS vector;

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'copilot_app') THEN
    -- Operators give it LOGIN and a password; local setup does so in scripts/services.sh.
    CREATE ROLE copilot_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;

-- The tenant of the current transaction, or null when none was set: policies
-- compare against it, so a query without a tenant sees nothing.
CREATE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL,
  name text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tenants_slug_key ON tenants (slug);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL,
  scopes text[] NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3),
  revoked_at timestamptz(3)
);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_tenant_id_idx ON api_keys (tenant_id);

CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  title text,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX conversations_tenant_id_created_at_id_idx ON conversations (tenant_id, created_at DESC, id);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE ON UPDATE CASCADE,
  role text NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
  content text NOT NULL,
  job_id uuid,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
-- One assistant message per generation job, however often the job runs.
CREATE UNIQUE INDEX messages_job_id_key ON messages (job_id);
CREATE INDEX messages_conversation_id_created_at_id_idx ON messages (conversation_id, created_at, id);

CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  queue text NOT NULL,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress integer NOT NULL DEFAULT 0,
  payload jsonb NOT NULL,
  result jsonb,
  error jsonb,
  attempts integer NOT NULL DEFAULT 0,
  idempotency_key text,
  request_id text,
  dispatched_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  started_at timestamptz(3),
  finished_at timestamptz(3)
);
CREATE UNIQUE INDEX jobs_tenant_id_idempotency_key_key ON jobs (tenant_id, idempotency_key);
CREATE INDEX jobs_created_at_idx ON jobs (created_at);
-- What the outbox relay scans: small, because dispatched rows leave it.
CREATE INDEX jobs_undispatched_idx ON jobs (created_at) WHERE dispatched_at IS NULL;

-- Row level security, forced so that even the owner's sessions obey it.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
  USING (id = app_current_tenant()) WITH CHECK (id = app_current_tenant());

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversations
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON messages
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON jobs
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- The two reads that must happen before a tenant is known. SECURITY DEFINER runs
-- them as the owner; each returns only the columns its caller needs.

-- Authentication: the active key with this hash, if any.
CREATE FUNCTION app_find_api_key(p_key_hash text)
  RETURNS TABLE (id uuid, tenant_id uuid, scopes text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT k.id, k.tenant_id, k.scopes FROM api_keys k
    WHERE k.key_hash = p_key_hash
      AND k.revoked_at IS NULL
      AND (k.expires_at IS NULL OR k.expires_at > now())
  $$;

-- Outbox relay: jobs of any tenant that were accepted but never reached the queue.
CREATE FUNCTION app_undispatched_jobs(p_older_than_ms integer, p_limit integer)
  RETURNS TABLE (id uuid, tenant_id uuid, queue text, name text, payload jsonb)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT j.id, j.tenant_id, j.queue, j.name, j.payload FROM jobs j
    WHERE j.dispatched_at IS NULL
      AND j.status = 'queued'
      AND j.created_at < now() - make_interval(secs => p_older_than_ms / 1000.0)
    ORDER BY j.created_at
    LIMIT p_limit
  $$;

-- Outbox backlog (a metric): how many accepted jobs have not reached the queue.
CREATE FUNCTION app_outbox_backlog() RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT count(*) FROM jobs WHERE dispatched_at IS NULL AND status = 'queued' $$;

REVOKE ALL ON FUNCTION app_find_api_key(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_outbox_backlog() FROM PUBLIC;
REVOKE ALL ON FUNCTION app_undispatched_jobs(integer, integer) FROM PUBLIC;

GRANT USAGE ON SCHEMA public TO copilot_app;
GRANT SELECT ON tenants TO copilot_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON api_keys, conversations, messages, jobs TO copilot_app;
GRANT EXECUTE ON FUNCTION app_current_tenant() TO copilot_app;
GRANT EXECUTE ON FUNCTION app_find_api_key(text) TO copilot_app;
GRANT EXECUTE ON FUNCTION app_undispatched_jobs(integer, integer) TO copilot_app;
GRANT EXECUTE ON FUNCTION app_outbox_backlog() TO copilot_app;
