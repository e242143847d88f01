-- A JWT names its tenant in a claim, checked before any tenant is set: this function
-- answers whether that tenant exists, and nothing else about it, so a validly signed
-- token for a tenant that does not exist (or was deleted) is refused with 401.
CREATE FUNCTION app_tenant_exists(p_tenant_id uuid)
  RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT EXISTS (SELECT 1 FROM tenants t WHERE t.id = p_tenant_id) $$;

REVOKE ALL ON FUNCTION app_tenant_exists(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_tenant_exists(uuid) TO copilot_app;
