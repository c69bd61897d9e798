import { isIP } from 'node:net';
import { z } from 'zod';
import { productionRules, refuseDevelopmentValuesInProduction, registerDevelopmentValues } from './production';

/**
 * Building blocks for settings. Every setting has a description: it is the
 * documentation (docs/SETTINGS.md is generated from these schemas).
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const setting = {
  port: (def: number) =>
    z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .default(def),
  postgresUrl: () =>
    z
      .string({ error: 'is required' })
      .refine((v) => /^postgres(ql)?:\/\/[^\s]+\/[A-Za-z0-9_]+(\?.*)?$/.test(v), {
        message: 'must be a postgresql://user@host:port/database URL',
      }),
  httpUrl: () =>
    z
      .string({ error: 'is required' })
      .refine((v) => /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v), { message: 'must be an http(s) URL' })
      .transform((v) => v.replace(/\/+$/, '')),
  brokers: () =>
    z
      .string({ error: 'is required' })
      .refine((v) => v.split(',').every((b) => /^[A-Za-z0-9.\-_]+:\d{1,5}$/.test(b.trim())), {
        message: 'must be a comma-separated list of host:port',
      })
      .transform((v) => v.split(',').map((b) => b.trim())),
  secret: (minLength = 32) =>
    z.string({ error: 'is required' }).min(minLength, `must be at least ${minLength} characters`),
  positiveInt: (def: number) =>
    z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive('must be > 0').default(def),
  logLevel: () => z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  optionalUrl: () =>
    z
      .string()
      .refine((v) => v === '' || /^https?:\/\/\S+$/.test(v), { message: 'must be an http(s) URL' })
      .optional()
      .transform((v) => (v ? v.replace(/\/+$/, '') : undefined)),
  csv: (def: string) =>
    z
      .string()
      .default(def)
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  flag: (def: boolean) =>
    z
      .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
      .default(def ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  topicPrefix: () =>
    z
      .string()
      .regex(/^[a-z0-9.\-_]*$/, 'may contain only a-z, 0-9, ".", "-" and "_"')
      .default(''),
};

/** Express's named address sets for 'trust proxy' (proxy-addr). */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** Why one TRUSTED_PROXIES entry is refused, or undefined. */
function trustedProxyProblem(entry: string): string | undefined {
  if (PROXY_NAMES.includes(entry.toLowerCase())) return undefined;
  const [ip, prefix, ...rest] = entry.split('/');
  const family = isIP(ip ?? '');
  if (!family || rest.length) return `"${entry}" is not an IP address, a CIDR range or one of ${PROXY_NAMES.join(', ')}`;
  if (prefix === undefined) return undefined;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (!(bits <= (family === 4 ? 32 : 128))) return `"${entry}" has no valid prefix length`;
  if (bits === 0) return `"${entry}" would trust every address: any client could choose its own`;
  return undefined;
}

/** TRUSTED_PROXIES: a comma-separated list, validated entry by entry; unset stays undefined. */
const trustedProxies = () =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const entries = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      for (const e of entries) {
        const problem = trustedProxyProblem(e);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
      return entries.length ? entries.map((e) => (PROXY_NAMES.includes(e.toLowerCase()) ? e.toLowerCase() : e)) : undefined;
    });

/** What the gateway trusts when TRUSTED_PROXIES is unset: only a proxy on the same host. */
export const DEFAULT_TRUSTED_PROXIES = ['loopback'];

/** Settings every process has. */
export const commonSettings = {
  HOST: z.string().min(1).default('0.0.0.0').describe('Address the HTTP server binds to (127.0.0.1 for loopback only).'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development').describe('Runtime mode.'),
  LOG_LEVEL: setting.logLevel().describe('Lowest log level written (JSON lines on stdout).'),
  OTEL_EXPORTER_OTLP_ENDPOINT: setting
    .optionalUrl()
    .describe('OTLP/HTTP endpoint of the OpenTelemetry collector; traces and metrics are exported only when set.'),
  OTEL_TRACES_EXPORTER: z
    .enum(['otlp', 'zipkin', 'none'], { error: 'must be otlp, zipkin or none' })
    .default('otlp')
    .describe('Where spans go: otlp (to OTEL_EXPORTER_OTLP_ENDPOINT), zipkin (to OTEL_EXPORTER_ZIPKIN_ENDPOINT; the development profile) or none. Metrics are always OTLP.'),
  OTEL_EXPORTER_ZIPKIN_ENDPOINT: setting
    .optionalUrl()
    .describe("Zipkin's span API when OTEL_TRACES_EXPORTER=zipkin; unset: http://localhost:9411/api/v2/spans (infra/zipkin.sh). Required in production with zipkin."),
  OTEL_SERVICE_NAME: z.string().optional().describe('Overrides the service name reported in traces.'),
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15000)
    .describe('Milliseconds between metric exports (request rate and latency, consumer lag, outbox backlog, open safety alerts).'),
  INTERNAL_TOKEN_SECRET: setting
    .secret()
    .describe('Shared secret (≥ 32 chars) with which the gateway signs the verified caller identity for the services.'),
};

