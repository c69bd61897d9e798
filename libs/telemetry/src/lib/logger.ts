import { trace } from '@opentelemetry/api';
import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Keys that may hold personal data or secrets. Whatever the nesting, their values are
 * replaced before a line is written. Logs must never carry personal data.
 */
export const REDACTED_KEYS = [
  'personalNumber',
  'personalIdentityNumber',
  'pnr',
  'name',
  'givenName',
  'surname',
  'email',
  'phone',
  'phoneNumber',
  'caseReference',
  'code',
  'accessCode',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'authorization',
  'cookie',
  'freeText',
  'answers',
  'feedbackText',
];

export const REDACT_PATHS = [
  ...REDACTED_KEYS,
  ...REDACTED_KEYS.map((k) => `*.${k}`),
  ...REDACTED_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-delaktig-identity"]',
  'res.headers["set-cookie"]',
];

export function loggerOptions(service: string, level = process.env['LOG_LEVEL'] ?? 'info'): LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const ctx = trace.getActiveSpan()?.spanContext();
      return ctx ? { trace_id: ctx.traceId, span_id: ctx.spanId } : {};
    },
  };
}

/** A JSON logger with trace ids and redaction of personal data. */
export function createLogger(service: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(service), destination) : pino(loggerOptions(service));
}

/** Drops the query string from a URL before logging (it may carry tokens or codes). */
export function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}
