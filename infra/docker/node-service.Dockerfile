# syntax=docker/dockerfile:1.7
# One image recipe for the API gateway and the five NestJS services.
#   docker build -f infra/docker/node-service.Dockerfile \
#     --build-arg APP=identity --build-arg APP_DIR=services/identity -t delaktig/identity .
# APP is the Nx project name, APP_DIR its folder; the build writes dist/<APP_DIR>/main.js.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS base
# openssl: Prisma's schema engine (migrate deploy) links against it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_SKIP_NX_CACHE=true \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1

# ---- build: install, generate the Prisma client, build, then drop dev dependencies ----
FROM base AS build
ARG APP
ARG APP_DIR
RUN test -n "$APP" && test -n "$APP_DIR" || (echo "build args APP and APP_DIR are required" >&2; exit 1)
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
# package.json denies dependency install scripts (allowScripts); fetch Prisma's schema
# engine explicitly so `prisma migrate deploy` works in the (offline, read-only) runtime.
RUN node node_modules/@prisma/engines/scripts/postinstall.js
COPY . .
# Services own a Prisma schema; the gateway has none. Generation needs no database, but
# prisma.config.ts may read DATABASE_URL, so give it a syntactically valid placeholder.
RUN if [ -f "$APP_DIR/prisma.config.ts" ]; then \
      DATABASE_URL=postgresql://build@localhost:5432/build \
        npx prisma generate --config "$APP_DIR/prisma.config.ts"; \
    fi
RUN npx nx build "$APP" \
 && test -f "dist/$APP_DIR/main.js"
RUN npm prune --omit=dev --no-audit --no-fund
# Stage what the runtime needs besides node_modules: the bundle and (services only) the
# Prisma schema, migrations and config, at the same relative paths as in the repo.
RUN mkdir -p "/runtime/dist/$APP_DIR" "/runtime/$APP_DIR" \
 && cp -a "dist/$APP_DIR/." "/runtime/dist/$APP_DIR/" \
 && if [ -f "$APP_DIR/prisma.config.ts" ]; then \
      cp -a "$APP_DIR/prisma" "$APP_DIR/prisma.config.ts" "/runtime/$APP_DIR/"; \
    fi

# ---- runtime ----
FROM base AS runtime
ARG APP
ARG APP_DIR
ENV NODE_ENV=production \
    APP=${APP} \
    APP_DIR=${APP_DIR} \
    HOME=/tmp
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /runtime/ ./
COPY --chmod=0755 infra/docker/service-entrypoint.sh /usr/local/bin/service-entrypoint.sh
# Numeric uid (the image's "node" user) so Kubernetes can verify runAsNonRoot.
USER 1000:1000
ENTRYPOINT ["/usr/local/bin/service-entrypoint.sh"]
