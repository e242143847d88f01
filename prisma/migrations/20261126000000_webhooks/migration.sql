-- Tenant webhooks: endpoints subscribed to events, and one delivery row per
-- event and endpoint (the delivery log). Signing secrets are not stored here:
-- they live sealed in tenant_secrets under `webhook:<id>`, so the one
-- re-encryption path (CLI secrets:reencrypt) covers them too.

CREATE TABLE webhooks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  url text NOT NULL,
  events text[] NOT NULL CHECK (cardinality(events) > 0),
  description text NOT NULL DEFAULT '',
  enabled boolean NOT NULL DEFAULT true,
  -- Why the platform disabled it (e.g. the receiver answered 410 Gone); null when a person did.
  disabled_reason text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_tenant_id_created_at_id_idx ON webhooks (tenant_id, created_at DESC, id);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE ON UPDATE CASCADE,
  -- The event's id (`webhook-id` header): shared by every delivery of one event, redeliveries included.
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_response_status integer,
  last_error text,
  last_duration_ms integer,
  -- The webhook.deliver job that sends it.
  job_id uuid,
  next_attempt_at timestamptz(3),
  finished_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_webhook_id_created_at_id_idx ON webhook_deliveries (webhook_id, created_at DESC, id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['webhooks', 'webhook_deliveries'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO copilot_app', t);
  END LOOP;
END
$$;

-- Emission. Triggers, not calls in application code, because a trigger sees
-- EVERY path that ends a job or indexes a document (the worker's finish, an
-- operator's SQL, the CLI, a future reaper that fails stale jobs) and always
-- runs in the transaction of that change: the event commits with the state
-- change or not at all. Each subscribed, enabled webhook of the tenant gets a
-- delivery row and a `webhook.deliver` job row; the outbox relay enqueues it.
CREATE FUNCTION app_emit_webhook_event(p_tenant_id uuid, p_type text, p_data jsonb) RETURNS void
  LANGUAGE plpgsql
  AS $$
DECLARE
  v_previous_tenant text := current_setting('app.tenant_id', true);
  v_event_id uuid := gen_random_uuid();
  v_created timestamptz := now();
  hook record;
  v_delivery_id uuid;
  v_job_id uuid;
BEGIN
  -- Admin sessions (CLI, owner) carry no tenant; RLS needs one to see and write this tenant's rows.
  PERFORM set_config('app.tenant_id', p_tenant_id::text, true);
  FOR hook IN
    SELECT w.id FROM webhooks w WHERE w.tenant_id = p_tenant_id AND w.enabled AND p_type = ANY (w.events)
  LOOP
    v_delivery_id := gen_random_uuid();
    v_job_id := gen_random_uuid();
    INSERT INTO webhook_deliveries (id, tenant_id, webhook_id, event_id, event_type, payload, job_id, next_attempt_at, created_at, updated_at)
    VALUES (
      v_delivery_id, p_tenant_id, hook.id, v_event_id, p_type,
      jsonb_build_object(
        'id', v_event_id, 'type', p_type,
        'createdAt', to_char(v_created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'tenantId', p_tenant_id, 'data', p_data),
      v_job_id, v_created, v_created, v_created);
    INSERT INTO jobs (id, tenant_id, queue, name, payload)
    VALUES (v_job_id, p_tenant_id, 'webhook', 'webhook.deliver',
      jsonb_build_object('jobId', v_job_id, 'tenantId', p_tenant_id, 'deliveryId', v_delivery_id));
  END LOOP;
  PERFORM set_config('app.tenant_id', coalesce(v_previous_tenant, ''), true);
END
$$;

CREATE FUNCTION app_job_webhook_event() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  -- Ids, status, result and error (null when absent): a job's result holds ids, never message content.
  PERFORM app_emit_webhook_event(NEW.tenant_id, 'job.' || NEW.status, jsonb_build_object('job', jsonb_build_object(
    'id', NEW.id, 'type', NEW.name, 'status', NEW.status, 'attempts', NEW.attempts,
    'result', NEW.result, 'error', NEW.error,
    'createdAt', to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'finishedAt', to_char(coalesce(NEW.finished_at, now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))));
  RETURN NULL;
END
$$;

-- Never for webhook jobs themselves: a delivery ending must not emit another delivery.
CREATE TRIGGER jobs_webhook_event AFTER UPDATE OF status ON jobs
  FOR EACH ROW
  WHEN (NEW.status IN ('succeeded', 'failed') AND OLD.status IS DISTINCT FROM NEW.status AND NEW.queue <> 'webhook')
  EXECUTE FUNCTION app_job_webhook_event();

CREATE FUNCTION app_document_webhook_event() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM app_emit_webhook_event(NEW.tenant_id, 'document.' || NEW.stage, jsonb_build_object('document', jsonb_build_object(
    'id', NEW.id, 'collectionId', NEW.collection_id, 'status', NEW.stage, 'chunkCount', NEW.chunk_count,
    'jobId', NEW.job_id, 'error', NEW.error)));
  RETURN NULL;
END
$$;

CREATE TRIGGER documents_webhook_event AFTER UPDATE OF stage ON documents
  FOR EACH ROW
  WHEN (NEW.stage IN ('indexed', 'failed') AND OLD.stage IS DISTINCT FROM NEW.stage)
  EXECUTE FUNCTION app_document_webhook_event();

GRANT EXECUTE ON FUNCTION app_emit_webhook_event(uuid, text, jsonb) TO copilot_app;

-- Webhook jobs have no fast path after commit (a trigger wrote them), so the relay
-- takes them at once instead of waiting OUTBOX_RELAY_AFTER_MS for a fast path
-- that will not come: deliveries leave within one relay interval.
CREATE OR REPLACE FUNCTION app_undispatched_jobs(p_older_than_ms integer, p_limit integer)
  RETURNS TABLE (id uuid, tenant_id uuid, queue text, name text, payload jsonb)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT j.id, j.tenant_id, j.queue, j.name, j.payload FROM jobs j
    WHERE j.dispatched_at IS NULL
      AND j.status = 'queued'
      AND (j.queue = 'webhook' OR j.created_at < now() - make_interval(secs => p_older_than_ms / 1000.0))
    ORDER BY j.created_at
    LIMIT p_limit
  $$;