/** Settings of every backend service (not the gateway). */
export const serviceSettings = {
  ...commonSettings,
  DATABASE_URL: setting.postgresUrl().describe("PostgreSQL URL of the service's own database."),
  KAFKA_BROKERS: setting.brokers().describe('Kafka bootstrap servers, comma-separated host:port.'),
  KAFKA_TOPIC_PREFIX: setting.topicPrefix().describe('Prefix for every topic and consumer group (empty in production).'),
  KAFKA_TOPIC_PARTITIONS: setting
    .positiveInt(6)
    .describe('Partitions of a topic the service creates if it is missing (more partitions, more parallel consumers).'),
  KAFKA_REPLICATION_FACTOR: setting
    .positiveInt(1)
    .describe('Replication factor of a topic the service creates if it is missing (3 on a production cluster).'),
  KAFKA_SSL: setting.flag(false).describe('Connect to Kafka over TLS (a managed cluster); the system CA store is trusted, plus KAFKA_SSL_CA_FILE.'),
  KAFKA_SSL_CA_FILE: z.string().optional().describe("PEM file of an extra CA to trust for Kafka's TLS certificates (e.g. a private cluster CA)."),
  KAFKA_SASL_MECHANISM: z
    .enum(['none', 'plain', 'scram-sha-256', 'scram-sha-512'], { error: 'must be none, plain, scram-sha-256 or scram-sha-512' })
    .default('none')
    .describe('SASL authentication towards Kafka (use with KAFKA_SSL=true; plain only over TLS).'),
  KAFKA_SASL_USERNAME: z.string().optional().describe('SASL user name (required when KAFKA_SASL_MECHANISM is not none).'),
  KAFKA_SASL_PASSWORD: z.string().optional().describe('SASL password (required when KAFKA_SASL_MECHANISM is not none); from a secret, never in a file in the repo.'),
  OUTBOX_POLL_INTERVAL_MS: setting
    .positiveInt(250)
    .describe('How often the outbox relay looks for unpublished events when no notification arrives (ms).'),
  OUTBOX_BATCH_SIZE: setting.positiveInt(500).describe('Most events the outbox relay publishes in one batch.'),
  OUTBOX_RETENTION_HOURS: setting
    .positiveInt(24)
    .describe('How long published outbox rows are kept before they are deleted (hours).'),
  PROCESSED_EVENT_RETENTION_DAYS: setting
    .positiveInt(30)
    .describe("How long ids of consumed events are kept for de-duplication (days); keep it longer than Kafka's topic retention."),
};

export const serviceConfigSchema = (port: number) =>
  z
    .object({
      ...serviceSettings,
      PORT: setting.port(port).describe('HTTP port for internal calls and health endpoints.'),
    })
    // Production refuses simulators, loopback upstreams and development secrets (production.ts).
    .superRefine(refuseDevelopmentValuesInProduction);

