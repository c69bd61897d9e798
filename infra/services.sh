#!/usr/bin/env bash
# Starts, stops or reports the Delaktig processes (BankID simulator, five services, gateway, two frontends)
# from their built output in dist/. Profiles: dev (default) and test (infra/env/*.env).
#   infra/services.sh start|stop|status|migrate [dev|test]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cmd=${1:-status}
profile=${2:-dev}
envfile="$INFRA_DIR/env/$profile.env"
[[ -f $envfile ]] || die "no such profile: $profile ($envfile)"
set -a
# shellcheck disable=SC1090
source "$envfile"
set +a
# Keycloak: one realm per profile on the same server (infra/keycloak.sh realm <profile>).
KEYCLOAK_URL=${KEYCLOAK_URL:-http://localhost:8080}
KEYCLOAK_REALM=${KEYCLOAK_REALM:-$(realm_of_profile "$profile")}
export KEYCLOAK_ISSUER_URL="$KEYCLOAK_URL/realms/$KEYCLOAK_REALM"
# identity's OpenID Connect provider lets this realm's BankID broker endpoint back in.
export KEYCLOAK_BROKER_REDIRECT_URIS=${KEYCLOAK_BROKER_REDIRECT_URIS:-$KEYCLOAK_ISSUER_URL/broker/bankid/endpoint}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
run_dir="$RUN_ROOT/$profile"
# BankID: the simulator (libs/bankid) stands in for BankID's RP API; identity's client talks to it.
BANKID_SIM_PORT=${BANKID_SIM_PORT:-3201}
export BANKID_API_URL=${BANKID_API_URL:-http://127.0.0.1:$BANKID_SIM_PORT/rp/v6.0}
BANKID_SIM_PATTERN="libs/bankid/src/simulator/main.ts"
# Delivery: maildev (SMTP + web inbox, REST API at /email) receives e-mail invitations; the SMS
# simulator (services/survey-delivery/simulator) speaks 46elks' API and shows SMS at its /.
MAILDEV_SMTP_PORT=${MAILDEV_SMTP_PORT:-3251}
MAILDEV_WEB_PORT=${MAILDEV_WEB_PORT:-3252}
SMS_SIM_PORT=${SMS_SIM_PORT:-3250}
MAILDEV_PATTERN="maildev.js --smtp $MAILDEV_SMTP_PORT"
SMS_SIM_PATTERN="services/survey-delivery/simulator/sms-simulator.ts"
export SMTP_URL=${SMTP_URL:-smtp://127.0.0.1:$MAILDEV_SMTP_PORT}
export SMS_API_URL=${SMS_API_URL:-http://127.0.0.1:$SMS_SIM_PORT/a1}
export CHILD_APP_URL=${CHILD_APP_URL:-http://localhost:$CHILD_PORT}
# survey-delivery's safety-alert notifier: work contacts from identity, links to the staff UI.
export IDENTITY_URL=${IDENTITY_URL:-http://127.0.0.1:$IDENTITY_PORT}
export STAFF_APP_URL=${STAFF_APP_URL:-http://localhost:$STAFF_PORT}
mkdir -p "$run_dir/logs"

SERVICES=(identity survey-delivery responses statistics audit)
port_of() {
  case $1 in
    identity) echo "$IDENTITY_PORT" ;; survey-delivery) echo "$SURVEY_DELIVERY_PORT" ;;
    responses) echo "$RESPONSES_PORT" ;; statistics) echo "$STATISTICS_PORT" ;;
    audit) echo "$AUDIT_PORT" ;; gateway) echo "$GATEWAY_PORT" ;;
    staff) echo "$STAFF_PORT" ;; child) echo "$CHILD_PORT" ;;
  esac
}
db_of() { echo "delaktig_${1//-/_}${DB_SUFFIX}"; }
db_url() { echo "postgresql://$PGUSER@$PGHOST:$PGPORT/$(db_of "$1")"; }

wait_http() { # URL NAME TIMEOUT_S
  local url=$1 name=$2 timeout=${3:-60} t0; t0=$(now_ms)
  for ((i = 0; i < timeout * 5; i++)); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then ok "$name ready in $(( ($(now_ms) - t0) ))ms ($url)"; return 0; fi
    sleep 0.2
  done
  return 1
}

start_proc() { # NAME PATTERN LOG CMD...
  local name=$1 pattern=$2; shift 2
  local pidfile="$run_dir/$name.pid" log="$run_dir/logs/$name.log"
  if pid_alive "$pidfile" "$pattern"; then ok "$name already running"; return 0; fi
  spawn "$pidfile" "$log" "$@"
}

