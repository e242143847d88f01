-- Maintenance: job heartbeats and the reaper, per-tenant retention, daily usage
-- rollups, and the narrow cross-tenant reads of the platform-admin routes.

-- A running job's worker touches heartbeat_at every few seconds; the reaper hands
-- back jobs whose heartbeat stopped, and gives up after a few hand-backs.
ALTER TABLE jobs
  ADD COLUMN heartbeat_at timestamptz(3),
  ADD COLUMN reap_count integer NOT NULL DEFAULT 0;
CREATE INDEX jobs_queued_dispatched_at_idx ON jobs (dispatched_at) WHERE status = 'queued';
CREATE INDEX jobs_status_created_at_idx ON jobs (status, created_at DESC, id DESC);
-- Retention deletes finished jobs by age, per tenant.
CREATE INDEX jobs_tenant_id_finished_at_idx ON jobs (tenant_id, finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX conversations_tenant_id_updated_at_idx ON conversations (tenant_id, updated_at);

-- Days of conversations and finished jobs a tenant keeps; null: RETENTION_DAYS.
ALTER TABLE tenants ADD COLUMN retention_days integer CHECK (retention_days > 0);

-- Requests and tokens per tenant, UTC day and model, recomputed from usage_records.
CREATE TABLE usage_daily (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  day date NOT NULL,
  provider text NOT NULL,
  model text NOT NULL,
  requests integer NOT NULL,
  input_tokens bigint NOT NULL,
  output_tokens bigint NOT NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, day, provider, model)
);
ALTER TABLE usage_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_daily FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_daily
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON usage_daily TO copilot_app;
-- Every UTC day before this one is complete in usage_daily (null: none rolled up yet),
-- so /v1/usage reads those days from the rollup and only the rest from usage_records.
ALTER TABLE tenants ADD COLUMN usage_rolled_up_until date;
GRANT UPDATE (usage_rolled_up_until) ON tenants TO copilot_app;

-- Every tenant and its retention, for work done tenant by tenant (each in its own
-- RLS transaction): retention and usage rollups.
CREATE FUNCTION app_maintenance_tenants()
  RETURNS TABLE (id uuid, retention_days integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT t.id, t.retention_days FROM tenants t ORDER BY t.created_at, t.id $$;

-- Reaper: running jobs whose heartbeat (or start, before the first beat) is older
-- than p_running_ms, and queued jobs dispatched more than p_queued_ms ago.
CREATE FUNCTION app_reapable_jobs(p_running_ms integer, p_queued_ms integer, p_limit integer)
  RETURNS TABLE (id uuid, tenant_id uuid, queue text, name text, payload jsonb, status text, reap_count integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    (SELECT j.id, j.tenant_id, j.queue, j.name, j.payload, j.status, j.reap_count FROM jobs j
     WHERE j.status = 'running'
       AND coalesce(j.heartbeat_at, j.started_at, j.updated_at) < now() - make_interval(secs => p_running_ms / 1000.0)
     ORDER BY j.started_at LIMIT p_limit)
    UNION ALL
    (SELECT j.id, j.tenant_id, j.queue, j.name, j.payload, j.status, j.reap_count FROM jobs j
     WHERE j.status = 'queued'
       AND j.dispatched_at < now() - make_interval(secs => p_queued_ms / 1000.0)
     ORDER BY j.dispatched_at LIMIT p_limit)
  $$;

-- Reaper: documents still in a processing stage whose job ended or no longer exists.
CREATE FUNCTION app_stuck_documents(p_older_than_ms integer, p_limit integer)
  RETURNS TABLE (id uuid, tenant_id uuid, job_id uuid, job_status text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT d.id, d.tenant_id, d.job_id, j.status FROM documents d
    LEFT JOIN jobs j ON j.id = d.job_id
    WHERE d.stage NOT IN ('indexed', 'failed')
      AND d.updated_at < now() - make_interval(secs => p_older_than_ms / 1000.0)
      AND (j.id IS NULL OR j.status IN ('succeeded', 'failed', 'cancelled'))
    ORDER BY d.updated_at
    LIMIT p_limit
  $$;

-- Platform admin (/v1/admin/jobs): jobs of every tenant or one, newest first,
-- keyset-paginated by (created_at, id). Null filters match everything.
CREATE FUNCTION app_admin_jobs(
  p_status text, p_tenant_id uuid, p_before_created timestamptz, p_before_id uuid, p_limit integer)
  RETURNS SETOF jobs
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT * FROM jobs j
    WHERE (p_status IS NULL OR j.status = p_status)
      AND (p_tenant_id IS NULL OR j.tenant_id = p_tenant_id)
      AND (p_before_created IS NULL OR (j.created_at, j.id) < (p_before_created, p_before_id))
    ORDER BY j.created_at DESC, j.id DESC
    LIMIT p_limit
  $$;

-- Platform admin: one job of any tenant (the retry then runs in that tenant's transaction).
CREATE FUNCTION app_admin_job(p_id uuid)
  RETURNS SETOF jobs
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT * FROM jobs WHERE id = p_id $$;

REVOKE ALL ON FUNCTION app_maintenance_tenants() FROM PUBLIC;
REVOKE ALL ON FUNCTION app_reapable_jobs(integer, integer, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_stuck_documents(integer, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_admin_jobs(text, uuid, timestamptz, uuid, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_admin_job(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_maintenance_tenants() TO copilot_app;
GRANT EXECUTE ON FUNCTION app_reapable_jobs(integer, integer, integer) TO copilot_app;
GRANT EXECUTE ON FUNCTION app_stuck_documents(integer, integer) TO copilot_app;
GRANT EXECUTE ON FUNCTION app_admin_jobs(text, uuid, timestamptz, uuid, integer) TO copilot_app;
GRANT EXECUTE ON FUNCTION app_admin_job(uuid) TO copilot_app;