export const gatewayConfigSchema = z.object({
  ...commonSettings,
  PORT: setting.port(3000).describe('Public HTTP port of the API gateway.'),
  KEYCLOAK_ISSUER_URL: setting.httpUrl().describe('Issuer of staff tokens, e.g. http://localhost:8080/realms/delaktig.'),
  KEYCLOAK_JWKS_URL: setting
    .optionalUrl()
    .describe("Keycloak's JWKS URL when it differs from <issuer>/protocol/openid-connect/certs (e.g. inside Docker)."),
  GATEWAY_AUDIENCE: z.string().min(1).default('delaktig-gateway').describe('Audience every staff token must carry.'),
  IDENTITY_URL: setting.httpUrl().describe('Internal base URL of the identity service.'),
  SURVEY_DELIVERY_URL: setting.httpUrl().describe('Internal base URL of the survey-delivery service.'),
  RESPONSES_URL: setting.httpUrl().describe('Internal base URL of the responses service.'),
  STATISTICS_URL: setting.httpUrl().describe('Internal base URL of the statistics service.'),
  AUDIT_URL: setting.httpUrl().describe('Internal base URL of the audit service.'),
  CORS_ORIGINS: setting
    .csv('http://localhost:4200,http://localhost:4300')
    .describe('Browser origins allowed to call the API, comma-separated.'),
  RATE_LIMIT_PER_MINUTE: setting.positiveInt(600).describe('Requests per minute per client IP before 429.'),
  UPSTREAM_TIMEOUT_MS: setting.positiveInt(10000).describe('Timeout for a call from the gateway to a service (ms).'),
  CHILD_SESSION_RATE_LIMIT_PER_MINUTE: setting
    .positiveInt(10)
    .describe('Attempts per minute per client IP to open a child session (link token + code) before 429.'),
  CHILD_SESSION_JWKS_URL: setting
    .optionalUrl()
    .describe("JWKS of the child session tokens when it differs from <IDENTITY_URL>/child-access/jwks."),
  STAFF_REVOCATION_POLL_SECONDS: setting
    .positiveInt(5)
    .describe('How often the gateway asks identity for deactivated staff (seconds): their access tokens issued before the deactivation are refused from then on, not only when they expire.'),
  REDIS_URL: z
    .string()
    .refine((v) => v === '' || /^rediss?:\/\/\S+$/.test(v), { message: 'must be a redis:// or rediss:// URL' })
    .optional()
    .transform((v) => v || undefined)
    .describe(
      'Redis that holds the rate-limit counters every gateway replica shares, e.g. rediss://user:password@redis.example.org:6380/0 (ADR 0020). Unset: each process counts alone, in memory (N replicas allow N times the limit). Required in production; from the Secret, it may carry a password. While Redis is unreachable each replica counts in memory and logs a warning; no request fails because of it.',
    ),
  RATE_LIMIT_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:._-]*$/, 'may contain only letters, digits, ":", ".", "_" and "-"')
    .default('delaktig:ratelimit:')
    .describe('Prefix of the rate-limit keys in REDIS_URL (one Redis can serve several deployments).'),
  TRUSTED_PROXIES: trustedProxies().describe(
    "Reverse proxies whose X-Forwarded-For the gateway believes, comma-separated: IP addresses, CIDR ranges (10.42.0.0/16) or Express's names loopback, linklocal, uniquelocal. The client IP (rate limits, BankID's endUserIp) is the address of the last hop not in this list, so a client elsewhere cannot choose its own. Unset: loopback. Required in production: the ingress controller's pod addresses.",
  ),
})
  .superRefine(refuseDevelopmentValuesInProduction)
  .superRefine(productionRules({ required: ['REDIS_URL', 'TRUSTED_PROXIES'], https: ['KEYCLOAK_ISSUER_URL', 'CORS_ORIGINS'] }));

/** Development-only defaults of the identity service's secrets: refused when NODE_ENV=production. */
export const IDENTITY_DEV_SECRETS = {
  PIN_HASH_KEY: 'dev-only-pin-hash-key-not-for-production-000000',
  OIDC_COOKIE_SECRET: 'dev-only-oidc-cookie-secret-not-for-production-0',
  KEYCLOAK_BROKER_CLIENT_SECRET: 'dev-only-keycloak-broker-secret-not-for-production',
  KEYCLOAK_ADMIN_CLIENT_SECRET: 'dev-only-keycloak-admin-client-secret-not-for-production',
  CHILD_ACCESS_HASH_KEY: 'dev-only-child-access-hash-key-not-for-production',
} as const;

/**
 * The identity service: the common service settings plus its OpenID Connect provider,
 * the staff registry's personal-number hashing and the BankID RP API client.
 */
