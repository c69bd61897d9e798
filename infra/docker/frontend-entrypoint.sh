#!/bin/sh
# Entrypoint of the frontend image (infra/docker/frontend.Dockerfile): writes the runtime
# config.json the app fetches before it starts (frontend/staff/src/app/core/config.ts),
# then execs nginx.
#   staff: { "gatewayUrl": $GATEWAY_PUBLIC_URL, "childAppUrl": $CHILD_APP_PUBLIC_URL (optional),
#            "keycloak": { "url": $KEYCLOAK_PUBLIC_URL, "realm": "delaktig", "clientId": "delaktig-staff" } }
#   child: { "gatewayUrl": $GATEWAY_PUBLIC_URL }
# When GATEWAY_PUBLIC_URL is unset the file is left as it is: Kubernetes mounts it,
# read-only, from a ConfigMap.
set -eu

HTML="${FRONTEND_HTML_DIR:-/usr/share/nginx/html}"
CONFIG="$HTML/config.json"
APP="${FRONTEND_APP:?FRONTEND_APP is not set (it is baked into the image)}"

# JSON string escaping for the few characters a URL could bring in.
json_string() {
  printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

if [ -n "${GATEWAY_PUBLIC_URL:-}" ]; then
  case "$APP" in
    staff)
      : "${KEYCLOAK_PUBLIC_URL:?KEYCLOAK_PUBLIC_URL is required for the staff app}"
      child=""
      if [ -n "${CHILD_APP_PUBLIC_URL:-}" ]; then child=" \"childAppUrl\": $(json_string "$CHILD_APP_PUBLIC_URL"),"; fi
      json="{ \"gatewayUrl\": $(json_string "$GATEWAY_PUBLIC_URL"),$child \"keycloak\": { \"url\": $(json_string "$KEYCLOAK_PUBLIC_URL"), \"realm\": $(json_string "${KEYCLOAK_REALM:-delaktig}"), \"clientId\": $(json_string "${KEYCLOAK_CLIENT_ID:-delaktig-staff}") } }"
      ;;
    *)
      json="{ \"gatewayUrl\": $(json_string "$GATEWAY_PUBLIC_URL") }"
      ;;
  esac
  printf '%s\n' "$json" >"$CONFIG"
  echo "frontend-entrypoint: wrote $CONFIG for $APP"
elif [ -f "$CONFIG" ]; then
  echo "frontend-entrypoint: using the provided $CONFIG"
else
  echo "frontend-entrypoint: GATEWAY_PUBLIC_URL is not set and $CONFIG is missing" >&2
  exit 78
fi

exec "$@"
