#!/usr/bin/env bash
# Every benchmark of the README, run at a small size against the started test stack, so a broken
# benchmark fails CI (speed goals are not judged here: the numbers are printed, not asserted).
#   scripts/bench-smoke.sh        (needs: infra/up.sh && infra/services.sh start test, built apps)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
run() { step "bench: $*"; npm run --silent "$@"; }

run bench:invitations -- --profile test --requests 60 --concurrency 8
run bench:responses -- --profile test --requests 60 --concurrency 8
run bench:responses -- --profile test --requests 30 --concurrency 4 --via gateway
run bench:submit -- --profile test --requests 40 --concurrency 4,8
run bench:statistics -- --profile test --invitations 4000 --requests 20
run bench:statistics-answers -- --profile test --responses 1500 --requests 20 --rate 40 --seconds 3
run bench:audit -- --profile test --events 500
run bench:child-bundle
run bench:lighthouse -- --min 0
