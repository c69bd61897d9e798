#!/usr/bin/env bash
# Local Keycloak (Quarkus distribution from Maven Central) with one Delaktig realm per profile.
#   infra/keycloak.sh start     fetch + build (first time), start on :8080, wait for health, import/refresh the dev realm
#   infra/keycloak.sh stop      SIGTERM, wait (SIGKILL after KEYCLOAK_STOP_TIMEOUT s)
#   infra/keycloak.sh restart
#   infra/keycloak.sh status    exit 0 only if /health/ready is UP and the dev realm answers
#   infra/keycloak.sh realm [profile] [--force]   import/refresh the realm of a profile (default dev)
#                               at the profile's KEYCLOAK_URL (called by infra/services.sh start)
#   infra/keycloak.sh render [profile]            print the realm JSON of a profile
#   infra/keycloak.sh reimport  force re-import of the dev realm (running server)
#   infra/keycloak.sh token [user] [profile]      print an access token for a demo staff member,
#                               signed in with the simulated BankID (needs the profile's stack running)
#   infra/keycloak.sh fetch | logs
# Realms: infra/keycloak/realm-delaktig.json is the template (its values are the dev profile's).
# Each profile gets its own realm on the same Keycloak — `delaktig` (dev), `delaktig-test`
# (test), `delaktig-<profile>` (helper profiles), or KEYCLOAK_REALM from the profile — with the
# profile's identity OpenID Connect provider (http://localhost:<IDENTITY_PORT>/oidc, or
# OIDC_ISSUER), staff UI origins (<STAFF_PORT>) and broker client secret
# (KEYCLOAK_BROKER_CLIENT_SECRET) substituted. The sha256 of the rendered realm is kept in
# the realm itself (attribute delaktigRealmSha256); when it differs or the realm is missing,
# the realm is deleted and re-created through the admin REST API (dev only: sessions are lost).
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
REALM=delaktig   # the dev profile's realm, checked by start/status
REALM_FILE="$INFRA_DIR/keycloak/realm-delaktig.json"
EXPECTED_ISSUER="$KEYCLOAK_HOSTNAME/realms/$REALM"
REALM_SHA_ATTR=delaktigRealmSha256

KC_HOME="$CACHE_ROOT/keycloak-$KEYCLOAK_VERSION"
KC_RUN_DIR="$RUN_ROOT/keycloak"
PIDFILE="$KC_RUN_DIR/keycloak.pid"
LOGFILE="$KC_RUN_DIR/keycloak.log"
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

realm_ok() { # [BASE_URL REALM ISSUER]
  local base=${1:-$BASE_URL} realm=${2:-$REALM} want=${3:-$EXPECTED_ISSUER} iss
  iss=$(curl -fsS -m 3 "$base/realms/$realm/.well-known/openid-configuration" 2>/dev/null | jq -r .issuer 2>/dev/null) || return 1
  [[ $iss == "$want" ]]
}

admin_token() { # [BASE_URL]
  curl -fsS -m 10 "${1:-$BASE_URL}/realms/master/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username=$KEYCLOAK_ADMIN" --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" \
    | jq -r .access_token
}

# load_profile PROFILE — reads infra/env/<profile>.env in a clean way and sets P_* variables.
load_profile() {
  local profile=$1 envfile="$INFRA_DIR/env/$1.env"
  [[ -f $envfile ]] || die "no such profile: $profile ($envfile)"
  local vars
  vars=$(set -a; source "$envfile"; set +a
    realm=${KEYCLOAK_REALM:-$(realm_of_profile "$profile")}
    printf '%s\n' "$realm" "${KEYCLOAK_URL:-http://localhost:8080}" "${IDENTITY_PORT:-3101}" "${STAFF_PORT:-4200}" \
      "${OIDC_ISSUER:-http://localhost:${IDENTITY_PORT:-3101}/oidc}" "${KEYCLOAK_BROKER_CLIENT_SECRET:-}" "${KEYCLOAK_ISSUER_URL:-}")
  { read -r P_REALM; read -r P_KEYCLOAK_URL; read -r P_IDENTITY_PORT; read -r P_STAFF_PORT; read -r P_IDENTITY_OIDC
    read -r P_BROKER_SECRET; read -r P_ISSUER_SETTING; } <<<"$vars"
  P_KEYCLOAK_URL=${P_KEYCLOAK_URL%/}
  P_PROFILE=$profile
}

# render_realm — the realm of the loaded profile (stdout): the template with the profile's values.
render_realm() {
  jq -e .realm "$REALM_FILE" >/dev/null || die "$REALM_FILE is not valid JSON"
  local staff_a="http://localhost:$P_STAFF_PORT" staff_b="http://127.0.0.1:$P_STAFF_PORT" name_suffix=""
  [[ $P_PROFILE != dev ]] && name_suffix=" ($P_PROFILE)"
  jq --arg realm "$P_REALM" --arg idp "$P_IDENTITY_OIDC" --arg secret "$P_BROKER_SECRET" \
     --arg staffA "$staff_a" --arg staffB "$staff_b" --arg suffix "$name_suffix" '
    .realm = $realm
    | .displayName = (.displayName + $suffix)
    | .identityProviders |= map(if .alias == "bankid" then
        .config.issuer = $idp
        | .config.authorizationUrl = ($idp + "/auth")
        | .config.tokenUrl = ($idp + "/token")
        | .config.jwksUrl = ($idp + "/jwks")
        | (if $secret != "" then .config.clientSecret = $secret
           else .config.clientSecret |= sub("^\\$\\{[A-Z_]+:(?<d>.*)\\}$"; "\(.d)") end)
      else . end)
    | .clients |= map(if .clientId == "delaktig-identity-admin" then
        .secret |= sub("^\\$\\{[A-Z_]+:(?<d>.*)\\}$"; "\(.d)")
      else . end)
    | .clients |= map(if .clientId == "delaktig-staff" then
        .rootUrl = $staffA
        | .redirectUris = [($staffA + "/*"), ($staffB + "/*")]
        | .webOrigins = [$staffA, $staffB]
      else . end)
    | .users |= map(.realmRoles |= map(if . == "default-roles-delaktig" then "default-roles-" + $realm else . end))
  ' "$REALM_FILE"
}

