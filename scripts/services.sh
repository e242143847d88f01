#!/usr/bin/env bash
# Makes PostgreSQL (with pgvector) and Redis available on 127.0.0.1 for local
# development, tests and CI. Idempotent; prints one line when all is in place.
#
#   Postgres 127.0.0.1:5432, Redis 127.0.0.1:6379.
#   Where they are missing: `docker compose up -d postgres redis` if a Docker
#   engine answers, else Debian/Ubuntu packages (apt-get) started in place.
#   pgvector: the distribution's package when it has one, else built from
#   Debian trixie's source package (see shared STACK-NOTES.md).
#   Roles: copilot_owner (superuser: migrations, admin CLI, scratch test
#   databases), copilot_app (what the apps connect as; RLS applies to it);
#   database copilot owned by copilot_owner, with the vector extension.
#
# Environment (all optional):
#   PGDATABASE_NAME   database to create            (default copilot)
#   PGOWNER_ROLE      owner role / its password     (default copilot_owner)
#   PGOWNER_PASSWORD                                (default = role name)
#   PGAPP_ROLE        application role / password   (default copilot_app)
#   PGAPP_PASSWORD                                  (default = role name)
#   SERVICES_NO_DOCKER=1  never use Docker, even if an engine answers
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_HOST=127.0.0.1
REDIS_PORT=6379
DB_NAME=${PGDATABASE_NAME:-copilot}
OWNER_ROLE=${PGOWNER_ROLE:-copilot_owner}
OWNER_PASSWORD=${PGOWNER_PASSWORD:-$OWNER_ROLE}
APP_ROLE=${PGAPP_ROLE:-copilot_app}
APP_PASSWORD=${PGAPP_PASSWORD:-$APP_ROLE}
ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=/var/tmp/copilot-pgvector
LOG=${TMPDIR:-/tmp}/copilot-services.$(id -u).log
WAIT_SECONDS=60

say() { echo "services: $*" >&2; }
die() { echo "services: ERROR: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# Root privileges: direct when root, through sudo when available.
priv() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif have sudo; then
    sudo "$@"
  else
    "$@"
  fi
}

# Runs a command with its output in $LOG; shows the end of the log on failure.
LOG_STARTED=
logged() {
  if [ -z "$LOG_STARTED" ]; then
    { : >"$LOG"; } 2>/dev/null || LOG=/dev/null
    LOG_STARTED=1
  fi
  echo "+ $*" >>"$LOG"
  # 9>&-: daemons started here must not inherit (and hold) the run lock
  if ! "$@" >>"$LOG" 2>&1 9>&-; then
    echo "services: command failed: $*" >&2
    tail -n 30 "$LOG" >&2
    return 1
  fi
}

# --------------------------------------------------------------------- docker
DOCKER_OK=
docker_engine() {
  if [ -z "$DOCKER_OK" ]; then
    DOCKER_OK=no
    if [ "${SERVICES_NO_DOCKER:-}" != 1 ] && have docker &&
      timeout 10 docker info >/dev/null 2>&1; then
      DOCKER_OK=yes
    fi
  fi
  [ "$DOCKER_OK" = yes ]
}

compose() {
  if docker compose version >/dev/null 2>&1; then
    (cd "$ROOT_DIR" && docker compose "$@")
  elif have docker-compose; then
    (cd "$ROOT_DIR" && docker-compose "$@")
  else
    die "a Docker engine answers but neither 'docker compose' nor 'docker-compose' exists"
  fi
}

compose_up() {
  say "starting $* with docker compose"
  logged compose up -d "$@"
}

# ------------------------------------------------------------------------ apt
APT_UPDATED=
apt_update_once() {
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    logged priv env DEBIAN_FRONTEND=noninteractive apt-get update -q
    APT_UPDATED=1
  fi
}

apt_candidate() { # prints the candidate version of a package, if any
  apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { if ($2 != "(none)") print $2 }'
}

apt_install() { # apt_install PKG[=VER]... (never upgrades what is installed)
  have apt-get || die "no apt-get: install $* by hand"
  local name
  for name in "$@"; do
    if [ -z "$(apt_candidate "${name%%=*}")" ]; then apt_update_once; break; fi
  done
  say "installing $* (apt-get, log: $LOG)"
  if ! logged priv env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-upgrade --no-install-recommends "$@"; then
    [ -n "$APT_UPDATED" ] && return 1
    apt_update_once # stale package lists: refresh once and retry
    logged priv env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      --no-upgrade --no-install-recommends "$@"
  fi
}

pkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

# ------------------------------------------------------------------- postgres
pg_up() {
  if have pg_isready; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2
  elif [ "$DOCKER_OK" = yes ]; then # our container, no client tools on the host
    compose exec -T postgres pg_isready -q -h 127.0.0.1 >/dev/null 2>&1
  else
    timeout 3 bash -c "exec 3<>/dev/tcp/$PG_HOST/$PG_PORT" 2>/dev/null
  fi
}

wait_for() { # wait_for DESCRIPTION CHECK-FUNCTION
  local i
  for ((i = 0; i < WAIT_SECONDS * 2; i++)); do
    "$2" && return 0
    sleep 0.5
  done
  die "$1 did not come up within ${WAIT_SECONDS}s"
}

pg_local_version() { # highest Debian cluster version present, if any
  if [ -d /etc/postgresql ]; then
    find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1
  fi
}

pg_start_local() {
  local ver
  ver=$(pg_local_version)
  if [ -z "$ver" ] || [ ! -d "/etc/postgresql/$ver/main" ]; then
    ver=${ver:-$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)}
    [ -n "$ver" ] || die "PostgreSQL is installed but no server version was found"
    say "creating PostgreSQL cluster $ver/main"
    logged priv pg_createcluster "$ver" main
  fi
  say "starting PostgreSQL $ver/main"
  logged priv pg_ctlcluster --skip-systemctl-redirect "$ver" main start
}

ensure_postgres() {
  pg_up && return 0
  if docker_engine; then
    compose_up postgres
  else
    if [ ! -d /usr/lib/postgresql ] || [ -z "$(pg_local_version)" ]; then
      apt_install postgresql
      # the package may already have started its cluster (systemd machines)
      sleep 1
    fi
    pg_up || pg_start_local
  fi
  wait_for "PostgreSQL on $PG_HOST:$PG_PORT" pg_up
}

# Superuser SQL: as_superuser DB [psql args...]; SQL on stdin or via -c.
# Methods, tried once in this order, the first that works is kept:
#   tcp  psql -h 127.0.0.1 -U postgres (trust auth, as on these machines)
#   own  psql -h 127.0.0.1 -U copilot_owner with its password (Docker image)
#   peer runuser/sudo -u postgres psql over the socket (stock Debian)
#   exec docker compose exec postgres psql (Docker engine, no local psql)
SU_METHOD=
su_run() { # su_run METHOD DB [psql args...]
  local method=$1 db=$2
  shift 2
  case $method in
    tcp) PGPASSWORD='' PGCONNECT_TIMEOUT=5 psql -X -w -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$db" \
      -v ON_ERROR_STOP=1 -qAt "$@" ;;
    own) PGPASSWORD=$OWNER_PASSWORD PGCONNECT_TIMEOUT=5 psql -X -w -h "$PG_HOST" -p "$PG_PORT" \
      -U "$OWNER_ROLE" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@" ;;
    peer)
      if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- psql -X -d "$db" -v ON_ERROR_STOP=1 -qAt "$@")
      else
        (cd / && sudo -n -u postgres psql -X -d "$db" -v ON_ERROR_STOP=1 -qAt "$@")
      fi ;;
    exec) compose exec -T postgres psql -X -U "$OWNER_ROLE" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@" ;;
  esac
}

as_superuser() {
  if [ -z "$SU_METHOD" ]; then
    local m methods=()
    if have psql; then
      methods+=(tcp own)
      if [ "$(id -u)" -eq 0 ] || have sudo; then methods+=(peer); fi
    fi
    if docker_engine; then methods+=(exec); fi
    for m in "${methods[@]}"; do
      if [ "$(su_run "$m" postgres -c 'select rolsuper from pg_roles where rolname = current_user' \
        </dev/null 2>/dev/null || true)" = t ]; then
        SU_METHOD=$m
        break
      fi
    done
    [ -n "$SU_METHOD" ] || die "no superuser access to PostgreSQL on $PG_HOST:$PG_PORT \
(tried: ${methods[*]:-none; psql is not installed})"
  fi
  su_run "$SU_METHOD" "$@"
}

