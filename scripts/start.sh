#!/usr/bin/env bash
# One command: install, build, start the whole system with demo data, print URLs and logins.
#   npm start        (stop with: npm run stop)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_system_packages
install_node_modules
step "build (services, gateway, frontends)"
npx nx run-many -t build --parallel=2 --output-style=static
step "infrastructure: PostgreSQL, Kafka, Keycloak"
infra/up.sh
infra/postgres.sh create-dbs
step "services, gateway and frontends"
infra/services.sh start dev
step "demo data"
node node_modules/.bin/ts-node --transpile-only -O '{"module":"commonjs"}' tools/seed-demo.ts

cat <<MSG

Delaktig is running.
  Staff UI        http://localhost:4200      (sign in with a demo user below)
  Child app       http://localhost:4300
  API gateway     http://localhost:3000/api  (OpenAPI: http://localhost:3000/api/docs)
  Keycloak        http://localhost:8080      (admin console: admin / admin)
  BankID (sim.)   http://localhost:3201      (test app: approve or cancel BankID orders)
  Identity OIDC   http://localhost:3101/oidc/.well-known/openid-configuration

Demo users (password: demo)
  handlaggare.skarpnack   caseworker, Skarpnäck      enhetschef.skarpnack  unit lead, Skarpnäck
  admin.skarpnack         district admin, Skarpnäck  revisor.skarpnack     auditor, Skarpnäck
  handlaggare.norrmalm    caseworker, Norrmalm       admin.norrmalm        district admin, Norrmalm
  analytiker.central      central analyst            revisor.central       auditor, central office

Logs: .run/dev/logs/   Status: infra/status.sh && infra/services.sh status   Stop: npm run stop
MSG
