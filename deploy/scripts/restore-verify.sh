#!/usr/bin/env bash
# Proves a backup restores: restores a dump from backup.sh into a new scratch
# database on the same server, checks it, and drops the scratch database.
#
#   deploy/scripts/restore-verify.sh [--keep] [--migrations DIR] DUMP [DATABASE_URL]
#
# The URL (default $DATABASE_ADMIN_URL) names the server and a role that may
# create databases and the vector extension (the schema owner where it is a
# superuser; otherwise a superuser). Checks:
#   - pg_restore restores every object without an error;
#   - every table has exactly the rows counted at backup time (DUMP.counts);
#   - every migration in DIR (default: prisma/migrations of this repository) is
#     applied and finished in _prisma_migrations, and no other;
#   - the vector extension exists, and row level security is still forced.
# Exits non-zero naming what differs. --keep leaves the scratch database.
set -euo pipefail

keep=
migrations=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/prisma/migrations
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=1; shift ;;
    --migrations) migrations=$2; shift 2 ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
dump=${args[0]:-}
url=${args[1]:-${DATABASE_ADMIN_URL:-}}
die() { echo "restore-verify: $*" >&2; exit 1; }
[ -f "$dump" ] || die "no dump file: ${dump:-(none given)}"
[ -n "$url" ] || die "no database server: pass a URL or set DATABASE_ADMIN_URL"
[ -d "$migrations" ] || die "no migrations directory: $migrations"

pg_restore --list "$dump" >/dev/null 2>&1 || die "$dump is not a readable pg_dump archive"

scratch="copilot_restore_check_$(date -u +%Y%m%d%H%M%S)_$RANDOM"
# the same server and credentials, another database (URL query options kept)
scratch_url=$(printf '%s' "$url" | sed -E "s#^([a-z]+://[^/]+)/[^?]*#\1/$scratch#")
[ "$scratch_url" != "$url" ] || die "cannot tell the database name in the URL"
sql() { psql "$1" -qAtX -v ON_ERROR_STOP=1 -c "$2"; }

sql "$url" "create database \"$scratch\"" >/dev/null
cleanup() {
  if [ -z "$keep" ]; then
    sql "$url" "drop database if exists \"$scratch\" with (force)" >/dev/null || true
  else
    echo "restore-verify: kept $scratch" >&2
  fi
}
trap cleanup EXIT

if ! errors=$(pg_restore --exit-on-error --dbname="$scratch_url" "$dump" 2>&1); then
  die "pg_restore failed: $errors"
fi

problems=()
tables=0
rows=0
if [ -f "$dump.counts" ]; then
  while IFS=$'\t' read -r table expected; do
    actual=$(sql "$scratch_url" "set row_security = off; select count(*) from $table")
    [ "$actual" = "$expected" ] || problems+=("$table: $actual rows restored, $expected backed up")
    tables=$((tables + 1))
    rows=$((rows + actual))
  done <"$dump.counts"
  restored_tables=$(sql "$scratch_url" "select count(*) from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")
  [ "$restored_tables" = "$tables" ] || problems+=("$restored_tables tables restored, $tables backed up")
else
  problems+=("no $dump.counts: cannot check row counts")
fi

expected_migrations=$(find "$migrations" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
applied=$(sql "$scratch_url" "select migration_name from _prisma_migrations
  where finished_at is not null and rolled_back_at is null order by 1" 2>/dev/null || true)
[ "$applied" = "$expected_migrations" ] ||
  problems+=("migrations differ: restored [${applied//$'\n'/ }], expected [${expected_migrations//$'\n'/ }]")
unfinished=$(sql "$scratch_url" "select count(*) from _prisma_migrations where finished_at is null" 2>/dev/null || echo '?')
[ "$unfinished" = 0 ] || problems+=("$unfinished unfinished migration(s)")

vector=$(sql "$scratch_url" "select extversion from pg_extension where extname = 'vector'")
[ -n "$vector" ] || problems+=("the vector extension is missing")
forced=$(sql "$scratch_url" "select count(*) from pg_class where relforcerowsecurity")
[ "$forced" -gt 0 ] || problems+=("no table has row level security forced")

if [ ${#problems[@]} -gt 0 ]; then
  printf 'restore-verify: FAILED: %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "restore-verify: OK: $tables tables, $rows rows, $(echo "$applied" | wc -l) migrations, vector $vector, row level security forced on $forced tables"