vector_available() {
  [ -n "$(as_superuser postgres -c "select 1 from pg_available_extensions where name = 'vector'")" ]
}

debian_mirror() { # the Debian mirror already configured, or deb.debian.org
  local uri
  uri=$(
    {
      grep -hsE '^[[:space:]]*URIs:' /etc/apt/sources.list.d/*.sources | sed -E 's/^[[:space:]]*URIs:[[:space:]]*//' | tr ' ' '\n'
      grep -hsE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
        sed -E 's/\[[^]]*\]//' | awk '{ print $2 }'
    } | grep -E '^(https?|mirror\+https?)://[^ ]*/debian/?$' | head -n 1 || true
  )
  echo "${uri:-http://deb.debian.org/debian}"
}

build_pgvector() { # build_pgvector MAJOR
  local major=$1 pg_config=/usr/lib/postgresql/$1/bin/pg_config mirror keyring src
  local apt_opts=(-o "Dir::Etc::SourceList=$BUILD_DIR/sources.list" -o "Dir::Etc::SourceParts=$BUILD_DIR/sources.list.d"
    -o "Dir::State::Lists=$BUILD_DIR/lists" -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=")

  if ! pkg_installed "postgresql-server-dev-$major"; then
    # Same version as the running server where the archive still has it, and
    # --no-upgrade: nothing already installed (the server) is upgraded.
    local server_ver dev="postgresql-server-dev-$major"
    server_ver=$(dpkg-query -W -f='${Version}' "postgresql-$major" 2>/dev/null || true)
    if [ -n "$server_ver" ] && { [ -n "$(apt_candidate "$dev")" ] || apt_update_once; } &&
      apt-cache madison "$dev" 2>/dev/null | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | grep -qxF "$server_ver"; then
      dev="$dev=$server_ver"
    fi
    apt_install "$dev"
    # the install must not have stopped the running server
    if ! pg_up; then
      say "PostgreSQL stopped during the install; starting it again"
      logged priv pg_ctlcluster --skip-systemctl-redirect "$major" main start
      wait_for "PostgreSQL on $PG_HOST:$PG_PORT" pg_up
    fi
  fi
  [ -x "$pg_config" ] || die "$pg_config not found (postgresql-server-dev-$major)"
  if ! have make || ! have gcc; then apt_install make gcc libc6-dev; fi

  # trixie's source package, through an apt configuration of our own: the
  # system's sources and package lists are left as they are.
  mirror=$(debian_mirror)
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -f "$keyring" ] || apt_install debian-archive-keyring
  say "building pgvector from Debian trixie's source ($mirror)"
  priv rm -rf "$BUILD_DIR"
  priv mkdir -p "$BUILD_DIR/sources.list.d" "$BUILD_DIR/lists/partial" "$BUILD_DIR/src"
  echo "deb-src [signed-by=$keyring] $mirror trixie main" | priv tee "$BUILD_DIR/sources.list" >/dev/null
  if id _apt >/dev/null 2>&1; then priv chown _apt "$BUILD_DIR/lists/partial" "$BUILD_DIR/src"; fi
  logged priv apt-get -q "${apt_opts[@]}" update
  (cd "$BUILD_DIR/src" && logged priv apt-get -q "${apt_opts[@]}" source --download-only pgvector)
  src=$(find "$BUILD_DIR/src" -maxdepth 1 -name 'pgvector_*.orig.tar.*' | head -n 1)
  [ -n "$src" ] || die "apt-get source pgvector fetched no orig tarball (see $LOG)"
  priv mkdir -p "$BUILD_DIR/build"
  logged priv tar -xf "$src" -C "$BUILD_DIR/build" --strip-components=1
  # OPTFLAGS="": no -march=native, so the library runs on any CPU of this arch
  logged priv make -C "$BUILD_DIR/build" PG_CONFIG="$pg_config" OPTFLAGS=""
  logged priv make -C "$BUILD_DIR/build" PG_CONFIG="$pg_config" OPTFLAGS="" install
}