export const identityConfigSchema = serviceConfigSchema(3101)
  .extend({
    PIN_HASH_KEY: setting
      .secret()
      .default(IDENTITY_DEV_SECRETS.PIN_HASH_KEY)
      .describe(
        'Key (≥ 32 chars) of the HMAC-SHA256 with which personal identity numbers are stored in the staff registry. Required in production; changing it makes every registered number unfindable.',
      ),
    OIDC_ISSUER: setting
      .optionalUrl()
      .describe('Issuer URL of the OpenID Connect provider as Keycloak and browsers see it; default http://localhost:<PORT>/oidc.'),
    OIDC_COOKIE_SECRET: setting
      .secret()
      .default(IDENTITY_DEV_SECRETS.OIDC_COOKIE_SECRET)
      .describe('Key (≥ 32 chars) signing the OpenID Connect provider\'s login cookies. Required in production.'),
    OIDC_SIGNING_KEY: z
      .string()
      .optional()
      .describe(
        'Private key (PEM, RSA or EC P-256) or a file path to one, for signing ID tokens; when unset a key is generated once and kept in the identity database.',
      ),
    KEYCLOAK_BROKER_CLIENT_ID: z
      .string()
      .min(1)
      .default('delaktig-keycloak')
      .describe('Client id with which Keycloak (the identity broker) uses the OpenID Connect provider.'),
    KEYCLOAK_BROKER_CLIENT_SECRET: setting
      .secret()
      .default(IDENTITY_DEV_SECRETS.KEYCLOAK_BROKER_CLIENT_SECRET)
      .describe("Keycloak's client secret at the OpenID Connect provider (≥ 32 chars). Required in production."),
    KEYCLOAK_BROKER_REDIRECT_URIS: setting
      .csv('http://localhost:8080/realms/delaktig/broker/bankid/endpoint')
      .describe("Keycloak's broker endpoint(s) the provider may redirect to, comma-separated."),
    TRUST_PROXY_HOPS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be ≥ 0')
      .default(0)
      .describe('Reverse proxies in front of the service whose X-Forwarded-For is trusted (the BankID endUserIp is the client IP).'),
    BANKID_API_URL: setting
      .httpUrl()
      .default('http://127.0.0.1:3201/rp/v6.0')
      .describe('BankID RP API v6.0 base URL (production https://appapi2.bankid.com/rp/v6.0; default: the local simulator).'),
    BANKID_CLIENT_CERT: z.string().optional().describe('RP certificate for mutual TLS with BankID: PEM file or text, or a .p12/.pfx file.'),
    BANKID_CLIENT_KEY: z.string().optional().describe('Private key (PEM file or text) of BANKID_CLIENT_CERT; not needed with .p12.'),
    BANKID_CA_CERT: z.string().optional().describe("BankID's CA certificate (PEM file or text); required with BANKID_CLIENT_CERT."),
    BANKID_CLIENT_CERT_PASSPHRASE: z.string().optional().describe('Passphrase of the RP key or .p12, if any.'),
    KEYCLOAK_URL: setting
      .httpUrl()
      .default('http://localhost:8080')
      .describe("Keycloak's base URL for the identity service's Admin REST API calls (staff administration), e.g. http://keycloak:8080 inside a cluster."),
    KEYCLOAK_REALM: z.string().min(1).default('delaktig').describe('The Keycloak realm that holds staff users, district groups and roles.'),
    KEYCLOAK_ADMIN_CLIENT_ID: z
      .string()
      .min(1)
      .default('delaktig-identity-admin')
      .describe("Confidential service-account client of the identity service in the realm (realm-management: query-users, view-users, manage-users, query-groups)."),
    KEYCLOAK_ADMIN_CLIENT_SECRET: setting
      .secret()
      .default(IDENTITY_DEV_SECRETS.KEYCLOAK_ADMIN_CLIENT_SECRET)
      .describe('Client secret of KEYCLOAK_ADMIN_CLIENT_ID (≥ 32 chars). Required in production.'),
    CHILD_ACCESS_HASH_KEY: setting
      .secret()
      .default(IDENTITY_DEV_SECRETS.CHILD_ACCESS_HASH_KEY)
      .describe(
        "Key (≥ 32 chars) of the HMAC-SHA256 with which children's link tokens and codes are stored. Required in production; changing it makes every issued link and code invalid.",
      ),
    CHILD_SESSION_MINUTES: setting.positiveInt(20).describe('Lifetime of a child session token (minutes); the child app refreshes it while in use.'),
    CHILD_ACCESS_RETENTION_DAYS: setting
      .positiveInt(90)
      .describe('After a submitted response, how long the child can still open the invitation to read feedback (days); the access data is deleted after that.'),
    CHILD_SESSION_SIGNING_KEY: z
      .string()
      .optional()
      .describe('Private EC P-256 key (PEM) or a file path to one, for signing child session tokens (ES256); when unset a key is generated once and kept in the identity database.'),
    BANKID_AUTOSTART_URL: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === '' || v.includes('{autoStartToken}'), { message: 'must contain {autoStartToken}' })
      .describe(
        'Link of "Öppna BankID på den här enheten", {autoStartToken} and {returnUrl} are filled in; default bankid:///?autostarttoken={autoStartToken}&redirect=null in production, else the simulator\'s /sim/autostart.',
      ),
    CHILD_APP_URL: setting
      .httpUrl()
      .default('http://localhost:4300')
      .describe("Public URL of the child app: where BankID returns a young person who opened it on the same device (<CHILD_APP_URL>/#/i/<token>)."),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.NODE_ENV !== 'production') return;
    for (const [key, devValue] of Object.entries(IDENTITY_DEV_SECRETS)) {
      if ((cfg as Record<string, unknown>)[key] === devValue) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production (the development default is public)' });
      }
    }
  })
  .superRefine(
    productionRules({
      // Without them identity would fall back to http://localhost:<PORT>/oidc and no mTLS to BankID.
      required: ['OIDC_ISSUER', 'BANKID_CLIENT_CERT', 'BANKID_CA_CERT'],
      https: ['OIDC_ISSUER', 'BANKID_API_URL', 'CHILD_APP_URL', 'KEYCLOAK_BROKER_REDIRECT_URIS'],
    }),
  );

