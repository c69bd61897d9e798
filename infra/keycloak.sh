#!/usr/bin/env bash
# Local Keycloak (Quarkus distribution from Maven Central) with the `delaktig` realm.
#   infra/keycloak.sh start     fetch + build (first time), start on :8080, wait for health, import/refresh realm
#   infra/keycloak.sh stop      SIGTERM, wait (SIGKILL after KEYCLOAK_STOP_TIMEOUT s)
#   infra/keycloak.sh restart
#   infra/keycloak.sh status    exit 0 only if /health/ready is UP and the realm answers
#   infra/keycloak.sh reimport  force re-import of infra/keycloak/realm-delaktig.json (running server)
#   infra/keycloak.sh token [user] [password]   print an access token (password grant, client delaktig-staff)
#   infra/keycloak.sh fetch | logs
# Realm import: after start, the sha256 of realm-delaktig.json is compared with the one last
# imported (.run/keycloak/realm.sha256). If it differs or the realm is missing, the realm is
# deleted and re-created from the file through the admin REST API (dev only: sessions are lost).
# Env: KEYCLOAK_VERSION (26.5.6) KEYCLOAK_HOST (127.0.0.1) KEYCLOAK_PORT (8080)
#      KEYCLOAK_MANAGEMENT_PORT (9000) KEYCLOAK_HOSTNAME (http://localhost:<port>)
#      KEYCLOAK_DB (delaktig_keycloak) PGHOST/PGPORT/PGUSER/PGPASSWORD (127.0.0.1/5432/postgres/-)
#      KEYCLOAK_ADMIN / KEYCLOAK_ADMIN_PASSWORD (admin/admin) JAVA_OPTS_KC_HEAP (-Xms64m -Xmx768m)
#      KEYCLOAK_JIT_OPTS (-XX:TieredStopAtLevel=1; set to "" for full C2 JIT) KEYCLOAK_CDS (1)
#      JAVA_OPTS_APPEND KEYCLOAK_START_TIMEOUT (180) KEYCLOAK_STOP_TIMEOUT (30) JAVA_HOME
# Start-up speed: C1-only JIT halves start-up CPU (token requests stay ~0.1 s), and a JVM
# class-data-sharing archive (infra/.cache/keycloak-<v>/kc-cds.jsa) is recorded during the
# first run (written when that run stops) and used from then on (-20% CPU).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.5.6}"
KEYCLOAK_HOST="${KEYCLOAK_HOST:-127.0.0.1}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8080}"
KEYCLOAK_MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-9000}"
KEYCLOAK_HOSTNAME="${KEYCLOAK_HOSTNAME:-http://localhost:$KEYCLOAK_PORT}"
KEYCLOAK_DB="${KEYCLOAK_DB:-delaktig_keycloak}"
KEYCLOAK_ADMIN="${KEYCLOAK_ADMIN:-admin}"
KEYCLOAK_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-admin}"
KEYCLOAK_START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-180}"
KEYCLOAK_STOP_TIMEOUT="${KEYCLOAK_STOP_TIMEOUT:-30}"
export JAVA_OPTS_KC_HEAP="${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx768m}"
KEYCLOAK_JIT_OPTS="${KEYCLOAK_JIT_OPTS--XX:TieredStopAtLevel=1}"
KEYCLOAK_CDS="${KEYCLOAK_CDS:-1}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
REALM=delaktig
REALM_FILE="$INFRA_DIR/keycloak/realm-$REALM.json"
EXPECTED_ISSUER="$KEYCLOAK_HOSTNAME/realms/$REALM"

KC_HOME="$CACHE_ROOT/keycloak-$KEYCLOAK_VERSION"
KC_RUN_DIR="$RUN_ROOT/keycloak"
PIDFILE="$KC_RUN_DIR/keycloak.pid"
LOGFILE="$KC_RUN_DIR/keycloak.log"
REALM_SHA_FILE="$KC_RUN_DIR/realm.sha256"
PID_PATTERN="kc.sh"
BASE_URL="http://$KEYCLOAK_HOST:$KEYCLOAK_PORT"
MGMT_URL="http://$KEYCLOAK_HOST:$KEYCLOAK_MANAGEMENT_PORT"
# Build-time options (baked in by `kc.sh build`, then `start --optimized` skips augmentation).
BUILD_OPTS=(--db=postgres --health-enabled=true --metrics-enabled=false)
CDS_ARCHIVE="$KC_HOME/kc-cds.jsa"
CDS_PENDING="$KC_RUN_DIR/cds-pending"   # holds the path of an archive the running JVM writes at exit

