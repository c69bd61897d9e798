#!/usr/bin/env bash
# PostgreSQL for local development: check it, start the Debian cluster if it is down,
# create the per-service databases.
#   infra/postgres.sh start              ensure Postgres is up (starts the local cluster if possible)
#   infra/postgres.sh status             exit 0 if Postgres accepts queries
#   infra/postgres.sh create-dbs [sfx]   create delaktig_* databases (+ sfx, e.g. _test) and delaktig_keycloak
#   infra/postgres.sh restart            restart the local Debian cluster (fast shutdown: every connection is cut),
#                                        as the PostgreSQL-restart test does to prove nothing acknowledged is lost
# Env: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres) [PGPASSWORD]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
SERVICE_DBS=(delaktig_identity delaktig_survey_delivery delaktig_responses delaktig_statistics delaktig_audit)
KEYCLOAK_DB=delaktig_keycloak

need psql "apt-get install postgresql-client"

pg_ready() { psql -d postgres -XqAtc 'select 1' >/dev/null 2>&1; }

cmd_status() {
  if pg_ready; then
    ok "postgres  up at $PGHOST:$PGPORT ($(psql -d postgres -XqAtc 'show server_version'), user $PGUSER)"
  else
    echo "[$(_ts)] DOWN postgres at $PGHOST:$PGPORT (psql -h $PGHOST -p $PGPORT -U $PGUSER failed)"
    return 1
  fi
}

cmd_start() {
  if pg_ready; then cmd_status; return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1 && [[ -d /etc/postgresql ]]; then
    local ver
    ver=$(ls /etc/postgresql | sort -V | tail -1)
    [[ -n $ver ]] || die "no cluster under /etc/postgresql"
    info "postgres is down; starting cluster $ver/main"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start || die "pg_ctlcluster $ver main start failed"
  else
    die "postgres is not reachable at $PGHOST:$PGPORT and pg_ctlcluster is not available to start it"
  fi
  local i
  for ((i = 0; i < 60; i++)); do pg_ready && break; sleep 0.5; done
  pg_ready || die "postgres did not come up at $PGHOST:$PGPORT within 30s"
  cmd_status
}

cmd_restart() {
  command -v pg_ctlcluster >/dev/null 2>&1 && [[ -d /etc/postgresql ]] || die "restart needs the local Debian cluster (pg_ctlcluster)"
  local ver t0; ver=$(ls /etc/postgresql | sort -V | tail -1); t0=$(now_ms)
  info "restarting cluster $ver/main (fast shutdown)"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main restart -m fast || die "pg_ctlcluster $ver main restart failed"
  local i
  for ((i = 0; i < 60; i++)); do pg_ready && break; sleep 0.5; done
  pg_ready || die "postgres did not come back within 30s"
  ok "postgres restarted in $(( $(now_ms) - t0 ))ms"
}

create_db() {
  local db=$1
  [[ $db =~ ^[a-z0-9_]+$ ]] || die "bad database name '$db'"
  if [[ $(psql -d postgres -XqAtc "select 1 from pg_database where datname = '$db'") == 1 ]]; then
    ok "database $db exists"
  elif psql -d postgres -Xqc "create database \"$db\"" >/dev/null 2>"$RUN_ROOT/.pg-create.err"; then
    ok "database $db created"
  elif [[ $(psql -d postgres -XqAtc "select 1 from pg_database where datname = '$db'") == 1 ]]; then
    ok "database $db exists"   # created concurrently by someone else
  else
    cat "$RUN_ROOT/.pg-create.err" >&2; die "could not create database $db"
  fi
}

cmd_create_dbs() {
  local suffix=${1:-}
  [[ -z $suffix || $suffix =~ ^[a-z0-9_]+$ ]] || die "suffix must match [a-z0-9_]+ (got '$suffix')"
  pg_ready || cmd_start
  mkdir -p "$RUN_ROOT"
  local db
  for db in "${SERVICE_DBS[@]}"; do create_db "$db$suffix"; done
  create_db "$KEYCLOAK_DB"
}

case "${1:-}" in
  start) cmd_start ;;
  status) cmd_status ;;
  restart) cmd_restart ;;
  create-dbs) shift; cmd_create_dbs "${1:-}" ;;
  *) echo "usage: $0 {start|status|restart|create-dbs [suffix]}" >&2; exit 2 ;;
esac