/** Development-only default of the responses encryption key: refused when NODE_ENV=production. */
export const RESPONSES_DEV_ENCRYPTION_KEY = 'ZGV2LW9ubHktcmVzcG9uc2VzLWtleS1ub3QtcHJvZCE='; // base64 of 32 bytes, public

const base64Key = z
  .string({ error: 'is required' })
  .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(v), {
    message: 'must be 32 bytes in base64 (e.g. openssl rand -base64 32)',
  });

/** Retention (gallring, ADR 0019): days a kind of child data is kept; at most ~27 years. */
const retentionDays = (def: number) => z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be ≥ 1').max(10_000, 'must be ≤ 10000').default(def);
const retentionInterval = setting.positiveInt(60).describe('How often the retention job (gallring) looks for data past its retention period (minutes).');

/**
 * The responses service: the common service settings plus the free-text encryption keys
 * and the safety-alert escalation.
 */
export const responsesConfigSchema = serviceConfigSchema(3103)
  .extend({
    RESPONSES_ENCRYPTION_KEY: base64Key
      .default(RESPONSES_DEV_ENCRYPTION_KEY)
      .describe('AES-256-GCM key (32 bytes, base64) for children\'s free-text answers. Required in production; keep old keys in RESPONSES_ENCRYPTION_OLD_KEYS when rotating.'),
    RESPONSES_ENCRYPTION_KEY_ID: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 letters, digits, "-" or "_"')
      .default('k1')
      .describe('Id of RESPONSES_ENCRYPTION_KEY, stored with every ciphertext so keys can be rotated.'),
    RESPONSES_ENCRYPTION_OLD_KEYS: z
      .string()
      .default('')
      .refine(
        (v) => v === '' || v.split(',').every((p) => /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]+={0,2}$/.test(p.trim()) && Buffer.from(p.trim().split(':')[1] ?? '', 'base64').length === 32),
        { message: 'must be a comma-separated list of keyId:base64key (32 bytes each)' },
      )
      .describe('Earlier encryption keys, still used for reading: comma-separated keyId:base64key.'),
    ALERT_ESCALATION_MINUTES: z.coerce
      .number({ error: 'must be a number' })
      .positive('must be > 0')
      .default(60)
      .describe('Minutes a safety alert may stay unacknowledged before it is escalated to the unit lead.'),
    ALERT_ESCALATION_CHECK_SECONDS: setting
      .positiveInt(30)
      .describe('How often the escalation job looks for overdue safety alerts (seconds).'),
    RETENTION_RESPONSE_DAYS: retentionDays(730).describe("Days a child's submitted answers are kept after submission, then deleted (gallring); statistics keeps its counts."),
    RETENTION_UNANSWERED_DAYS: retentionDays(90).describe(
      "Days after an unanswered invitation ended (expired or revoked) before its draft answers and responses' copy of the invitation are deleted.",
    ),
    RETENTION_FEEDBACK_DAYS: retentionDays(730).describe("Days feedback to the child and the child's rating of it are kept after they were given."),
    RETENTION_SAFETY_ALERT_DAYS: retentionDays(730).describe('Days an acknowledged safety alert (and its escalation steps) is kept after acknowledgement; unacknowledged alerts are never deleted.'),
    RETENTION_INTERVAL_MINUTES: retentionInterval,
  })
  .superRefine((cfg, ctx) => {
    if (cfg.NODE_ENV === 'production' && cfg.RESPONSES_ENCRYPTION_KEY === RESPONSES_DEV_ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['RESPONSES_ENCRYPTION_KEY'], message: 'is required in production (the development default is public)' });
    }
  });

