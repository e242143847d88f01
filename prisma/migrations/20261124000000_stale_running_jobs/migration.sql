-- No job stays `running` forever: jobs of any tenant that started long ago and
-- never ended (their worker died and the queue lost them) are found by the
-- scheduler's relay, which hands them to the queue again.
CREATE INDEX jobs_running_started_at_idx ON jobs (started_at) WHERE status = 'running';

CREATE FUNCTION app_stale_running_jobs(p_older_than_ms integer, p_limit integer)
  RETURNS TABLE (id uuid, tenant_id uuid, queue text, name text, payload jsonb)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT j.id, j.tenant_id, j.queue, j.name, j.payload FROM jobs j
    WHERE j.status = 'running'
      AND j.started_at < now() - make_interval(secs => p_older_than_ms / 1000.0)
    ORDER BY j.started_at
    LIMIT p_limit
  $$;
REVOKE ALL ON FUNCTION app_stale_running_jobs(integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_stale_running_jobs(integer, integer) TO copilot_app;
