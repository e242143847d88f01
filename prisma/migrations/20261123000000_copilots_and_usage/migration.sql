-- Copilots (named assistants), usage accounting, token budgets and job cancellation.

CREATE TABLE copilots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name text NOT NULL,
  instructions text NOT NULL DEFAULT '',
  -- provider/model, e.g. anthropic/claude-sonnet-4-5; null: DEFAULT_MODEL
  model text,
  temperature double precision CHECK (temperature >= 0 AND temperature <= 2),
  max_tokens integer CHECK (max_tokens > 0),
  -- Tried in order when the model's provider fails before the first token.
  fallback_models text[] NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX copilots_tenant_id_created_at_id_idx ON copilots (tenant_id, created_at DESC, id);
ALTER TABLE copilots ENABLE ROW LEVEL SECURITY;
ALTER TABLE copilots FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON copilots
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON copilots TO copilot_app;

ALTER TABLE conversations
  ADD COLUMN copilot_id uuid REFERENCES copilots (id) ON DELETE SET NULL;

-- One row per provider call that ended (success or not): the source of /v1/usage.
CREATE TABLE usage_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  job_id uuid,
  conversation_id uuid,
  provider text NOT NULL,
  model text NOT NULL,
  input_tokens integer NOT NULL DEFAULT 0,
  output_tokens integer NOT NULL DEFAULT 0,
  latency_ms integer NOT NULL,
  time_to_first_token_ms integer,
  outcome text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX usage_records_tenant_id_created_at_idx ON usage_records (tenant_id, created_at);
ALTER TABLE usage_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_records FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_records
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT ON usage_records TO copilot_app;

-- Optional token budgets per tenant (null: unlimited), set by operators.
ALTER TABLE tenants
  ADD COLUMN daily_token_budget bigint CHECK (daily_token_budget > 0),
  ADD COLUMN monthly_token_budget bigint CHECK (monthly_token_budget > 0);

ALTER TABLE jobs
  ADD COLUMN cancel_requested_at timestamptz(3);
