import { z } from 'zod';
import { configSchemas } from './settings';

/** docs/SETTINGS.md, generated from the schemas so that every setting is documented. */
export function settingsDoc(): string {
  const lines = [
    '# Settings',
    '',
    'Generated from `libs/config/src/lib/settings.ts` by `npm run docs:settings`; a unit test keeps it in step.',
    'Every process validates its settings at start-up and exits with code 78 naming any missing or malformed one.',
    '',
    'In production mode (`NODE_ENV=production`) every process also refuses (exit 78, naming the setting): an upstream',
    '(`…_URL`, `…_URIS`, `…_ISSUER`, `…_BROKERS`, `…_ORIGINS`, `…_ENDPOINT`, `BANKID_AUTOSTART_URL`) on loopback',
    "(127.0.0.0/8, localhost, ::1) or at a simulator (a `sim`/`simulator`/`maildev` host, a `/sim/` path, BankID's test",
    'environment) — `OTEL_EXPORTER_OTLP_ENDPOINT` excepted, a collector may be a local agent; a secret (`…_SECRET`, `…_KEY`,',
    '`…_PASSWORD`, `…_PASSPHRASE`) or any value equal to a development default or marked `dev-only`, `test-only`,',
    '`not-for-production` or `CHANGE-ME` (also base64-encoded); and, where the fallback is a development value, a missing',
    '`OIDC_ISSUER`, `BANKID_CLIENT_CERT`, `BANKID_CA_CERT` (identity), `SMS_CALLBACK_URL` (survey-delivery), `REDIS_URL` or',
    '`TRUSTED_PROXIES` (gateway: shared rate limits across replicas, the client IP behind the ingress). Public URLs',
    '(issuers, `CORS_ORIGINS`, `CHILD_APP_URL`, `BANKID_API_URL`, `SMS_API_URL`, `SMS_CALLBACK_URL`, Keycloak\'s redirect URIs)',
    'must be https. See `libs/config/src/lib/production.ts`.',
    '',
  ];
  for (const [app, schema] of Object.entries(configSchemas)) {
    lines.push(`## ${app}`, '', '| setting | required | default | meaning |', '|---|---|---|---|');
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, { description?: string; default?: unknown }>;
      required?: string[];
    };
    for (const [key, prop] of Object.entries(json.properties)) {
      const required = json.required?.includes(key) && prop.default === undefined ? 'yes' : 'no';
      const def = prop.default === undefined || prop.default === '' ? '' : `\`${String(prop.default)}\``;
      lines.push(`| \`${key}\` | ${required} | ${def} | ${prop.description ?? ''} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