ensure_pgvector() {
  vector_available && return 0
  local num major
  num=$(as_superuser postgres -c 'show server_version_num')
  major=$((num / 10000))
  if [ "$SU_METHOD" = exec ] || [ ! -d "/usr/lib/postgresql/$major" ]; then
    die "PostgreSQL $major on $PG_HOST:$PG_PORT has no pgvector and is not a local Debian server: \
use an image with pgvector (pgvector/pgvector:pg16)"
  fi
  # A packaged build first (Ubuntu >= 24.04, Debian >= trixie, PGDG), else the source.
  if [ -n "$(apt_candidate "postgresql-$major-pgvector")" ] ||
    { apt_update_once && [ -n "$(apt_candidate "postgresql-$major-pgvector")" ]; }; then
    apt_install "postgresql-$major-pgvector"
  else
    build_pgvector "$major"
  fi
  vector_available || die "pgvector was installed but PostgreSQL does not list it (see $LOG)"
  say "pgvector $(as_superuser postgres -c "select default_version from pg_available_extensions where name = 'vector'") installed"
}

ensure_roles_and_database() {
  # psql variables are quoted by psql itself (:'x' literal, :"x" identifier)
  as_superuser postgres -v owner="$OWNER_ROLE" -v owner_pw="$OWNER_PASSWORD" \
    -v app="$APP_ROLE" -v app_pw="$APP_PASSWORD" -v db="$DB_NAME" <<'SQL'
select format('create role %I login superuser password %L', :'owner', :'owner_pw')
  where not exists (select 1 from pg_roles where rolname = :'owner') \gexec
select format('alter role %I login superuser', :'owner')
  where not exists (select 1 from pg_roles where rolname = :'owner' and rolcanlogin and rolsuper) \gexec
select format('create role %I login nosuperuser nobypassrls nocreatedb nocreaterole password %L', :'app', :'app_pw')
  where not exists (select 1 from pg_roles where rolname = :'app') \gexec
select format('alter role %I login nosuperuser nobypassrls nocreatedb nocreaterole', :'app')
  where not exists (select 1 from pg_roles where rolname = :'app' and rolcanlogin and not rolsuper
    and not rolbypassrls and not rolcreatedb and not rolcreaterole) \gexec
select format('create database %I owner %I', :'db', :'owner')
  where not exists (select 1 from pg_database where datname = :'db') \gexec
select format('alter database %I owner to %I', :'db', :'owner')
  from pg_database d join pg_roles r on r.oid = d.datdba
  where d.datname = :'db' and r.rolname <> :'owner' \gexec
SQL
  as_superuser "$DB_NAME" -c 'set client_min_messages = warning' -c 'create extension if not exists vector'
  [ -n "$(as_superuser "$DB_NAME" -c "select 1 from pg_extension where extname = 'vector'")" ] ||
    die "could not create extension vector in $DB_NAME"
}

# ---------------------------------------------------------------------- redis
redis_up() {
  if have redis-cli; then
    [ "$(timeout 3 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null || true)" = PONG ]
  else
    # shellcheck disable=SC2016 # expanded by the inner shell
    timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "PING\r\n" >&3 &&
      IFS= read -r line <&3 && [[ $line == +PONG* ]]' "$REDIS_HOST" "$REDIS_PORT" 2>/dev/null
  fi
}

ensure_redis() {
  redis_up && return 0
  if docker_engine; then
    compose_up redis
  else
    if ! have redis-server; then
      apt_install redis-server
      sleep 1 # its service may have started (systemd machines)
    fi
    if ! redis_up; then
      say "starting redis-server on $REDIS_HOST:$REDIS_PORT"
      priv mkdir -p /var/lib/redis /var/log/redis
      logged priv redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" \
        --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
    fi
  fi
  wait_for "Redis on $REDIS_HOST:$REDIS_PORT" redis_up
}

# ----------------------------------------------------------------------- main
if have flock; then # one run at a time (parallel test targets may all call this)
  exec 9>"${TMPDIR:-/tmp}/copilot-services.$(id -u).lock"
  flock -w 600 9 || die "another services.sh run holds the lock"
fi
ensure_postgres
ensure_pgvector
ensure_roles_and_database
ensure_redis
echo "services: postgres+pgvector ($DB_NAME) and redis ready"
