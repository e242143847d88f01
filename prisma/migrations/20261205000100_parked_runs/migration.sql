-- job.requires_action: a parked agent run tells integrations what it waits for (an
-- approval, a client tool's output), so they can answer it from elsewhere.
CREATE OR REPLACE FUNCTION app_job_webhook_event() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  parked boolean := NEW.status = 'requires_action';
BEGIN
  -- Ids, status, result and error (null when absent): a job's result holds ids, never message content.
  -- A parked job has no result yet: what it stores there is what it waits for (requiredAction).
  PERFORM app_emit_webhook_event(NEW.tenant_id, 'job.' || NEW.status, jsonb_build_object('job', jsonb_build_object(
    'id', NEW.id, 'type', NEW.name, 'status', NEW.status, 'attempts', NEW.attempts,
    'result', CASE WHEN parked THEN NULL ELSE NEW.result END, 'error', NEW.error,
    'requiredAction', CASE WHEN parked THEN NEW.result ELSE NULL END,
    'createdAt', to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'finishedAt', CASE WHEN parked THEN NULL
      ELSE to_char(coalesce(NEW.finished_at, now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END)));
  RETURN NULL;
END
$$;

DROP TRIGGER jobs_webhook_event ON jobs;
-- Never for webhook jobs themselves: a delivery ending must not emit another delivery.
CREATE TRIGGER jobs_webhook_event AFTER UPDATE OF status ON jobs
  FOR EACH ROW
  WHEN (NEW.status IN ('succeeded', 'failed', 'requires_action') AND OLD.status IS DISTINCT FROM NEW.status AND NEW.queue <> 'webhook')
  EXECUTE FUNCTION app_job_webhook_event();

-- The reaper: parked jobs whose pending action expired, across tenants (the run is
-- then resumed, in its tenant's transaction, and the model told).
CREATE FUNCTION app_expired_parked_jobs(p_limit integer)
  RETURNS TABLE (id uuid, tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT j.id, j.tenant_id FROM jobs j
    WHERE j.status = 'requires_action'
      AND (j.result ->> 'expiresAt') IS NOT NULL
      AND (j.result ->> 'expiresAt')::timestamptz < now()
    ORDER BY j.updated_at
    LIMIT p_limit
  $$;
REVOKE ALL ON FUNCTION app_expired_parked_jobs(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_expired_parked_jobs(integer) TO copilot_app;
