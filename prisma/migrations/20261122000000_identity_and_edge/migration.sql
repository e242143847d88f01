-- Identity and the HTTP edge: key rotation and per-key rate limits, last-used
-- times, audit events, and tenant secrets encrypted at rest.

ALTER TABLE api_keys
  ADD COLUMN last_used_at timestamptz(3),
  -- Requests per rate-limit window for this key; null: the platform default.
  ADD COLUMN rate_limit integer CHECK (rate_limit > 0),
  -- The key that replaced this one (rotation); this one expires after a grace period.
  ADD COLUMN replaced_by_id uuid REFERENCES api_keys (id) ON DELETE SET NULL;

-- The authentication lookup now also returns the key's own rate limit.
DROP FUNCTION app_find_api_key(text);
CREATE FUNCTION app_find_api_key(p_key_hash text)
  RETURNS TABLE (id uuid, tenant_id uuid, scopes text[], rate_limit integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT k.id, k.tenant_id, k.scopes, k.rate_limit FROM api_keys k
    WHERE k.key_hash = p_key_hash
      AND k.revoked_at IS NULL
      AND (k.expires_at IS NULL OR k.expires_at > now())
  $$;
REVOKE ALL ON FUNCTION app_find_api_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_find_api_key(text) TO copilot_app;

-- Who did what, when: append-only for the apps.
CREATE TABLE audit_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  -- api_key, jwt or cli; with the key id, the token subject or the operator
  actor_type text NOT NULL,
  actor_id text NOT NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  request_id text,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_tenant_id_created_at_id_idx ON audit_events (tenant_id, created_at DESC, id);
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT ON audit_events TO copilot_app;

-- Anything secret stored for a tenant (provider keys, webhook secrets): AES-256-GCM
-- ciphertext only, with the version of the key that sealed it.
CREATE TABLE tenant_secrets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name text NOT NULL,
  ciphertext text NOT NULL,
  key_version integer NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tenant_secrets_tenant_id_name_key ON tenant_secrets (tenant_id, name);
CREATE INDEX tenant_secrets_key_version_idx ON tenant_secrets (key_version);
ALTER TABLE tenant_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_secrets
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_secrets TO copilot_app;
