#!/usr/bin/env bash
# Runs once, when the pgvector/pgvector image initialises an empty data
# directory (mounted at /docker-entrypoint-initdb.d). The image's superuser is
# POSTGRES_USER (copilot_owner in docker-compose.yml): it owns POSTGRES_DB and
# runs the migrations. Here: the application role, which is subject to row
# level security, and the vector extension (it needs a superuser).
# Same roles as scripts/services.sh sets up on a machine without Docker.
# no `set -u`: without its executable bit the entrypoint sources this file
set -eo pipefail

psql -v ON_ERROR_STOP=1 -qAt --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-copilot}" \
  -v app="${APP_DB_USER:-copilot_app}" -v app_pw="${APP_DB_PASSWORD:-copilot_app}" <<'SQL'
select format('create role %I login nosuperuser nobypassrls nocreatedb nocreaterole password %L', :'app', :'app_pw')
  where not exists (select 1 from pg_roles where rolname = :'app') \gexec
set client_min_messages = warning;
create extension if not exists vector;
SQL