migrate() {
  for s in "${SERVICES[@]}"; do
    local db; db=$(db_of "$s")
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
      || createdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$db"
    node "$REPO_ROOT/node_modules/.bin/ts-node" --transpile-only -O '{"module":"commonjs"}' "$REPO_ROOT/tools/migrate.ts" "$s" "$(db_url "$s")"
  done
}

start() {
  for f in dist/gateway/main.js "${SERVICES[@]/#/dist/services/}" dist/frontend/staff/browser/index.html dist/frontend/child/browser/index.html; do
    [[ $f == dist/services/* ]] && f="$f/main.js"
    [[ -f $REPO_ROOT/$f ]] || die "not built: $f (run: npx nx run-many -t build)"
  done
  migrate
  # The profile's realm (BankID identity provider at this profile's identity): imported when
  # missing or when the rendered template changed. Without Keycloak the stack still starts.
  if curl -fsS -o /dev/null --max-time 3 "$KEYCLOAK_URL/realms/master"; then
    "$INFRA_DIR/keycloak.sh" realm "$profile"
  else
    warn "Keycloak not reachable at $KEYCLOAK_URL: realm $KEYCLOAK_REALM not checked (staff sign-in will not work)"
  fi
  BANKID_SIM_PORT=$BANKID_SIM_PORT start_proc bankid-sim "$BANKID_SIM_PATTERN" \
    node "$REPO_ROOT/node_modules/.bin/ts-node" --transpile-only -O '{"module":"commonjs"}' "$REPO_ROOT/$BANKID_SIM_PATTERN"
  wait_http "http://127.0.0.1:$BANKID_SIM_PORT/sim/orders" "BankID simulator" 60 || die "BankID simulator did not start; see $run_dir/logs/bankid-sim.log"
  start_proc maildev "$MAILDEV_PATTERN" node "$REPO_ROOT/node_modules/maildev/dist/bin/maildev.js" --smtp "$MAILDEV_SMTP_PORT" --web "$MAILDEV_WEB_PORT" \
    --ip 127.0.0.1 --web-ip 127.0.0.1 --max-emails 500 --mail-directory "$run_dir/maildev"
  SMS_SIM_PORT=$SMS_SIM_PORT start_proc sms-sim "$SMS_SIM_PATTERN" \
    node "$REPO_ROOT/node_modules/.bin/ts-node" --transpile-only -O '{"module":"commonjs"}' "$REPO_ROOT/$SMS_SIM_PATTERN"
  wait_http "http://127.0.0.1:$MAILDEV_WEB_PORT/api/email" "maildev (SMTP :$MAILDEV_SMTP_PORT)" 60 || die "maildev did not start; see $run_dir/logs/maildev.log"
  wait_http "http://127.0.0.1:$SMS_SIM_PORT/sim/messages" "SMS simulator" 60 || die "SMS simulator did not start; see $run_dir/logs/sms-sim.log"
  for s in "${SERVICES[@]}"; do
    local url; url=$(db_url "$s")
    # audit runs as its append-only writer role (its migrations create it and grant it; ADR 0014).
    [[ $s == audit ]] && url="postgresql://delaktig_audit_writer@$PGHOST:$PGPORT/$(db_of "$s")"
    PORT=$(port_of "$s") DATABASE_URL=$url start_proc "$s" "dist/services/$s/main.js" \
      node --enable-source-maps "$REPO_ROOT/dist/services/$s/main.js"
  done
  PORT=$GATEWAY_PORT IDENTITY_URL=http://127.0.0.1:$IDENTITY_PORT SURVEY_DELIVERY_URL=http://127.0.0.1:$SURVEY_DELIVERY_PORT \
    RESPONSES_URL=http://127.0.0.1:$RESPONSES_PORT STATISTICS_URL=http://127.0.0.1:$STATISTICS_PORT AUDIT_URL=http://127.0.0.1:$AUDIT_PORT \
    CORS_ORIGINS=http://localhost:$STAFF_PORT,http://127.0.0.1:$STAFF_PORT,http://localhost:$CHILD_PORT,http://127.0.0.1:$CHILD_PORT \
    start_proc gateway "dist/gateway/main.js" node --enable-source-maps "$REPO_ROOT/dist/gateway/main.js"
  local staff_config
  staff_config=$(printf '{"gatewayUrl":"http://localhost:%s","childAppUrl":"http://localhost:%s","telemetryUrl":"%s","telemetryFormat":"%s","keycloak":{"url":"%s","realm":"%s","clientId":"delaktig-staff"}}' "$GATEWAY_PORT" "$CHILD_PORT" "${BROWSER_TELEMETRY_URL:-}" "${BROWSER_TELEMETRY_FORMAT:-otlp}" "$KEYCLOAK_URL" "$KEYCLOAK_REALM")
  start_proc staff "static-server.mjs $REPO_ROOT/dist/frontend/staff" node "$INFRA_DIR/static-server.mjs" "$REPO_ROOT/dist/frontend/staff/browser" "$STAFF_PORT" "$staff_config"
  local child_config staff_origins="http://localhost:$STAFF_PORT http://127.0.0.1:$STAFF_PORT"
  child_config=$(printf '{"gatewayUrl":"http://localhost:%s","previewOrigins":["http://localhost:%s","http://127.0.0.1:%s"],"neutralUrl":"%s","telemetryUrl":"%s","telemetryFormat":"%s"}' "$GATEWAY_PORT" "$STAFF_PORT" "$STAFF_PORT" "${CHILD_NEUTRAL_URL:-https://www.google.com/search?q=v%C3%A4der}" "${BROWSER_TELEMETRY_URL:-}" "${BROWSER_TELEMETRY_FORMAT:-otlp}")
  FRAME_ANCESTORS="$staff_origins" start_proc child "static-server.mjs $REPO_ROOT/dist/frontend/child" node "$INFRA_DIR/static-server.mjs" "$REPO_ROOT/dist/frontend/child/browser" "$CHILD_PORT" "$child_config"
  local failed=0
  for s in "${SERVICES[@]}"; do
    wait_http "http://127.0.0.1:$(port_of "$s")/health/ready" "$s" 60 || { warn "$s did not become ready; see $run_dir/logs/$s.log"; tail -5 "$run_dir/logs/$s.log" >&2; failed=1; }
  done
  for s in statistics audit; do # consumers: wait until they have joined their group
    local url="http://127.0.0.1:$(port_of "$s")/health/ready" i
    for ((i = 0; i < 300; i++)); do curl -fsS --max-time 2 "$url" 2>/dev/null | grep -q '"consumer":"joined"' && break; sleep 0.2; done
    curl -fsS --max-time 2 "$url" 2>/dev/null | grep -q '"consumer":"joined"' && ok "$s consuming" || warn "$s has not joined its consumer group yet"
  done
  wait_http "http://127.0.0.1:$GATEWAY_PORT/api/health/services" gateway 60 || { warn "gateway not ready; see $run_dir/logs/gateway.log"; failed=1; }
  wait_http "http://127.0.0.1:$STAFF_PORT/" "staff UI" 30 || failed=1
  wait_http "http://127.0.0.1:$CHILD_PORT/" "child app" 30 || failed=1
  [[ $failed == 0 ]] || die "some processes did not start ($profile)"
}

stop() {
  for p in child staff gateway "${SERVICES[@]}"; do
    local pattern="dist/services/$p/main.js"
    [[ $p == gateway ]] && pattern="dist/gateway/main.js"
    [[ $p == staff || $p == child ]] && pattern="static-server.mjs $REPO_ROOT/dist/frontend/$p"
    stop_pid "$run_dir/$p.pid" "$pattern" "$p ($profile)" 15
  done
  stop_pid "$run_dir/bankid-sim.pid" "$BANKID_SIM_PATTERN" "BankID simulator ($profile)" 15
  stop_pid "$run_dir/sms-sim.pid" "$SMS_SIM_PATTERN" "SMS simulator ($profile)" 15
  stop_pid "$run_dir/maildev.pid" "$MAILDEV_PATTERN" "maildev ($profile)" 15
}

status() {
  local rc=0
  for s in "${SERVICES[@]}"; do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$(port_of "$s")/health/ready"; then ok "$s up on :$(port_of "$s")"; else warn "$s down"; rc=1; fi
  done
  if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$BANKID_SIM_PORT/sim/orders"; then ok "BankID simulator up on :$BANKID_SIM_PORT"; else warn "BankID simulator down"; rc=1; fi
  if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$MAILDEV_WEB_PORT/api/email"; then ok "maildev up: SMTP :$MAILDEV_SMTP_PORT, inbox http://localhost:$MAILDEV_WEB_PORT"; else warn "maildev down"; rc=1; fi
  if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$SMS_SIM_PORT/sim/messages"; then ok "SMS simulator up: http://localhost:$SMS_SIM_PORT"; else warn "SMS simulator down"; rc=1; fi
  if curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$GATEWAY_PORT/api/health/services"; then ok "gateway up on :$GATEWAY_PORT"; else warn "gateway down"; rc=1; fi
  for f in staff child; do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$(port_of $f)/"; then ok "$f UI up on :$(port_of $f)"; else warn "$f UI down"; rc=1; fi
  done
  return $rc
}

case $cmd in
  start) start ;;
  stop) stop ;;
  status) status ;;
  migrate) migrate ;;
  *) die "usage: $0 start|stop|status|migrate [dev|test]" ;;
esac