realm_sha() { # sha256 of the rendered realm of the loaded profile
  render_realm | sha256sum | cut -d' ' -f1
}

# imported_sha BASE TOKEN REALM — the checksum recorded in the realm, or "" (missing realm).
imported_sha() {
  curl -fsS -m 10 -H "Authorization: Bearer $2" "$1/admin/realms/$3" 2>/dev/null \
    | jq -r --arg k "$REALM_SHA_ATTR" '.attributes[$k] // ""' 2>/dev/null || true
}

import_realm() { # uses the loaded profile
  local t0 tok code sha base=$P_KEYCLOAK_URL realm=$P_REALM tmp
  t0=$(now_ms)
  tmp=$(mktemp)
  render_realm >"$tmp.r"
  sha=$(sha256sum <"$tmp.r" | cut -d' ' -f1)
  jq --arg k "$REALM_SHA_ATTR" --arg v "$sha" '.attributes = ((.attributes // {}) + {($k): $v})' "$tmp.r" >"$tmp"
  rm -f "$tmp.r"
  tok=$(admin_token "$base") || die "cannot get an admin token for $KEYCLOAK_ADMIN at $base (bootstrap admin only exists on an empty database)"
  code=$(curl -sS -m 30 -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $tok" "$base/admin/realms/$realm")
  [[ $code == 204 || $code == 404 ]] || die "deleting realm $realm failed (HTTP $code)"
  mkdir -p "$KC_RUN_DIR"
  code=$(curl -sS -m 60 -o "$KC_RUN_DIR/import-response.txt" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
    --data-binary "@$tmp" "$base/admin/realms")
  rm -f "$tmp"
  [[ $code == 201 ]] || { cat "$KC_RUN_DIR/import-response.txt" >&2; die "importing realm $realm failed (HTTP $code)"; }
  ok "realm $realm ($P_PROFILE) imported at $base in $(( $(now_ms) - t0 ))ms (identity $P_IDENTITY_OIDC, staff :$P_STAFF_PORT, sha256 ${sha:0:12})"
}

# sync_realm PROFILE [--force] — import the profile's realm when missing or changed.
sync_realm() {
  local force=${2:-}
  load_profile "$1"
  local base=$P_KEYCLOAK_URL realm=$P_REALM want_iss="$P_KEYCLOAK_URL/realms/$P_REALM" tok sha have
  if [[ -n $P_ISSUER_SETTING && $P_ISSUER_SETTING != "$want_iss" ]]; then
    warn "profile $1: KEYCLOAK_ISSUER_URL=$P_ISSUER_SETTING but its realm is $want_iss (set KEYCLOAK_REALM / KEYCLOAK_ISSUER_URL consistently)"
  fi
  tok=$(admin_token "$base") || die "cannot get an admin token at $base (is Keycloak running? infra/keycloak.sh start)"
  sha=$(realm_sha)
  have=$(imported_sha "$base" "$tok" "$realm")
  if [[ $force == --force ]]; then
    info "re-importing realm $realm ($1)"; import_realm
  elif [[ -z $have ]]; then
    info "realm $realm ($1) missing — importing"; import_realm
  elif [[ $sha != "$have" ]]; then
    info "realm $realm ($1) differs from its template — re-importing"; import_realm
  else
    ok "realm $realm ($1) up to date (sha256 ${sha:0:12})"
  fi
  realm_ok "$base" "$realm" "$want_iss" || die "realm $realm does not answer with issuer $want_iss"
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
    # Runtime Quarkus settings (connection validation after a database restart).
    cp "$INFRA_DIR/keycloak/quarkus.properties" "$KC_HOME/conf/quarkus.properties"
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
  sync_realm dev
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
  elif healthy; then
    echo "[$(_ts)] DOWN keycloak  is healthy but realm $REALM is missing or has the wrong issuer (run infra/keycloak.sh start)"; rc=1
  elif pid_alive "$PIDFILE" "$PID_PATTERN"; then
    echo "[$(_ts)] DOWN keycloak  process $(<"$PIDFILE") runs but $MGMT_URL/health/ready is not UP yet"; rc=1
  else
    echo "[$(_ts)] DOWN keycloak  not running ($BASE_URL)"; rc=1
  fi
  return $rc
}

cmd_token() { # [user] [profile]
  local user=${1:-handlaggare.skarpnack} profile=${2:-dev}
  DELAKTIG_PROFILE=$profile exec node "$REPO_ROOT/node_modules/.bin/ts-node" --transpile-only -O '{"module":"commonjs"}' \
    "$REPO_ROOT/tools/staff-token.ts" "$user"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  reimport) need curl; need jq; lock; healthy || die "keycloak is not running"; sync_realm dev --force ;;
  realm) need curl; need jq; lock; sync_realm "${2:-dev}" "${3:-}" ;;
  render) need jq; load_profile "${2:-dev}"; render_realm ;;
  token) shift; cmd_token "$@" ;;
  fetch) cmd_fetch ;;
  logs) exec tail -n 100 -F "$LOGFILE" ;;
  *) echo "usage: $0 {start|stop|restart|status|realm [profile] [--force]|render [profile]|reimport|token [user] [profile]|fetch|logs}" >&2; exit 2 ;;
esac
