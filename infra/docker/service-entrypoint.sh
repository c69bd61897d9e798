#!/bin/sh
# Entrypoint of the gateway and service images (infra/docker/node-service.Dockerfile).
#   (no args)  apply pending Prisma migrations (services only, unless RUN_MIGRATIONS=false),
#              then exec the server
#   migrate    apply pending migrations and exit (the Kubernetes migration Jobs)
# `prisma migrate deploy` only applies committed migrations, never creates any, and takes
# a database advisory lock, so several replicas starting at once are safe.
set -eu

: "${APP_DIR:?APP_DIR is not set (it is baked into the image)}"
PRISMA_CONFIG="$APP_DIR/prisma.config.ts"

migrate() {
  if [ ! -f "$PRISMA_CONFIG" ]; then
    echo "service-entrypoint: $APP_DIR has no Prisma schema; nothing to migrate"
    return 0
  fi
  : "${DATABASE_URL:?DATABASE_URL is required to run migrations}"
  echo "service-entrypoint: prisma migrate deploy --config $PRISMA_CONFIG"
  # The local CLI (same as `npx prisma`, but never reaches for the network or ~/.npm).
  ./node_modules/.bin/prisma migrate deploy --config "$PRISMA_CONFIG"
}

case "${1:-}" in
  migrate)
    migrate
    exit 0
    ;;
  "")
    if [ "${RUN_MIGRATIONS:-true}" = "true" ]; then migrate; fi
    exec node "dist/$APP_DIR/main.js"
    ;;
  *)
    exec "$@"
    ;;
esac
