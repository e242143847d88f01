-- Tools a copilot may call, the MCP servers some of them come from, and the steps of
-- an agent run (each model call and tool call, written before it starts and when it
-- ends, so a run resumes after a crash without repeating a finished call).

CREATE TABLE mcp_servers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name text NOT NULL CHECK (name ~ '^[a-zA-Z0-9_-]{1,40}$'),
  url text NOT NULL,
  -- The tenant secret (TenantSecrets) holding its bearer token, if any; never the token.
  secret_name text,
  -- Only these of its tools are offered; empty: all of them.
  allowed_tools text[] NOT NULL DEFAULT '{}',
  timeout_ms integer NOT NULL DEFAULT 30000 CHECK (timeout_ms BETWEEN 100 AND 600000),
  -- The server's tools as it last listed them ({name, description, inputSchema}[]).
  tools jsonb NOT NULL DEFAULT '[]',
  tools_refreshed_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mcp_servers_tenant_id_name_key ON mcp_servers (tenant_id, name);
ALTER TABLE mcp_servers ENABLE ROW LEVEL SECURITY;
ALTER TABLE mcp_servers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mcp_servers
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON mcp_servers TO copilot_app;

CREATE TABLE tools (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  -- What the model calls it: the strictest of the vendors' rules.
  name text NOT NULL CHECK (name ~ '^[a-zA-Z0-9_-]{1,64}$'),
  description text NOT NULL DEFAULT '',
  -- JSON Schema of the arguments (an object schema).
  parameters jsonb NOT NULL DEFAULT '{"type":"object","properties":{}}',
  kind text NOT NULL CHECK (kind IN ('http', 'client')),
  -- http: { method, urlTemplate, headers, source? } (headers without credentials).
  config jsonb NOT NULL DEFAULT '{}',
  -- The tenant secret holding its credential headers, if any; never the credentials.
  secret_name text,
  -- Safe to run again after a crash mid-call (sent an Idempotency-Key derived from the call id).
  idempotent boolean NOT NULL DEFAULT false,
  timeout_ms integer NOT NULL DEFAULT 30000 CHECK (timeout_ms BETWEEN 100 AND 600000),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tools_tenant_id_name_key ON tools (tenant_id, name);
CREATE INDEX tools_tenant_id_created_at_id_idx ON tools (tenant_id, created_at DESC, id);
ALTER TABLE tools ENABLE ROW LEVEL SECURITY;
ALTER TABLE tools FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tools
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON tools TO copilot_app;

-- A copilot's tools by name ({name, approval}[]: a tenant tool, a builtin, or an MCP
-- server's `server__tool`), and the caps of its agent runs.
ALTER TABLE copilots
  ADD COLUMN tools jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN tool_choice jsonb NOT NULL DEFAULT '"auto"',
  ADD COLUMN max_steps integer NOT NULL DEFAULT 10 CHECK (max_steps BETWEEN 1 AND 100),
  ADD COLUMN max_tool_calls integer CHECK (max_tool_calls BETWEEN 1 AND 1000),
  ADD COLUMN parallel_tool_calls boolean NOT NULL DEFAULT true;

CREATE TABLE run_steps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  -- Order within the run: a model step, then its tool calls, then the next model step.
  seq integer NOT NULL CHECK (seq >= 0),
  kind text NOT NULL CHECK (kind IN ('model', 'tool')),
  status text NOT NULL CHECK (
    status IN ('running', 'succeeded', 'failed', 'rejected', 'timeout', 'cancelled', 'awaiting_approval', 'awaiting_output')
  ),
  -- model steps: the model answering; tool steps: the call the model made.
  provider text,
  model text,
  tool_call_id text,
  tool_name text,
  tool_kind text,
  -- The call's arguments as the model wrote them (JSON text), and a digest an approval is bound to.
  arguments text,
  arguments_digest text,
  -- model: { text, toolCalls, finishReason }; tool: { output } (size-capped), or the error.
  output jsonb,
  error jsonb,
  input_tokens integer,
  output_tokens integer,
  -- Approvals: who decided what (once), and why.
  decision text CHECK (decision IN ('approved', 'rejected', 'expired')),
  decision_reason text,
  decided_at timestamptz(3),
  started_at timestamptz(3) NOT NULL DEFAULT now(),
  finished_at timestamptz(3),
  duration_ms integer
);
CREATE UNIQUE INDEX run_steps_job_id_seq_key ON run_steps (job_id, seq);
CREATE UNIQUE INDEX run_steps_job_id_tool_call_id_key ON run_steps (job_id, tool_call_id);
CREATE INDEX run_steps_tenant_id_idx ON run_steps (tenant_id);
ALTER TABLE run_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_steps FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON run_steps
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON run_steps TO copilot_app;
