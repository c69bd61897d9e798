#!/usr/bin/env bash
# One command: install and run every test — lint (incl. module boundaries), unit tests,
# builds, integration tests against real PostgreSQL, Kafka and Keycloak, browser tests in
# Chromium, the outage tests (Kafka down, PostgreSQL restarted), and npm start's demo seed.
# Starts what it needs and stops what it started.
#   npm test
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export NX_DAEMON=false NX_NO_CLOUD=true

infra_was_up=0
infra/status.sh >/dev/null 2>&1 && infra_was_up=1
cleanup() {
  local rc=$?
  step "cleanup"
  infra/services.sh stop test || true
  if [[ $infra_was_up == 0 ]]; then infra/down.sh || true; fi
  exit $rc
}
trap cleanup EXIT

install_system_packages
install_node_modules

step "dependency audit: no known high or critical vulnerability in what production runs"
scripts/dependency-audit.sh

step "lint, unit tests and builds"
npx nx run-many -t lint test build --parallel=2 --output-style=static

step "module boundaries: a service importing another service must fail lint"
probe=services/statistics/src/app/__boundary_probe.ts
printf "import { InvitationsService } from '../../../survey-delivery/src/app/invitations.service';\nexport const probe = InvitationsService;\n" >"$probe"
if npx eslint "$probe" >/dev/null 2>&1; then rm -f "$probe"; echo "module-boundary rule did not fire" >&2; exit 1; fi
rm -f "$probe"
echo "ok: cross-service import refused by @nx/enforce-module-boundaries"

step "infrastructure"
infra/up.sh
# A clean slate for every run: the test databases are dropped and migrated afresh.
for db in identity survey_delivery responses statistics audit; do
  dropdb -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" --if-exists --force "delaktig_${db}_test"
done
infra/postgres.sh create-dbs _test
# The test realm afresh too: staff registered by earlier runs' tests would otherwise collide.
infra/keycloak.sh realm test --force
infra/services.sh start test

step "integration tests (real PostgreSQL, Kafka, Keycloak)"
npx jest -c tests/integration/jest.config.cts --runInBand --testPathIgnorePatterns kafka-outage postgres-restart service-kill demo-seed

step "fuzz: malformed input to every gateway route (no 5xx, every rejection an RFC 9457 problem)"
DELAKTIG_PROFILE=test GATEWAY_URL=http://127.0.0.1:4000 npm run --silent fuzz

step "browser tests (Chromium)"
STAFF_URL=http://localhost:5200 GATEWAY_URL=http://localhost:4000 CHILD_URL=http://localhost:5300 BANKID_SIM_URL=http://127.0.0.1:4201 npx jest -c tests/browser/jest.config.cjs --runInBand

step "outage tests: Kafka broker down for 30 s, PostgreSQL restarted under load, services killed (SIGKILL) under load"
npx jest -c tests/integration/jest.config.cts --runInBand kafka-outage postgres-restart service-kill

step "demo seed against the test stack: what npm start leaves (live invitations and answers, two years of history in every district)"
DELAKTIG_PROFILE=test GATEWAY_URL=http://127.0.0.1:4000 TS_NODE_PROJECT=tsconfig.base.json node node_modules/.bin/ts-node --transpile-only -O '{"module":"commonjs"}' -r tsconfig-paths/register tools/seed-demo.ts
npx jest -c tests/integration/jest.config.cts --runInBand demo-seed

step "the audit log of the whole run verifies intact against the checkpoints on Kafka (npm run audit:verify)"
npm run --silent audit:verify -- --profile test

step "benchmarks at a small size (each must run and print its numbers)"
scripts/bench-smoke.sh
