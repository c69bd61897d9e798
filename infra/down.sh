#!/usr/bin/env bash
# Stop Kafka, Keycloak and Zipkin (in parallel). PostgreSQL is a system service and is left running.
# Data (Kafka logs, Keycloak database) is kept.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
( set +e; "$INFRA_DIR/keycloak.sh" stop; echo $? >"$tmp/keycloak.rc" ) 2>&1 &
( set +e; "$INFRA_DIR/kafka.sh" stop; echo $? >"$tmp/kafka.rc" ) 2>&1 &
( set +e; "$INFRA_DIR/zipkin.sh" stop; echo $? >"$tmp/zipkin.rc" ) 2>&1 &
wait
[[ $(cat "$tmp/kafka.rc") == 0 && $(cat "$tmp/keycloak.rc") == 0 && $(cat "$tmp/zipkin.rc") == 0 ]] || die "infra down: a service did not stop cleanly"
ok "infrastructure down (postgres left running; Zipkin's in-memory traces are gone; data kept in $(rel "$RUN_ROOT")/kafka/data and database ${KEYCLOAK_DB:-delaktig_keycloak})"
