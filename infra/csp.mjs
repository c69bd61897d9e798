// Content-Security-Policy of the staff UI and the child app as infra/static-server.mjs serves
// them. infra/docker/nginx.conf (with frontend-entrypoint.sh) sends the same policy from the
// image; keep the two in step.
//
// No 'unsafe-inline', 'unsafe-hashes' or 'unsafe-eval': scripts and styles come from the app's
// own origin, or carry the per-response nonce. The apps' index.html has
// `ngCspNonce="**CSP_NONCE**"` on its root element: the Angular build copies it onto the
// critical-CSS <style> and its media-switching <script>, Angular puts it on every component
// <style> it injects, and the server replaces the placeholder with a fresh nonce per response.
import { randomBytes } from 'node:crypto';

/** The placeholder in the built index.html that each HTML response replaces with its nonce. */
export const NONCE_PLACEHOLDER = '**CSP_NONCE**';

/** 128 random bits, base64 (a valid CSP nonce). */
export function newNonce() {
  return randomBytes(16).toString('base64');
}

/** The HTML with every nonce placeholder replaced. */
export function withNonce(html, nonce) {
  return html.split(NONCE_PLACEHOLDER).join(nonce);
}

/** Origin of an absolute http(s) URL, else undefined. */
export function originOf(value) {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value.trim())) return undefined;
  try {
    return new URL(value.trim()).origin;
  } catch {
    return undefined;
  }
}

/**
 * Origins of every http(s) URL anywhere in the config, at any depth (gateway, Keycloak, the
 * child app, the OTLP collector, ...): the app may fetch from any of them. Sorted, no repeats.
 */
export function configOrigins(config) {
  const found = new Set();
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    else {
      const origin = originOf(value);
      if (origin) found.add(origin);
    }
  };
  walk(config);
  return [...found].sort();
}

const unique = (list) => [...new Set(list.filter(Boolean))];

/**
 * The policy for one response.
 *   config: the app's parsed /config.json (staff: gatewayUrl, childAppUrl, keycloak.url, ...;
 *           child: gatewayUrl, previewOrigins, assetBaseUrl, ...)
 *   nonce: the response's nonce (HTML); without it scripts and styles are 'self' only
 *   frameAncestors: who may frame the app (space-separated sources); default: nobody
 */
export function contentSecurityPolicy({ config = {}, nonce, frameAncestors } = {}) {
  const nonceSource = nonce ? [`'nonce-${nonce}'`] : [];
  const directives = {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...nonceSource],
    'style-src': ["'self'", ...nonceSource],
    // The child app's BankID QR code is a data: image.
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // Read-aloud: recorded audio under assetBaseUrl (same origin unless configured otherwise).
    'media-src': unique(["'self'", 'blob:', 'data:', originOf(config.assetBaseUrl)]),
    'connect-src': unique(["'self'", ...configOrigins(config)]),
    // The staff editor frames the child app's #/preview. keycloak-js runs without its login
    // iframes (checkLoginIframe: false, no silent check-sso), so Keycloak is not framed.
    'frame-src': originOf(config.childAppUrl) ? [originOf(config.childAppUrl)] : ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    // Keycloak's sign-in and sign-out pages (a form post when keycloak-js logs out by POST).
    'form-action': unique(["'self'", originOf(config.keycloak?.url)]),
    'frame-ancestors': frameAncestors?.trim() ? frameAncestors.trim().split(/\s+/) : ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