lock() { mkdir -p "$KC_RUN_DIR"; exec 9>"$KC_RUN_DIR/.lock"; flock 9; }

cmd_fetch() {
  if [[ -f $KC_HOME/.complete ]]; then return 0; fi
  need mvn "apt-get install maven"; need unzip
  local t0; t0=$(now_ms)
  local zip="$CACHE_ROOT/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  mkdir -p "$CACHE_ROOT"
  if [[ ! -s $zip ]]; then
    info "fetching Keycloak $KEYCLOAK_VERSION (org.keycloak:keycloak-quarkus-dist zip) from Maven Central"
    # run outside any Maven project: dependency:copy needs none
    (cd "$CACHE_ROOT" && mvn -q -B dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$CACHE_ROOT" >"$CACHE_ROOT/keycloak-fetch.log" 2>&1) \
      || { tail -30 "$CACHE_ROOT/keycloak-fetch.log" >&2; die "maven could not fetch Keycloak $KEYCLOAK_VERSION"; }
  fi
  info "unpacking $(rel "$zip")"
  rm -rf "$KC_HOME" "$KC_HOME.tmp"; mkdir -p "$KC_HOME.tmp"
  unzip -q "$zip" -d "$KC_HOME.tmp"
  mv "$KC_HOME.tmp/keycloak-$KEYCLOAK_VERSION" "$KC_HOME"; rmdir "$KC_HOME.tmp"
  rm -f "$zip"   # a copy stays in ~/.m2
  touch "$KC_HOME/.complete"
  ok "fetched Keycloak $KEYCLOAK_VERSION in $(( ($(now_ms) - t0) / 1000 ))s"
}

cmd_build() {
  local want have=""
  want="$KEYCLOAK_VERSION ${BUILD_OPTS[*]}"
  [[ -f $KC_HOME/.delaktig-build ]] && have=$(<"$KC_HOME/.delaktig-build")
  if [[ $want == "$have" ]]; then return 0; fi
  local t0; t0=$(now_ms)
  info "kc.sh build ${BUILD_OPTS[*]} (once per version/options)"
  "$KC_HOME/bin/kc.sh" build "${BUILD_OPTS[@]}" >>"$LOGFILE" 2>&1 \
    || { tail -30 "$LOGFILE" >&2; die "kc.sh build failed"; }
  echo "$want" >"$KC_HOME/.delaktig-build"
  rm -f "$CDS_ARCHIVE"   # classes changed
  ok "keycloak build done in $(( ($(now_ms) - t0) / 1000 ))s"
}

ensure_db() {
  need psql
  psql -d postgres -XqAtc 'select 1' >/dev/null 2>&1 \
    || "$INFRA_DIR/postgres.sh" start >/dev/null \
    || die "postgres not reachable at $PGHOST:$PGPORT (infra/postgres.sh start)"
  if [[ $(psql -d postgres -XqAtc "select 1 from pg_database where datname = '$KEYCLOAK_DB'") != 1 ]]; then
    psql -d postgres -Xqc "create database \"$KEYCLOAK_DB\"" >/dev/null 2>&1 || true
    [[ $(psql -d postgres -XqAtc "select 1 from pg_database where datname = '$KEYCLOAK_DB'") == 1 ]] \
      || die "could not create database $KEYCLOAK_DB"
    ok "database $KEYCLOAK_DB created"
  fi
}

healthy() {
  curl -fsS -m 2 "$MGMT_URL/health/ready" 2>/dev/null | grep -q '"status": *"UP"'
}

realm_ok() {
  local iss
  iss=$(curl -fsS -m 3 "$BASE_URL/realms/$REALM/.well-known/openid-configuration" 2>/dev/null | jq -r .issuer 2>/dev/null) || return 1
  [[ $iss == "$EXPECTED_ISSUER" ]]
}

admin_token() {
  curl -fsS -m 10 "$BASE_URL/realms/master/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username=$KEYCLOAK_ADMIN" --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" \
    | jq -r .access_token
}

import_realm() {
  local t0 tok code sha
  t0=$(now_ms)
  sha=$(sha256sum "$REALM_FILE" | cut -d' ' -f1)
  jq -e .realm "$REALM_FILE" >/dev/null || die "$REALM_FILE is not valid JSON"
  tok=$(admin_token) || die "cannot get an admin token for $KEYCLOAK_ADMIN (bootstrap admin only exists on an empty database)"
  code=$(curl -sS -m 30 -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $tok" "$BASE_URL/admin/realms/$REALM")
  [[ $code == 204 || $code == 404 ]] || die "deleting realm $REALM failed (HTTP $code)"
  code=$(curl -sS -m 60 -o "$KC_RUN_DIR/import-response.txt" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
    --data-binary "@$REALM_FILE" "$BASE_URL/admin/realms")
  [[ $code == 201 ]] || { cat "$KC_RUN_DIR/import-response.txt" >&2; die "importing realm $REALM failed (HTTP $code)"; }
  echo "$sha" >"$REALM_SHA_FILE"
  ok "realm $REALM imported from $(rel "$REALM_FILE") in $(( $(now_ms) - t0 ))ms (sha256 ${sha:0:12})"
}

sync_realm() {
  local sha have=""
  sha=$(sha256sum "$REALM_FILE" | cut -d' ' -f1)
  [[ -f $REALM_SHA_FILE ]] && have=$(<"$REALM_SHA_FILE")
  if [[ $sha != "$have" ]]; then
    info "realm file changed or never imported — re-importing realm $REALM"
    import_realm
  elif ! realm_ok; then
    info "realm $REALM missing — importing"
    import_realm
  fi
  realm_ok || die "realm $REALM does not answer with issuer $EXPECTED_ISSUER"
}

wait_healthy() {
  local t0=$1 what=$2 deadline=$(( $(date +%s) + KEYCLOAK_START_TIMEOUT ))
  while ! healthy; do
    if ! pid_alive "$PIDFILE" "$PID_PATTERN"; then
      tail -40 "$LOGFILE" >&2
      die "keycloak exited during start-up (log: $(rel "$LOGFILE"))"
    fi
    (( $(date +%s) < deadline )) || die "keycloak not healthy after ${KEYCLOAK_START_TIMEOUT}s (log: $(rel "$LOGFILE"))"
    sleep 0.5
  done
  ok "keycloak  $what in $(( $(now_ms) - t0 ))ms (pid $(<"$PIDFILE"), RSS $(rss_mb "$(<"$PIDFILE")") MiB, Keycloak $KEYCLOAK_VERSION)"
}

cmd_start() {
  need curl; need jq; need "${JAVA_HOME:+$JAVA_HOME/bin/}java" "install OpenJDK 17+"
  lock
  local t0; t0=$(now_ms)
  if pid_alive "$PIDFILE" "$PID_PATTERN"; then
    wait_healthy "$t0" "already running; healthy"
  else
    if tcp_open "$KEYCLOAK_HOST" "$KEYCLOAK_PORT" || tcp_open "$KEYCLOAK_HOST" "$KEYCLOAK_MANAGEMENT_PORT"; then
      die "port $KEYCLOAK_PORT or $KEYCLOAK_MANAGEMENT_PORT is in use by another process (not started by this script)"
    fi
    cmd_fetch
    cmd_build
    ensure_db
    local db_pass=()
    [[ -n ${PGPASSWORD:-} ]] && db_pass=(--db-password="$PGPASSWORD")
    local cds_opts="" cds_note=""
    rm -f "$CDS_PENDING"
    if [[ $KEYCLOAK_CDS == 1 && -s $CDS_ARCHIVE ]]; then
      cds_opts="-XX:SharedArchiveFile=$CDS_ARCHIVE -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
      cds_note=", CDS archive"
    elif [[ $KEYCLOAK_CDS == 1 ]]; then
      rm -f "$CDS_ARCHIVE.new"
      cds_opts="-XX:ArchiveClassesAtExit=$CDS_ARCHIVE.new -Xlog:cds=off -Xlog:cds+dynamic=off"
      echo "$CDS_ARCHIVE.new" >"$CDS_PENDING"
      cds_note=", recording a CDS archive for faster later starts (written at stop)"
    fi
    t0=$(now_ms)
    info "starting keycloak $KEYCLOAK_VERSION (start --optimized, db $KEYCLOAK_DB$cds_note) — log: $(rel "$LOGFILE")"
    JAVA_OPTS_APPEND="$KEYCLOAK_JIT_OPTS $cds_opts ${JAVA_OPTS_APPEND:-}" \
    KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN" KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
    spawn "$PIDFILE" "$LOGFILE" "$KC_HOME/bin/kc.sh" start --optimized \
      --db-url="jdbc:postgresql://$PGHOST:$PGPORT/$KEYCLOAK_DB" --db-username="$PGUSER" "${db_pass[@]}" \
      --db-pool-initial-size=2 --db-pool-min-size=2 --db-pool-max-size=20 \
      --hostname="$KEYCLOAK_HOSTNAME" --hostname-strict=true \
      --http-enabled=true --http-host="$KEYCLOAK_HOST" --http-port="$KEYCLOAK_PORT" \
      --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
      --cache=local
    wait_healthy "$t0" "healthy at $BASE_URL"
  fi
  sync_realm
  ok "keycloak  realm $REALM ready: issuer $EXPECTED_ISSUER (admin console $KEYCLOAK_HOSTNAME/admin, $KEYCLOAK_ADMIN/$KEYCLOAK_ADMIN_PASSWORD)"
}

cmd_stop() {
  lock
  if [[ -s $CDS_PENDING ]] && pid_alive "$PIDFILE" "$PID_PATTERN"; then
    local pending; pending=$(<"$CDS_PENDING")
    info "keycloak writes its class-data-sharing archive on this first stop (one-off, ~15 s)"
    stop_pid "$PIDFILE" "$PID_PATTERN" keycloak $(( KEYCLOAK_STOP_TIMEOUT + 90 ))
    # keep the archive only if the JVM finished writing it (a SIGKILLed dump is discarded)
    if [[ -s $pending && $STOP_KILLED == 0 ]]; then
      mv -f "$pending" "$CDS_ARCHIVE" && ok "CDS archive saved ($(rel "$CDS_ARCHIVE"), $(( $(stat -c %s "$CDS_ARCHIVE") / 1048576 )) MiB)"
    fi
    rm -f "$CDS_PENDING" "$pending"
  else
    stop_pid "$PIDFILE" "$PID_PATTERN" keycloak "$KEYCLOAK_STOP_TIMEOUT"
    rm -f "$CDS_PENDING"
  fi
}

cmd_status() {
  local rc=0
  if healthy && realm_ok; then
    if pid_alive "$PIDFILE" "$PID_PATTERN"; then
      ok "keycloak  up at $BASE_URL, realm $REALM, issuer $EXPECTED_ISSUER (pid $(<"$PIDFILE"), RSS $(rss_mb "$(<"$PIDFILE")") MiB)"
    else
      ok "keycloak  up at $BASE_URL, realm $REALM (not started by infra/keycloak.sh)"
    fi
    local sha have=""
    sha=$(sha256sum "$REALM_FILE" | cut -d' ' -f1)
    [[ -f $REALM_SHA_FILE ]] && have=$(<"$REALM_SHA_FILE")
    [[ $sha == "$have" ]] || warn "realm file changed since the last import; run infra/keycloak.sh start (or reimport)"
  elif healthy; then
    echo "[$(_ts)] DOWN keycloak  is healthy but realm $REALM is missing or has the wrong issuer (run infra/keycloak.sh start)"; rc=1
  elif pid_alive "$PIDFILE" "$PID_PATTERN"; then
    echo "[$(_ts)] DOWN keycloak  process $(<"$PIDFILE") runs but $MGMT_URL/health/ready is not UP yet"; rc=1
  else
    echo "[$(_ts)] DOWN keycloak  not running ($BASE_URL)"; rc=1
  fi
  return $rc
}

cmd_token() {
  local user=${1:-handlaggare.skarpnack} pass=${2:-demo}
  curl -fsS -m 10 "$BASE_URL/realms/$REALM/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=delaktig-staff \
    --data-urlencode "username=$user" --data-urlencode "password=$pass" --data-urlencode scope=openid \
    | jq -r .access_token
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  reimport) need curl; need jq; lock; healthy || die "keycloak is not running"; import_realm ;;
  token) shift; cmd_token "$@" ;;
  fetch) cmd_fetch ;;
  logs) exec tail -n 100 -F "$LOGFILE" ;;
  *) echo "usage: $0 {start|stop|restart|status|reimport|token [user] [password]|fetch|logs}" >&2; exit 2 ;;
esac