/** Development-only defaults of survey-delivery's secrets: refused when NODE_ENV=production. */
export const SURVEY_DELIVERY_DEV_SECRETS = {
  CHILD_REF_KEY: 'dev-only-child-ref-key-not-for-production-0000000',
  DELIVERY_ENCRYPTION_KEY: 'dev-only-delivery-encryption-key-not-for-production',
  SMS_API_PASSWORD: 'dev-only-sms-password',
  SMS_CALLBACK_SECRET: 'dev-only-sms-callback-secret-not-for-production-00',
} as const;

/**
 * survey-delivery: the common service settings plus invitations (child reference key,
 * expiry, reminders) and their delivery by e-mail (SMTP) and SMS (46elks' HTTP API).
 */
export const surveyDeliveryConfigSchema = serviceConfigSchema(3102)
  .extend({
    CHILD_REF_KEY: setting
      .secret()
      .default(SURVEY_DELIVERY_DEV_SECRETS.CHILD_REF_KEY)
      .describe(
        'Key (≥ 32 chars) of the HMAC-SHA256 that turns district, case reference and birth year into the pseudonymous childRef. Changing it breaks the link between a child\'s occasions. Required in production.',
      ),
    DELIVERY_ENCRYPTION_KEY: setting
      .secret()
      .default(SURVEY_DELIVERY_DEV_SECRETS.DELIVERY_ENCRYPTION_KEY)
      .describe("Key material (≥ 32 chars) for AES-256-GCM encryption of the child's phone number, e-mail address and link at rest. Required in production."),
    CHILD_APP_URL: setting.httpUrl().default('http://localhost:4300').describe("Public URL of the child app; links are <CHILD_APP_URL>/#/i/<token>."),
    INVITATION_DEFAULT_EXPIRY_DAYS: setting.positiveInt(14).describe('Expiry of a new invitation when the caseworker sets none (days).'),
    INVITATION_MAX_EXPIRY_DAYS: setting.positiveInt(90).describe('Latest expiry a caseworker may set or extend to, counted from now (days).'),
    REMINDER_HOURS_BEFORE_EXPIRY: setting
      .positiveInt(48)
      .describe('A reminder goes out this many hours before expiry to a child who has not started answering (once per invitation).'),
    EXPIRY_CHECK_INTERVAL_MS: setting.positiveInt(30000).describe('How often expired invitations and due reminders are looked for (ms).'),
    DELIVERY_POLL_INTERVAL_MS: setting.positiveInt(1000).describe('How often the delivery worker looks for due messages when not woken (ms).'),
    DELIVERY_MAX_ATTEMPTS: setting.positiveInt(5).describe('Attempts per message before delivery is given up (InvitationDeliveryFailed with final=true).'),
    DELIVERY_RETRY_BASE_MS: setting
      .positiveInt(5000)
      .describe('First retry delay after a temporary delivery failure (ms); doubles per attempt, with jitter, at most one hour.'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL')
      .default('smtp://127.0.0.1:1025')
      .describe('Mail server for e-mail invitations, e.g. smtps://user:pass@mail.example.se:465 (default: the local maildev).'),
    MAIL_FROM: z.string().min(3).default('Delaktig <delaktig@stockholm.se>').describe('Sender of e-mails in normal mode.'),
    MAIL_FROM_DISCREET: z.string().min(3).default('Info <info@stockholm.se>').describe('Neutral sender of e-mails in discreet mode (no mention of social services).'),
    SMS_API_URL: setting
      .httpUrl()
      .default('http://127.0.0.1:3250/a1')
      .describe("Base URL of the SMS provider's 46elks-compatible API (production https://api.46elks.com/a1; default: the local simulator)."),
    SMS_API_USERNAME: z.string().min(1).default('dev-sms-user').describe('API username at the SMS provider (HTTP basic auth).'),
    SMS_API_PASSWORD: z
      .string()
      .min(1)
      .default(SURVEY_DELIVERY_DEV_SECRETS.SMS_API_PASSWORD)
      .describe('API password at the SMS provider (HTTP basic auth). Required in production.'),
    SMS_SENDER: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{2,10}$/, 'must be 3–11 letters or digits, starting with a letter')
      .default('Stockholm')
      .describe('Alphanumeric SMS sender in normal mode.'),
    SMS_SENDER_DISCREET: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{2,10}$/, 'must be 3–11 letters or digits, starting with a letter')
      .default('Info')
      .describe('Neutral alphanumeric SMS sender in discreet mode.'),
    SMS_CALLBACK_URL: setting
      .optionalUrl()
      .describe("Public base URL the SMS provider posts delivery reports to (…/callbacks/sms/<id>); default http://127.0.0.1:<PORT>."),
    SMS_CALLBACK_SECRET: setting
      .secret()
      .default(SURVEY_DELIVERY_DEV_SECRETS.SMS_CALLBACK_SECRET)
      .describe('Key (≥ 32 chars) signing the delivery-report URL given to the SMS provider. Required in production.'),
    IDENTITY_URL: setting
      .httpUrl()
      .default('http://127.0.0.1:3101')
      .describe("Internal base URL of the identity service: the work contacts of a safety alert's recipients and the district's escalation ladder."),
    STAFF_APP_URL: setting
      .httpUrl()
      .default('http://localhost:4200')
      .describe('Public URL of the staff UI; safety-alert messages link to <STAFF_APP_URL>/larm?alert=<id> (sign in, then acknowledge).'),
    ALERT_LADDER_INTERVAL_MS: setting
      .positiveInt(5000)
      .describe('How often unacknowledged safety alerts are checked for their next escalation step (ms).'),
    ALERT_NOTIFY_MAX_AGE_MINUTES: setting
      .positiveInt(1440)
      .describe('A safety alert that reaches survey-delivery later than this after it was raised (e.g. replayed history) is recorded but not notified (minutes).'),
    RETENTION_CONTACT_DAYS: retentionDays(90).describe(
      "Days the child's encrypted phone number or e-mail address is kept after a submitted invitation's last message (feedback notices need it), then erased.",
    ),
    RETENTION_INVITATION_DAYS: retentionDays(730).describe(
      'Days an ended invitation (submitted, expired or revoked) is kept with its case reference and messages after it ended or its last message, then deleted.',
    ),
    RETENTION_SAFETY_ALERT_DAYS: retentionDays(730).describe("Days a closed safety alert's notification ladder (messages to staff) is kept after it closed."),
    RETENTION_INTERVAL_MINUTES: retentionInterval,
    ALERT_LADDER_TEST_CLOCK: setting
      .flag(false)
      .describe(
        'Test only: POST /internal/v1/alert-ladder/run {"at": …} runs the escalation ladder as if it were that time (a controllable clock for tests). Refused in production.',
      ),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.NODE_ENV !== 'production') return;
    if (cfg.ALERT_LADDER_TEST_CLOCK) ctx.addIssue({ code: 'custom', path: ['ALERT_LADDER_TEST_CLOCK'], message: 'is a test-only feature and refused in production' });
    for (const [key, devValue] of Object.entries(SURVEY_DELIVERY_DEV_SECRETS)) {
      if ((cfg as Record<string, unknown>)[key] === devValue) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production (the development default is public)' });
      }
    }
  })
  .superRefine(
    productionRules({
      // Without SMS_CALLBACK_URL delivery reports would be sent to http://127.0.0.1:<PORT>.
      required: ['SMS_CALLBACK_URL'],
      https: ['SMS_API_URL', 'SMS_CALLBACK_URL', 'CHILD_APP_URL', 'STAFF_APP_URL'],
    }),
  );

