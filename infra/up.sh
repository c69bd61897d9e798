#!/usr/bin/env bash
# Start the local infrastructure: PostgreSQL check + databases, then Kafka and Keycloak in
# parallel; waits until both are ready. Zipkin (trace collector + viewer) starts in the
# background first and is waited for at the end. Idempotent (already running services are kept).
# Env: see infra/postgres.sh, infra/kafka.sh, infra/keycloak.sh, infra/zipkin.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

t0=$(now_ms)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Zipkin needs nothing else: it starts first, in the background, while the rest gets ready.
( set +e; "$INFRA_DIR/zipkin.sh" start; echo $? >"$tmp/zipkin.rc" ) 2>&1 &
zpid=$!
"$INFRA_DIR/postgres.sh" start
"$INFRA_DIR/postgres.sh" create-dbs >/dev/null
"$INFRA_DIR/postgres.sh" create-dbs _test >/dev/null
ok "postgres  databases delaktig_* and delaktig_*_test present"

( set +e; "$INFRA_DIR/kafka.sh" start; echo $? >"$tmp/kafka.rc" ) 2>&1 &
kpid=$!
( set +e; "$INFRA_DIR/keycloak.sh" start; echo $? >"$tmp/keycloak.rc" ) 2>&1 &
cpid=$!
wait "$kpid" "$cpid" "$zpid" || true

failed=()
[[ $(cat "$tmp/kafka.rc" 2>/dev/null) == 0 ]] || failed+=(kafka)
[[ $(cat "$tmp/keycloak.rc" 2>/dev/null) == 0 ]] || failed+=(keycloak)
[[ $(cat "$tmp/zipkin.rc" 2>/dev/null) == 0 ]] || failed+=(zipkin)
if ((${#failed[@]})); then
  die "infra up failed: ${failed[*]} (logs in $(rel "$RUN_ROOT")/<service>/)"
fi

cat <<MSG
[$(_ts)] OK   infrastructure up in $(( ($(now_ms) - t0) / 1000 ))s
  PostgreSQL  postgresql://${PGUSER:-postgres}@${PGHOST:-127.0.0.1}:${PGPORT:-5432}/delaktig_<service>[_test]
  Kafka       KAFKA_BROKERS=${KAFKA_HOST:-127.0.0.1}:${KAFKA_PORT:-9092}
  Keycloak    ${KEYCLOAK_HOSTNAME:-http://localhost:${KEYCLOAK_PORT:-8080}}  (admin console /admin, ${KEYCLOAK_ADMIN:-admin}/${KEYCLOAK_ADMIN_PASSWORD:-admin})
              KEYCLOAK_ISSUER_URL=${KEYCLOAK_HOSTNAME:-http://localhost:${KEYCLOAK_PORT:-8080}}/realms/delaktig  GATEWAY_AUDIENCE=delaktig-gateway
              health http://${KEYCLOAK_HOST:-127.0.0.1}:${KEYCLOAK_MANAGEMENT_PORT:-9000}/health/ready · one realm per profile, staff sign in with BankID (infra/README.md)
  Zipkin      http://localhost:${ZIPKIN_PORT:-9411}  (trace viewer; collector POST /api/v2/spans, spans in memory)
  Logs        $(rel "$RUN_ROOT")/kafka/kafka.log  $(rel "$RUN_ROOT")/keycloak/keycloak.log  $(rel "$RUN_ROOT")/zipkin/zipkin.log
MSG
