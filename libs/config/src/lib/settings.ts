import { z } from 'zod';

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
  topicPrefix: () =>
    z
      .string()
      .regex(/^[a-z0-9.\-_]*$/, 'may contain only a-z, 0-9, ".", "-" and "_"')
      .default(''),
};

/** Settings every process has. */
export const commonSettings = {
  HOST: z.string().min(1).default('0.0.0.0').describe('Address the HTTP server binds to (127.0.0.1 for loopback only).'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development').describe('Runtime mode.'),
  LOG_LEVEL: setting.logLevel().describe('Lowest log level written (JSON lines on stdout).'),
  OTEL_EXPORTER_OTLP_ENDPOINT: setting
    .optionalUrl()
    .describe('OTLP/HTTP endpoint of the OpenTelemetry collector; traces and metrics are exported only when set.'),
  OTEL_SERVICE_NAME: z.string().optional().describe('Overrides the service name reported in traces.'),
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
  z.object({
    ...serviceSettings,
    PORT: setting.port(port).describe('HTTP port for internal calls and health endpoints.'),
  });

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
});

/** Development-only defaults of the identity service's secrets: refused when NODE_ENV=production. */
export const IDENTITY_DEV_SECRETS = {
  PIN_HASH_KEY: 'dev-only-pin-hash-key-not-for-production-000000',
  OIDC_COOKIE_SECRET: 'dev-only-oidc-cookie-secret-not-for-production-0',
  KEYCLOAK_BROKER_CLIENT_SECRET: 'dev-only-keycloak-broker-secret-not-for-production',
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
    BANKID_AUTOSTART_URL: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === '' || v.includes('{autoStartToken}'), { message: 'must contain {autoStartToken}' })
      .describe(
        'Link of "Öppna BankID på den här enheten", {autoStartToken} and {returnUrl} are filled in; default bankid:///?autostarttoken={autoStartToken}&redirect=null in production, else the simulator\'s /sim/autostart.',
      ),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.NODE_ENV !== 'production') return;
    for (const [key, devValue] of Object.entries(IDENTITY_DEV_SECRETS)) {
      if ((cfg as Record<string, unknown>)[key] === devValue) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production (the development default is public)' });
      }
    }
  });

/** Every deployable's settings schema, by project name (used to check docker-compose and k8s). */
export const configSchemas = {
  gateway: gatewayConfigSchema,
  identity: identityConfigSchema,
  'survey-delivery': serviceConfigSchema(3102),
  responses: serviceConfigSchema(3103),
  statistics: serviceConfigSchema(3104),
  audit: serviceConfigSchema(3105),
} as const;

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>>;
export type IdentityConfig = z.infer<typeof identityConfigSchema>;
