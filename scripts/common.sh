# shellcheck shell=bash
# Shared by scripts/start.sh and scripts/test.sh: install what a fresh machine lacks.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

install_node_modules() {
  # Install from the lock file when node_modules is missing or older than it.
  # `npm install` rather than `npm ci`: npm 11 here writes lock files without the other
  # platforms' optional packages (esbuild, rollup, msgpackr builds), which `npm ci`
  # then rejects as out of sync; `npm install` installs the locked versions all the same.
  # Dependencies' install scripts stay off (allowScripts in package.json): none are needed.
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    step "npm install (from package-lock.json)"
    npm install --no-audit --no-fund
    touch node_modules/.package-lock.json
  fi
}

install_system_packages() {
  # Chromium for the browser tests and fonts for readable screenshots; nginx for the image
  # tests; Java and Maven for Kafka and Keycloak, which infra/ fetches from Maven Central.
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
  command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || missing+=(maven)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v unzip >/dev/null || missing+=(unzip)
  # nginx serves the frontends in the images; the deployment tests run it (nginx -t, CSP nonce).
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
  if ((${#missing[@]})); then
    step "apt-get install ${missing[*]}"
    local sudo=""
    [[ $(id -u) == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}
