#!/usr/bin/env bash
# Stops the development stack started by scripts/start.sh (services, then infrastructure).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
infra/services.sh stop dev
infra/down.sh
