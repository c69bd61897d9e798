import { z } from 'zod';

/**
 * What production mode (NODE_ENV=production) refuses, for every process: an upstream that
 * is a simulator or on loopback, and a secret with a development value. Checked on the
 * parsed settings, so a setting added later is covered by its name (`…_URL`, `…_SECRET`, …)
 * without a rule of its own. A refused setting makes the process exit 78 naming it
 * (loadConfigOrExit); the value itself is never printed.
 */

/** Development values that are public (in this repository), beyond the schemas' own defaults. */
const KNOWN_DEV_VALUES = new Set<string>([
  'dev-sms-user', // SMS_API_USERNAME's default: the simulator's user
  'qwerty123', // passphrase of BankID's public test RP certificate (FPTestcert)
]);

/** Registers development defaults (e.g. every *_DEV_SECRETS) so production refuses them by value. */
export function registerDevelopmentValues(values: Record<string, string> | string[]): void {
  for (const v of Array.isArray(values) ? values : Object.values(values)) KNOWN_DEV_VALUES.add(v);
}

/** Words that mark a value as a development or placeholder secret (`dev-only-…`, `CHANGE-ME`, …). */
const DEV_MARKER = /dev-only|test-only|not-for-production|change-?me|placeholder/i;

/** Settings that hold secrets, by name. */
const SECRET_NAME = /(SECRET|_KEY|_KEYS|PASSWORD|PASSPHRASE)$/;
/** Settings that point at an upstream, by name (OTLP excepted: see below). */
const UPSTREAM_NAME = /(_URL|_URLS|_URIS|_ISSUER|_BROKERS|_ORIGINS|_ENDPOINT)$/;
/**
 * The OpenTelemetry collector is commonly a sidecar or node agent on loopback; it receives
 * telemetry only and is not a simulator of anything. Not so OTEL_EXPORTER_ZIPKIN_ENDPOINT:
 * Zipkin on loopback is the development one (infra/zipkin.sh), refused like any upstream.
 */
const LOOPBACK_ALLOWED = new Set(['OTEL_EXPORTER_OTLP_ENDPOINT']);

/** Host names of the local simulators and mail catchers (compose services, test doubles). */
const SIMULATOR_HOST = /(^|[.-])(sim|simulator|simulators|mock|fake|maildev|mailhog|mailpit|mailcatcher|smtp4dev)([.-]|$)/i;

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === 'localhost.localdomain') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '0.0.0.0') return true;
  if (h === '::1' || h === '::' || /^0*:(0*:)*0*:?0*1$/.test(h) || /^(0*:)+0*$/.test(h)) return true;
  // IPv4-mapped IPv6 (::ffff:127.0.0.1, or as URL parsing writes it, ::ffff:7f00:1).
  if (/^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(h)) return true;
  return false;
}

/** Host names of a setting's value: URLs (any scheme), host:port lists or a list of URLs. */
function hostsOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const hosts: string[] = [];
  for (const raw of items) {
    const item = String(raw).trim();
    if (!item) continue;
    if (item.includes('://')) {
      try {
        hosts.push(new URL(item).hostname);
      } catch {
        // Malformed URLs are the schema's business; an unparsable host is not ours to judge.
      }
    } else {
      const m = /^\[?([^\]]*?)\]?(?::\d+)?$/.exec(item);
      if (m) hosts.push(m[1]);
    }
  }
  return hosts;
}

/** Why an upstream value is refused in production, or undefined. */
export function upstreamProblem(value: unknown): string | undefined {
  for (const host of hostsOf(value)) {
    if (isLoopbackHost(host)) return 'must not point at loopback (127.0.0.0/8, localhost, ::1) in production';
    if (SIMULATOR_HOST.test(host)) return 'must not point at a simulator in production';
    if (/(^|\.)test\.bankid\.com$/i.test(host)) return "must not point at BankID's test environment in production";
  }
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  if (items.some((i) => /\/sim(\/|$)/.test(String(i)))) return 'must not point at a simulator in production';
  return undefined;
}

/** Why a secret value is refused in production, or undefined. */
export function secretProblem(value: unknown): string | undefined {
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
  for (const v of values.flatMap((s) => s.split(','))) {
    const text = v.includes(':') && !v.includes('-----') ? v.slice(v.indexOf(':') + 1) : v; // keyId:base64key lists
    const decoded = /^[A-Za-z0-9+/]{16,}={0,2}$/.test(text.trim()) ? Buffer.from(text.trim(), 'base64').toString('latin1') : '';
    if (KNOWN_DEV_VALUES.has(v) || KNOWN_DEV_VALUES.has(text.trim()) || DEV_MARKER.test(v) || DEV_MARKER.test(decoded)) {
      return 'is required in production (the development default is public)';
    }
  }
  return undefined;
}

/** The check every schema carries (via superRefine): no-op unless NODE_ENV=production. */
export function refuseDevelopmentValuesInProduction(cfg: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (cfg['NODE_ENV'] !== 'production') return;
  for (const [key, value] of Object.entries(cfg)) {
    if (value === undefined || value === '') continue;
    let problem: string | undefined;
    if (SECRET_NAME.test(key) || (typeof value === 'string' && KNOWN_DEV_VALUES.has(value))) problem = secretProblem(value);
    if (!problem && UPSTREAM_NAME.test(key) && !LOOPBACK_ALLOWED.has(key)) problem = upstreamProblem(value);
    if (!problem && key === 'BANKID_AUTOSTART_URL') problem = upstreamProblem(value);
    if (!problem && key === 'BANKID_CLIENT_CERT' && /FPTestcert/i.test(String(value))) {
      problem = "must not be BankID's public test certificate in production";
    }
    if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
  }
  // Unset, the Zipkin exporter falls back to the local development Zipkin (localhost:9411).
  if (cfg['OTEL_TRACES_EXPORTER'] === 'zipkin' && !cfg['OTEL_EXPORTER_ZIPKIN_ENDPOINT']) {
    ctx.addIssue({ code: 'custom', path: ['OTEL_EXPORTER_ZIPKIN_ENDPOINT'], message: 'is required in production when OTEL_TRACES_EXPORTER=zipkin' });
  }
}

/**
 * Production rules of one schema for settings the generic check cannot know: `required`
 * (optional settings whose fallback is a development value, e.g. OIDC_ISSUER) and `https`
 * (public URLs that browsers, BankID or the SMS provider use).
 */
export function productionRules(rules: { required?: string[]; https?: string[] }) {
  return (cfg: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    if (cfg['NODE_ENV'] !== 'production') return;
    for (const key of rules.required ?? []) {
      if (cfg[key] === undefined || cfg[key] === '') ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
    for (const key of rules.https ?? []) {
      const value = cfg[key];
      const items = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : [];
      if (upstreamProblem(value)) continue; // already refused, with a better reason, by the generic check
      if (items.some((v) => !/^https:\/\//.test(String(v)))) ctx.addIssue({ code: 'custom', path: [key], message: 'must be an https:// URL in production' });
    }
  };
}
