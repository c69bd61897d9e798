#!/usr/bin/env bash
# One command: install, build, start the whole system with demo data, print URLs and logins.
#   npm start        (stop with: npm run stop)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_system_packages
install_node_modules
step "build (services, gateway, frontends)"
npx nx run-many -t build --parallel=2 --output-style=static
step "infrastructure: PostgreSQL, Kafka, Keycloak, Zipkin"
infra/up.sh
infra/postgres.sh create-dbs
step "services, gateway and frontends"
infra/services.sh start dev
step "demo data"
TS_NODE_PROJECT=tsconfig.base.json node node_modules/.bin/ts-node --transpile-only -O '{"module":"commonjs"}' -r tsconfig-paths/register tools/seed-demo.ts

cat <<MSG

Delaktig is running.
  Staff UI        http://localhost:4200      (sign in with BankID: the simulator's test app below)
  Child app       http://localhost:4300
  API gateway     http://localhost:3000/api  (OpenAPI: http://localhost:3000/api/docs)
  Keycloak        http://localhost:8080      (admin console: admin / admin)
  BankID (sim.)   http://localhost:3201      (test app: approve or cancel BankID orders)
  Identity OIDC   http://localhost:3101/oidc/.well-known/openid-configuration
  Traces          http://localhost:9411      (Zipkin: every request's trace, browser to Kafka consumers)

Demo staff: sign in with BankID — in the simulator's test app pick the test person
  Sara Lindqvist    handlaggare.skarpnack  caseworker, Skarpnäck     Johan Bergström  enhetschef.skarpnack  unit lead
  Maria Nyström     admin.skarpnack        district admin, Skarpnäck  Lars Holmberg    revisor.skarpnack     auditor
  Emma Sjöberg      handlaggare.norrmalm   caseworker, Norrmalm      Anders Wikström  admin.norrmalm        district admin
  Karin Ekström     analytiker.central     central analyst           Per Åkesson      revisor.central       auditor
  Refused: Erik Eriksson (deactivated), Anna Andersson (not registered). No passwords.

Demo data: Sara's and Emma's invitations (answered, with feedback, and open ones; messages in the
  SMS simulator :3250 and the e-mail inbox :3252), two years of statistics in all 13 districts.

Logs: .run/dev/logs/   Status: infra/status.sh && infra/services.sh status   Stop: npm run stop
MSG