/** Development-only default of the statistics service's cell-key secret: refused when NODE_ENV=production. */
export const STATISTICS_DEV_SECRETS = {
  STATISTICS_CELL_KEY_SECRET: 'dev-only-statistics-cell-key-secret-not-for-production',
} as const;

/** The statistics service: the common settings plus the secret behind the cell-key protection (ADR 0011). */
export const statisticsConfigSchema = serviceConfigSchema(3104)
  .extend({
    STATISTICS_CELL_KEY_SECRET: setting
      .secret()
      .default(STATISTICS_DEV_SECRETS.STATISTICS_CELL_KEY_SECRET)
      .describe(
        "Key (≥ 32 chars) of the HMAC-SHA256 that gives every counted invitation its persistent record key; published counts are perturbed by the cell key derived from those record keys (ADR 0011). Required in production; keep it secret and never change it (a new key changes every published number).",
      ),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.NODE_ENV !== 'production') return;
    if (cfg.STATISTICS_CELL_KEY_SECRET === STATISTICS_DEV_SECRETS.STATISTICS_CELL_KEY_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['STATISTICS_CELL_KEY_SECRET'], message: 'is required in production (the development default is public)' });
    }
  });

/** Development-only default of the audit service's checkpoint key: refused when NODE_ENV=production. */
export const AUDIT_DEV_SECRETS = {
  // base64 of the 32-byte Ed25519 seed "dev-only-audit-checkpoint-key-00"
  AUDIT_CHECKPOINT_SIGNING_KEY: 'ZGV2LW9ubHktYXVkaXQtY2hlY2twb2ludC1rZXktMDA=',
} as const;

