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

/** Every deployable's settings schema, by project name (used to check docker-compose and k8s). */
export const configSchemas = {
  gateway: gatewayConfigSchema,
  identity: serviceConfigSchema(3101),
  'survey-delivery': serviceConfigSchema(3102),
  responses: serviceConfigSchema(3103),
  statistics: serviceConfigSchema(3104),
  audit: serviceConfigSchema(3105),
} as const;

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>>;
