#!/usr/bin/env bash
# Dumps the Copilot Platform database (pg_dump custom format) and, from the same
# snapshot, the row count of every table, which restore-verify.sh checks a
# restore against.
#
#   deploy/scripts/backup.sh [--out DIR] [DATABASE_URL]
#
# The URL defaults to $DATABASE_ADMIN_URL. The role must read every row: the
# schema owner with BYPASSRLS, a superuser, or a backup role with BYPASSRLS and
# pg_read_all_data (row level security is forced on tenant tables, and pg_dump
# refuses to dump a table it would only partly see). Writes
#   DIR/copilot-<UTC time>.dump and DIR/copilot-<UTC time>.dump.counts
# and prints the dump's path. pg_dump's major version must be >= the server's.
set -euo pipefail

out=.
url=${DATABASE_ADMIN_URL:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) url=$1; shift ;;
  esac
done
die() { echo "backup: $*" >&2; exit 1; }
[ -n "$url" ] || die "no database: pass a URL or set DATABASE_ADMIN_URL"
mkdir -p "$out"
file="$out/copilot-$(date -u +%Y%m%dT%H%M%SZ).dump"

# One read-only transaction exports its snapshot: pg_dump dumps exactly what the
# counts below see, however busy the database is.
coproc SNAPSHOT { psql "$url" -qAtX -v ON_ERROR_STOP=1 2>&1; }
trap 'kill "$SNAPSHOT_PID" 2>/dev/null || true' EXIT
echo "begin isolation level repeatable read read only; select pg_export_snapshot();" >&"${SNAPSHOT[1]}"
read -r snapshot <&"${SNAPSHOT[0]}" || die "could not open a snapshot"
[[ $snapshot =~ ^[0-9A-F-]+$ ]] || die "could not open a snapshot: $snapshot"

pg_dump --format=custom --snapshot="$snapshot" --file="$file.partial" --dbname="$url"

# row_security off: an error, not a silently filtered count, if the role cannot see every row
cat >&"${SNAPSHOT[1]}" <<'SQL'
set row_security = off;
select format('%s.%s', table_schema, table_name),
       (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', table_schema, table_name), false, true, '')))[1]::text
  from information_schema.tables
 where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
 order by 1;
select 'END';
SQL
: >"$file.counts.partial"
while IFS= read -r line <&"${SNAPSHOT[0]}"; do
  [ "$line" = END ] && break
  [[ $line == *"|"* ]] || die "counting rows failed: $line"
  printf '%s\t%s\n' "${line%%|*}" "${line#*|}" >>"$file.counts.partial"
done
echo "commit;" >&"${SNAPSHOT[1]}"

# an archive pg_restore cannot read is no backup
pg_restore --list "$file.partial" >/dev/null
mv "$file.partial" "$file"
mv "$file.counts.partial" "$file.counts"
echo "$file"