/**
 * The audit service (ADR 0014): the common settings, the owner's URL for migrations (the
 * service itself runs as the append-only writer role) and the signed Merkle checkpoints.
 */
export const auditConfigSchema = serviceConfigSchema(3105).extend({
  MIGRATION_DATABASE_URL: setting
    .postgresUrl()
    .optional()
    .describe(
      "PostgreSQL URL of the audit database's owner, used only to apply migrations (prisma migrate deploy; default DATABASE_URL). The service itself runs with DATABASE_URL as the writer role delaktig_audit_writer, which may only read and append to the log.",
    ),
  AUDIT_CHECKPOINT_SIGNING_KEY: setting
    .secret()
    .default(AUDIT_DEV_SECRETS.AUDIT_CHECKPOINT_SIGNING_KEY)
    .describe(
      'Ed25519 private key that seals every entry and signs the checkpoints (signed tree heads): base64 of the 32-byte seed, or a PKCS#8 PEM. Required in production; keep it out of the database and its administrators\' reach.',
    ),
  AUDIT_CHECKPOINT_PUBLIC_KEY: z
    .string()
    .optional()
    .describe('Ed25519 public key (base64 of the 32 raw bytes, or an SPKI PEM) with which seals and checkpoints are verified; default: derived from AUDIT_CHECKPOINT_SIGNING_KEY. Set it where only verification runs.'),
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: setting
    .positiveInt(60)
    .describe("How often each district's Merkle tree head is signed and published to Kafka (AuditCheckpointPublished) when it grew (seconds)."),
  AUDIT_OFFICE_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3])-([01]\d|2[0-4])$/, 'must be HH-HH, e.g. 07-18')
    .default('07-18')
    .describe('Office hours of the log review (weekdays, from-to whole hours in AUDIT_TIME_ZONE): a read of a child\'s answers outside them, or on a Saturday, Sunday, Swedish public holiday or day-off eve, is flagged "outside office hours".'),
  AUDIT_TIME_ZONE: z.string().min(1).default('Europe/Stockholm').describe('Time zone of the office hours and of the times in log review exports.'),
  AUDIT_FLAG_MANY_CHILDREN: setting
    .positiveInt(10)
    .describe('Log review: one staff member reading the answers of at least this many different children within AUDIT_FLAG_MANY_CHILDREN_MINUTES is flagged "many children in a short time".'),
  AUDIT_FLAG_MANY_CHILDREN_MINUTES: setting.positiveInt(60).describe('Window (minutes) of the "many children in a short time" flag.'),
});

// Production refuses every development default by value too, whatever setting carries it.
registerDevelopmentValues([
  ...Object.values(IDENTITY_DEV_SECRETS),
  ...Object.values(SURVEY_DELIVERY_DEV_SECRETS),
  ...Object.values(STATISTICS_DEV_SECRETS),
  ...Object.values(AUDIT_DEV_SECRETS),
  RESPONSES_DEV_ENCRYPTION_KEY,
]);

/** Every deployable's settings schema, by project name (used to check docker-compose and k8s). */
export const configSchemas = {
  gateway: gatewayConfigSchema,
  identity: identityConfigSchema,
  'survey-delivery': surveyDeliveryConfigSchema,
  responses: responsesConfigSchema,
  statistics: statisticsConfigSchema,
  audit: auditConfigSchema,
} as const;

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>>;
export type IdentityConfig = z.infer<typeof identityConfigSchema>;
export type ResponsesConfig = z.infer<typeof responsesConfigSchema>;
export type AuditConfig = z.infer<typeof auditConfigSchema>;
export type StatisticsConfig = z.infer<typeof statisticsConfigSchema>;
export type SurveyDeliveryConfig = z.infer<typeof surveyDeliveryConfigSchema>;
