# syntax=docker/dockerfile:1.7
# Staff UI and child app: built with Nx (Angular), served as static files by nginx.
#   docker build -f infra/docker/frontend.Dockerfile --build-arg APP=staff -t delaktig/staff .
# APP is `staff` or `child`; the build writes dist/frontend/<APP>/browser.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28.0-alpine

FROM ${NODE_IMAGE} AS build
ARG APP
RUN case "$APP" in staff|child) ;; *) echo "build arg APP must be staff or child" >&2; exit 1 ;; esac
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npx nx build "$APP" --configuration=production \
 && test -f "dist/frontend/$APP/browser/index.html"

# Runs as uid 101 and listens on 8080; compose publishes it on 4200 (staff) / 4300 (child).
FROM ${NGINX_IMAGE}
ARG APP
ENV FRONTEND_APP=${APP}
USER root
# The html folder belongs to nginx so the entrypoint can write config.json (compose);
# Kubernetes mounts config.json from a ConfigMap instead and keeps the filesystem read-only.
RUN rm -rf /usr/share/nginx/html/* && chown 101:101 /usr/share/nginx/html
COPY infra/docker/nginx.conf /etc/nginx/nginx.conf
COPY --chmod=0755 infra/docker/frontend-entrypoint.sh /usr/local/bin/frontend-entrypoint.sh
COPY --from=build --chown=101:101 /app/dist/frontend/${APP}/browser/ /usr/share/nginx/html/
USER 101
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/frontend-entrypoint.sh"]
CMD ["nginx", "-g", "daemon off;"]
