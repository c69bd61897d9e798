#!/bin/sh
# Entrypoint of the frontend image (infra/docker/frontend.Dockerfile): writes the runtime
# config.json the app fetches before it starts (frontend/staff/src/app/core/config.ts),
# then execs nginx.
#   staff: { "gatewayUrl": $GATEWAY_PUBLIC_URL, "childAppUrl": $CHILD_APP_PUBLIC_URL (optional),
#            "keycloak": { "url": $KEYCLOAK_PUBLIC_URL, "realm": "delaktig", "clientId": "delaktig-staff" } }
#   child: { "gatewayUrl": $GATEWAY_PUBLIC_URL }
# When GATEWAY_PUBLIC_URL is unset the file is left as it is: Kubernetes mounts it,
# read-only, from a ConfigMap.
# Then it writes the origins for nginx.conf's Content-Security-Policy ($NGINX_CSP_CONF,
# default /tmp/delaktig-csp.conf), from that config.json: connect-src gets the origin of every
# http(s) URL in it (gateway, Keycloak, child app, OTLP collector, ...), frame-src the child
# app's (staff: the editor's preview), form-action Keycloak's, media-src assetBaseUrl's.
# FRAME_ANCESTORS (space-separated origins) lets those pages frame the app (the staff
# editor's preview of the child app); without it no page may (frame-ancestors 'none', DENY).
set -eu

HTML="${FRONTEND_HTML_DIR:-/usr/share/nginx/html}"
CONFIG="$HTML/config.json"
APP="${FRONTEND_APP:?FRONTEND_APP is not set (it is baked into the image)}"

# JSON string escaping for the few characters a URL could bring in.
json_string() {
  printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

if [ -n "${GATEWAY_PUBLIC_URL:-}" ]; then
  # TELEMETRY_PUBLIC_URL: the collector's OTLP/HTTP base URL as the browser reaches it; the app
  # then traces its calls to the gateway (libs/web-telemetry). Unset: no browser tracing.
  telemetry=""
  if [ -n "${TELEMETRY_PUBLIC_URL:-}" ]; then telemetry=" \"telemetryUrl\": $(json_string "$TELEMETRY_PUBLIC_URL"),"; fi
  case "$APP" in
    staff)
      : "${KEYCLOAK_PUBLIC_URL:?KEYCLOAK_PUBLIC_URL is required for the staff app}"
      child=""
      if [ -n "${CHILD_APP_PUBLIC_URL:-}" ]; then child=" \"childAppUrl\": $(json_string "$CHILD_APP_PUBLIC_URL"),"; fi
      json="{ \"gatewayUrl\": $(json_string "$GATEWAY_PUBLIC_URL"),$child$telemetry \"keycloak\": { \"url\": $(json_string "$KEYCLOAK_PUBLIC_URL"), \"realm\": $(json_string "${KEYCLOAK_REALM:-delaktig}"), \"clientId\": $(json_string "${KEYCLOAK_CLIENT_ID:-delaktig-staff}") } }"
      ;;
    *)
      json="{$telemetry \"gatewayUrl\": $(json_string "$GATEWAY_PUBLIC_URL") }"
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

# --- Content-Security-Policy origins (infra/csp.mjs does the same for local runs) ---------
CSP_CONF="${NGINX_CSP_CONF:-/tmp/delaktig-csp.conf}"
# config.json on one line; JSON may escape "/" as "\/".
config_json=$(tr '\r\n\t' '   ' <"$CONFIG")
# The origins of the absolute http(s) URLs in stdin, lower-case, sorted, space-separated. Only
# a plain scheme://host[:port] followed by /, ?, # or the closing quote counts, so nothing
# else can end up in nginx.conf.
origins() {
  grep -oE '"[Hh][Tt][Tt][Pp][Ss]?:(\\?/){2}[][A-Za-z0-9.:-]+(\\?/|[?#"])' \
    | sed -e 's/\\//g' -e 's/^"//' -e 's/[/?#"]$//' | tr 'A-Z' 'a-z' | sort -u | tr '\n' ' ' | sed 's/ *$//' || true
}
# The value of a top-level or nested string field ("name": "...") as a JSON fragment.
field() { printf '%s' "$1" | grep -oE "\"$2\"[[:space:]]*:[[:space:]]*\"[^\"]*\"" || true; }

connect=$(printf '%s' "$config_json" | origins)
child_origin=$(field "$config_json" childAppUrl | origins)
keycloak=$(printf '%s' "$config_json" | grep -oE '"keycloak"[[:space:]]*:[[:space:]]*\{[^}]*\}' || true)
keycloak_origin=$(field "$keycloak" url | origins)
asset_origin=$(field "$config_json" assetBaseUrl | origins)

frame_ancestors="${FRAME_ANCESTORS:-}"
case "$frame_ancestors" in
  *[!-A-Za-z0-9.:/*\'\ ]*)
    echo "frontend-entrypoint: FRAME_ANCESTORS may hold only origins separated by spaces" >&2
    exit 78
    ;;
esac
frame_ancestors=$(printf '%s' "$frame_ancestors" | tr -s ' ' | sed -e 's/^ //' -e 's/ $//')

prefixed() { [ -n "$1" ] && printf ' %s' "$1" || true; }
none="'none'"
if [ -n "$frame_ancestors" ]; then x_frame_options=""; else x_frame_options="DENY"; fi
{
  echo "# Written by frontend-entrypoint.sh from $CONFIG: origins for nginx.conf's Content-Security-Policy."
  echo "map \$host \$delaktig_csp_connect { default \"$(prefixed "$connect")\"; }"
  echo "map \$host \$delaktig_csp_media { default \"$(prefixed "$asset_origin")\"; }"
  echo "map \$host \$delaktig_csp_frame { default \"${child_origin:-$none}\"; }"
  echo "map \$host \$delaktig_csp_form { default \"$(prefixed "$keycloak_origin")\"; }"
  echo "map \$host \$delaktig_frame_ancestors { default \"${frame_ancestors:-$none}\"; }"
  echo "map \$host \$delaktig_x_frame_options { default \"$x_frame_options\"; }"
} >"$CSP_CONF"
echo "frontend-entrypoint: wrote $CSP_CONF (connect-src 'self'$(prefixed "$connect"))"

exec "$@"
