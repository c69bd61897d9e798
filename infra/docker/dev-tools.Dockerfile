# syntax=docker/dockerfile:1.7
# The development tools docker-compose.yml runs besides the services, as `npm start` does:
# the BankID RP API simulator (libs/bankid), the SMS simulator
# (services/survey-delivery/simulator), maildev and the demo seed (tools/seed-demo.ts), all
# with ts-node from the repository and its dev dependencies. Never part of a production image.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim
FROM ${NODE_IMAGE}
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true HOME=/tmp
COPY package.json package-lock.json ./
# Dependencies' install scripts stay off (allowScripts in package.json); nothing here needs them.
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
USER 1000:1000
