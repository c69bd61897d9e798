#!/usr/bin/env bash
# Status of the local infrastructure; exits 0 only if PostgreSQL, Kafka, Keycloak and Zipkin
# are all ready.  --deep also runs the kafkajs round trip (infra/kafka/smoke.js).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rc=0
"$INFRA_DIR/postgres.sh" status || rc=1
"$INFRA_DIR/kafka.sh" status ${1:+"$1"} || rc=1
"$INFRA_DIR/keycloak.sh" status || rc=1
"$INFRA_DIR/zipkin.sh" status || rc=1
if ((rc == 0)); then
  ok "all infrastructure ready"
else
  echo "[$(_ts)] DOWN some infrastructure is not ready (start it with infra/up.sh)"
fi
exit $rc
