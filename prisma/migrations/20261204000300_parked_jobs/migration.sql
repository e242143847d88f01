-- A job can park (`requires_action`): its run ends and frees the worker, and the job
-- waits for something to resume it (through the outbox, like any queued job).
ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
  CHECK (status IN ('queued', 'running', 'requires_action', 'succeeded', 'failed', 'cancelled'));

-- The relay no longer hands back stale running jobs: the reaper alone recovers lost runs.
DROP FUNCTION app_stale_running_jobs(integer, integer);
